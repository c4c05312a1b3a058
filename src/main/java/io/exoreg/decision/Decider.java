package io.exoreg.decision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The decision semantics of the product specification, section 3, clause by clause. Written with
 * plain loops: it is the service's inner loop, run for every question not answered before.
 */
final class Decider {
  private Decider() {}

  static Decision decide(RuleTable table, Question question) {
    List<String> chain = table.jurisdictions().chain(question.jurisdiction());
    // Clause 3: the law of every level applies at once, so the survivors of all levels compete.
    List<Rule> candidates = new ArrayList<>(4);
    for (String level : chain) {
      addMostSpecific(table, applying(table, question, level), candidates);
    }
    if (candidates.isEmpty()) {
      // Clause 5: no rule anywhere in the chain means UNKNOWN, never permitted.
      return new Decision(question, Status.UNKNOWN, List.of(), List.of());
    }
    // Clause 4: the most severe status wins; candidates keep chain order, then id order.
    Status status = Status.PERMITTED;
    for (Rule candidate : candidates) {
      if (candidate.status().isMoreSevereThan(status)) {
        status = candidate.status();
      }
    }
    List<Rule> deciding = new ArrayList<>(candidates.size());
    for (Rule candidate : candidates) {
      if (candidate.status() == status) {
        deciding.add(candidate);
      }
    }
    List<String> conditions;
    if (deciding.size() == 1) {
      conditions = deciding.get(0).conditions();
    } else {
      Set<String> union = new LinkedHashSet<>();
      deciding.forEach(rule -> union.addAll(rule.conditions()));
      conditions = List.copyOf(union);
    }
    return new Decision(question, status, deciding, conditions);
  }

  /** Clause 1, at one level of the chain. */
  private static List<Rule> applying(RuleTable table, Question question, String level) {
    List<Rule> rules = table.rulesAt(question.ingredient(), level);
    if (rules.isEmpty()) {
      return rules;
    }
    Set<String> sources = table.sources().ancestorsOrSelf(question.source());
    Set<String> methods = table.deliveryMethods().ancestorsOrSelf(question.deliveryMethod());
    List<Rule> applying = new ArrayList<>(rules.size());
    for (Rule rule : rules) {
      if (sources.contains(rule.source())
          && methods.contains(rule.deliveryMethod())
          && rule.inForceOn(question.at())) {
        applying.add(rule);
      }
    }
    return applying;
  }

  /** Clause 2: the maximal elements under "more specific in both dimensions". */
  private static void addMostSpecific(RuleTable table, List<Rule> applying, List<Rule> into) {
    for (Rule rule : applying) {
      boolean beaten = false;
      for (Rule other : applying) {
        if (beats(table, other, rule)) {
          beaten = true;
          break;
        }
      }
      if (!beaten) {
        into.add(rule);
      }
    }
  }

  private static boolean beats(RuleTable table, Rule a, Rule b) {
    boolean samePair =
        a.source().equals(b.source()) && a.deliveryMethod().equals(b.deliveryMethod());
    return !samePair
        && table.sources().isSameOrBelow(a.source(), b.source())
        && table.deliveryMethods().isSameOrBelow(a.deliveryMethod(), b.deliveryMethod());
  }
}
