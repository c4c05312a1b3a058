package io.exoreg.metrics;

import io.exoreg.decision.Status;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.DatabaseState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own meters. A decision is counted each time it is served, by the answer that
 * carries it, through a {@link Tally} whose counters were looked up once when the answer was made.
 */
@ApplicationScoped
public class DecisionMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
  private final Counter checksPassed;
  private final Counter checksFailed;

  public DecisionMetrics(MeterRegistry registry, CurrentTable current, DatabaseState database) {
    this.registry = registry;
    this.checksPassed = checks(registry, "passed");
    this.checksFailed = checks(registry, "failed");
    Gauge.builder(
            "exoreg.ruleset.revision", current, c -> c.get().map(t -> t.revision()).orElse(0L))
        .description("The revision of the rule-table snapshot this instance answers from")
        .register(registry);
    Gauge.builder("exoreg.snapshot.age", database, d -> d.snapshotAge().toMillis() / 1000.0)
        .baseUnit("seconds")
        .description("Time since the snapshot was last known to be the committed table")
        .register(registry);
    Gauge.builder("exoreg.stale", database, d -> d.reachable() ? 0 : 1)
        .description("1 while the database cannot be reached and reads may be stale")
        .register(registry);
  }

  private static Counter checks(MeterRegistry registry, String result) {
    return Counter.builder("exoreg.checks")
        .description("Catalogue checks run, by result")
        .tag("result", result)
        .register(registry);
  }

  /** Counts to add each time an answer is served: decisions per status in one jurisdiction. */
  public static final class Tally {
    private final Counter[] counters;
    private final int[] counts;

    private Tally(Counter[] counters, int[] counts) {
      this.counters = counters;
      this.counts = counts;
    }

    public void record() {
      for (int i = 0; i < counters.length; i++) {
        counters[i].increment(counts[i]);
      }
    }
  }

  /**
   * The tally of an answer holding these decisions in {@code jurisdiction}, served by {@code via}.
   */
  public Tally tally(String via, String jurisdiction, Map<Status, Integer> byStatus) {
    Counter[] counters = new Counter[byStatus.size()];
    int[] counts = new int[byStatus.size()];
    int i = 0;
    for (Map.Entry<Status, Integer> entry : byStatus.entrySet()) {
      counters[i] = decisions(via, jurisdiction, entry.getKey());
      counts[i++] = entry.getValue();
    }
    return new Tally(counters, counts);
  }

  private Counter decisions(String via, String jurisdiction, Status status) {
    return decisions.computeIfAbsent(
        via + '\n' + jurisdiction + '\n' + status,
        key ->
            Counter.builder("exoreg.decisions")
                .description(
                    "Decisions served, by status, jurisdiction and the endpoint that served them")
                .tag("status", status.name())
                .tag("jurisdiction", jurisdiction)
                .tag("via", via)
                .register(registry));
  }

  /** A check has run: its result, and its decisions by market and status. */
  public void checked(boolean passed, Map<String, Map<Status, Integer>> byMarket) {
    (passed ? checksPassed : checksFailed).increment();
    byMarket.forEach((market, byStatus) -> tally("check", market, byStatus).record());
  }
}
