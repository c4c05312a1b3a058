package io.exoreg.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.check.CatalogueReader;
import io.exoreg.check.CheckInput;
import io.exoreg.check.CheckReport;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.ImpactAnalysis;
import io.exoreg.check.ImpactAnalysis.Point;
import io.exoreg.check.ImpactReport;
import io.exoreg.check.ImpactReport.Cause;
import io.exoreg.check.ImpactReport.ImpactChange;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.Change;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RevisionWritten;
import io.exoreg.store.WatchStore;
import io.exoreg.store.WatchStore.EventDraft;
import io.exoreg.store.WatchStore.StoredWatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns revisions and days into watches' events. A revision's events are decided and written inside
 * its transaction, so they commit with it or not at all: each watch it concerns is compared on
 * today's date, before and after. A day's are written once across instances, when the day comes:
 * the current table on the last day done, walked to today over the rules' effective dates.
 */
@ApplicationScoped
public class WatchEvents {
  /** The furthest back the days a stopped service missed are caught up on. */
  static final int MAX_DAYS_BEHIND = 31;

  private final WatchStore store;
  private final CurrentTable current;
  private final ExoregConfig config;
  private final ObjectMapper json;
  private final Clock clock;

  public WatchEvents(
      WatchStore store, CurrentTable current, ExoregConfig config, ObjectMapper json, Clock clock) {
    this.store = store;
    this.current = current;
    this.config = config;
    this.json = json;
    this.clock = clock;
  }

  /** In the revision's transaction: the events of every watch whose results it changes. */
  void onRevision(@Observes RevisionWritten written) {
    List<StoredWatch> watches = store.all();
    if (watches.isEmpty()) {
      return;
    }
    LocalDate today = LocalDate.now(clock);
    Concern concern = Concern.of(written.changes());
    List<EventDraft> drafts = new ArrayList<>();
    for (StoredWatch watch : watches) {
      CheckInput input = input(watch, written.after(), written.before(), today);
      if (input == null || !concern.touches(watch, input)) {
        continue;
      }
      ImpactReport report =
          ImpactAnalysis.analyse(
              input,
              new Point(written.before(), today),
              new Point(written.after(), today),
              watch.policy(),
              Status.valueOf(watch.failOn()),
              Status.valueOf(watch.warnOn()));
      if (!report.changes().isEmpty()) {
        drafts.add(
            draft(
                watch,
                written.after().revision(),
                Cause.revision,
                today,
                report.changes(),
                report.rules()));
      }
    }
    store.append(drafts);
  }

  /**
   * Writes the events of the days up to {@code today} that no instance has written yet; false when
   * this instance's snapshot is behind the committed table, to be tried again.
   */
  public boolean turnDays(LocalDate today) {
    RuleTable table = current.get().orElse(null);
    if (table == null) {
      return false;
    }
    return store.turnDay(
        today,
        table.revision(),
        last -> {
          LocalDate from =
              last.isBefore(today.minusDays(MAX_DAYS_BEHIND))
                  ? today.minusDays(MAX_DAYS_BEHIND)
                  : last;
          List<EventDraft> drafts = new ArrayList<>();
          for (StoredWatch watch : store.all()) {
            CheckInput input = input(watch, table, table, from);
            if (input == null) {
              continue;
            }
            ImpactReport report =
                ImpactAnalysis.analyse(
                    input,
                    new Point(table, from),
                    new Point(table, today),
                    watch.policy(),
                    Status.valueOf(watch.failOn()),
                    Status.valueOf(watch.warnOn()));
            // a watch hears of the days after the one it was made on, and of each day once
            LocalDate made = watch.createdAt().toLocalDate();
            Map<LocalDate, List<ImpactChange>> byDay =
                report.changes().stream()
                    .filter(c -> c.on().isAfter(made))
                    .collect(
                        Collectors.groupingBy(ImpactChange::on, TreeMap::new, Collectors.toList()));
            byDay.forEach(
                (day, changes) ->
                    drafts.add(
                        draft(
                            watch,
                            table.revision(),
                            Cause.scheduled,
                            day,
                            changes,
                            report.rules())));
          }
          store.append(drafts);
        });
  }

  /**
   * The watch's catalogue read against the table after the change, or, when a code it names is
   * gone, the one before; null when neither reads it.
   */
  CheckInput input(StoredWatch watch, RuleTable after, RuleTable before, LocalDate today) {
    try {
      return read(watch, after, today);
    } catch (ProblemException gone) {
      try {
        return read(watch, before, today);
      } catch (ProblemException e) {
        return null;
      }
    }
  }

  CheckInput read(StoredWatch watch, RuleTable table, LocalDate today) {
    return CatalogueReader.of(table, config)
        .json(
            new ByteArrayInputStream(watch.catalogue().getBytes(StandardCharsets.UTF_8)),
            null,
            today);
  }

  private EventDraft draft(
      StoredWatch watch,
      long revision,
      Cause cause,
      LocalDate on,
      List<ImpactChange> changes,
      Map<String, CitedRule> cited) {
    Map<String, CitedRule> rules = new TreeMap<>();
    for (ImpactChange change : changes) {
      for (String id : change.from().decidingRules()) {
        rules.put(id, cited.get(id));
      }
      for (String id : change.to().decidingRules()) {
        rules.put(id, cited.get(id));
      }
    }
    rules.values().removeIf(Objects::isNull);
    int failing =
        (int) changes.stream().filter(c -> c.outcome() == CheckReport.Outcome.fail).count();
    OffsetDateTime now = OffsetDateTime.now(clock);
    return new EventDraft(
        watch.id(),
        watch.webhookUrl() != null,
        revision,
        cause.name(),
        on,
        id -> {
          try {
            return json.writeValueAsString(
                new WatchEvent(
                    id,
                    WatchEvent.TYPE,
                    watch.id(),
                    watch.name(),
                    now,
                    revision,
                    cause,
                    on,
                    changes.size(),
                    failing,
                    changes,
                    rules,
                    watch.policy()));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * Which watches a revision may concern: those naming an ingredient of a rule it changed, those
   * whose policy it changed, and every one when it changed anything else (a jurisdiction, a source,
   * a delivery method, a reference, the table's metadata).
   */
  private record Concern(boolean everyone, Set<String> ingredients, Set<String> policies) {
    static Concern of(List<Change> changes) {
      Set<String> ingredients = new HashSet<>();
      Set<String> policies = new HashSet<>();
      boolean everyone = false;
      for (Change change : changes) {
        switch (change.entity()) {
          case Change.RULE -> {
            for (Object entry : new Object[] {change.before(), change.after()}) {
              if (entry instanceof RuleEntry rule) {
                if (rule.ingredient() == null) {
                  everyone = true;
                } else {
                  ingredients.add(rule.ingredient());
                }
              }
            }
          }
          case Change.POLICY -> policies.add(change.id());
          default -> everyone = true;
        }
      }
      return new Concern(everyone, ingredients, policies);
    }

    boolean touches(StoredWatch watch, CheckInput input) {
      if (everyone || (watch.policy() != null && policies.contains(watch.policy()))) {
        return true;
      }
      return input.products().stream()
          .flatMap(p -> p.markets().stream())
          .flatMap(m -> m.combinations().stream())
          .anyMatch(c -> ingredients.contains(c.ingredient()));
    }
  }
}
