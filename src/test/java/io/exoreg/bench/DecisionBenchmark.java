package io.exoreg.bench;

import io.exoreg.decision.Decision;
import io.exoreg.decision.DefaultTable;
import io.exoreg.decision.Jurisdiction;
import io.exoreg.decision.Node;
import io.exoreg.decision.Question;
import io.exoreg.decision.RuleTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decisions per second on one thread over every ingredient x jurisdiction x source x delivery
 * method of the default table: decided from scratch, and looked up in a table decided once per
 * revision (what the service keeps for today's questions). Run by {@code bench/run.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBenchmark {
  private RuleTable table;
  private Question[] questions;
  private Map<Question, Decision> decidedOnce;
  private int next;

  @Setup
  public void setUp() {
    table = DefaultTable.table();
    LocalDate day = LocalDate.parse("2026-11-25");
    List<Question> all = new ArrayList<>();
    for (Node ingredient : table.ingredients().entries()) {
      for (Jurisdiction j : table.jurisdictions().entries()) {
        for (Node source : table.sources().entries()) {
          for (Node method : table.deliveryMethods().entries()) {
            all.add(new Question(ingredient.id(), j.code(), source.id(), method.id(), day));
          }
        }
      }
    }
    questions = all.toArray(new Question[0]);
    decidedOnce = new HashMap<>();
    for (Question q : questions) {
      decidedOnce.put(q, table.decide(q));
    }
  }

  private Question nextQuestion() {
    next = next + 1 == questions.length ? 0 : next + 1;
    return questions[next];
  }

  @Benchmark
  public Decision fromScratch() {
    return table.decide(nextQuestion());
  }

  @Benchmark
  public Decision perRevision() {
    return decidedOnce.get(nextQuestion());
  }
}
