package io.exoreg.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The decision semantics of the product specification, section 3, clause by clause. */
final class Decider {
  private Decider() {}

  static Decision decide(RuleTable table, Question question) {
    List<String> chain = table.jurisdictions().chain(question.jurisdiction());
    // Clause 3: the law of every level applies at once, so the survivors of all levels compete.
    List<Rule> candidates = new ArrayList<>();
    for (String level : chain) {
      candidates.addAll(mostSpecific(table, applying(table, question, level)));
    }
    if (candidates.isEmpty()) {
      return noRuleApplies(question, chain);
    }
    // Clause 4: the most severe status wins; candidates keep chain order, then id order.
    Status status = Status.PERMITTED;
    for (Rule candidate : candidates) {
      if (candidate.status().isMoreSevereThan(status)) {
        status = candidate.status();
      }
    }
    Status decided = status;
    List<Rule> deciding = candidates.stream().filter(rule -> rule.status() == decided).toList();
    Set<String> conditions = new LinkedHashSet<>();
    deciding.forEach(rule -> conditions.addAll(rule.conditions()));
    return new Decision(
        question, status, deciding, List.copyOf(conditions), explain(question, deciding, status));
  }

  /** Clause 1, at one level of the chain. */
  private static List<Rule> applying(RuleTable table, Question question, String level) {
    List<Rule> applying = new ArrayList<>();
    for (Rule rule : table.rulesAt(question.ingredient(), level)) {
      if (table.sources().isSameOrBelow(question.source(), rule.source())
          && table.deliveryMethods().isSameOrBelow(question.deliveryMethod(), rule.deliveryMethod())
          && rule.inForceOn(question.at())) {
        applying.add(rule);
      }
    }
    return applying;
  }

  /** Clause 2: the maximal elements under "more specific in both dimensions". */
  private static List<Rule> mostSpecific(RuleTable table, List<Rule> applying) {
    List<Rule> survivors = new ArrayList<>();
    for (Rule rule : applying) {
      boolean beaten = false;
      for (Rule other : applying) {
        if (beats(table, other, rule)) {
          beaten = true;
          break;
        }
      }
      if (!beaten) {
        survivors.add(rule);
      }
    }
    return survivors;
  }

  private static boolean beats(RuleTable table, Rule a, Rule b) {
    boolean samePair =
        a.source().equals(b.source()) && a.deliveryMethod().equals(b.deliveryMethod());
    return !samePair
        && table.sources().isSameOrBelow(a.source(), b.source())
        && table.deliveryMethods().isSameOrBelow(a.deliveryMethod(), b.deliveryMethod());
  }

  /** Clause 5: no rule anywhere in the chain means UNKNOWN, never permitted. */
  private static Decision noRuleApplies(Question question, List<String> chain) {
    String explanation =
        "No rule for %s in %s covers %s x %s on %s: %s"
            .formatted(
                question.ingredient(),
                String.join(" or ", chain),
                question.source(),
                question.deliveryMethod(),
                question.at(),
                Status.UNKNOWN);
    return new Decision(question, Status.UNKNOWN, List.of(), List.of(), explanation);
  }

  /**
   * Clause 6, e.g. "GB: GB-any-source-injection (any-source x injection) covers salmon x
   * scalp-injection: NOT_APPROVED".
   */
  private static String explain(Question question, List<Rule> deciding, Status status) {
    Map<String, List<Rule>> byLevel = new LinkedHashMap<>();
    deciding.forEach(
        rule -> byLevel.computeIfAbsent(rule.jurisdiction(), k -> new ArrayList<>()).add(rule));
    String covered = question.source() + " x " + question.deliveryMethod();
    String parts =
        byLevel.entrySet().stream()
            .map(
                level ->
                    level.getKey()
                        + ": "
                        + level.getValue().stream()
                            .map(r -> r.id() + " (" + r.source() + " x " + r.deliveryMethod() + ")")
                            .collect(Collectors.joining(" and "))
                        + (level.getValue().size() == 1 ? " covers " : " cover ")
                        + covered)
            .collect(Collectors.joining("; "));
    return parts + ": " + status;
  }
}
