package io.exoreg.check;

import io.exoreg.check.CheckInput.Combination;
import io.exoreg.check.CheckInput.Market;
import io.exoreg.check.CheckInput.Product;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.PolicyRef;
import io.exoreg.check.ImpactReport.Cause;
import io.exoreg.check.ImpactReport.ImpactChange;
import io.exoreg.check.ImpactReport.Side;
import io.exoreg.decision.Decision;
import io.exoreg.decision.Policy;
import io.exoreg.decision.PolicyDecision;
import io.exoreg.decision.Question;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The impact of a change on a catalogue: each product x market decided at the start (a revision on
 * a day), then at the end's revision on the same day, then on every day up to the end's when a rule
 * of that revision comes into or goes out of force. A result is judged as a check judges it: its
 * status is the most severe over its combinations.
 */
public final class ImpactAnalysis {
  private ImpactAnalysis() {}

  /** One point of the comparison: a revision of the table on a day. */
  public record Point(RuleTable table, LocalDate day) {}

  /**
   * The changes from {@code from} to {@code to}, with the policy of that id, when one is asked, on
   * top of the law at each revision that holds it.
   */
  public static ImpactReport analyse(
      CheckInput input, Point from, Point to, String policyId, Status failOn, Status warnOn) {
    Side[][] start = sides(input, from.table(), from.day(), policyId);
    List<ImpactChange> changes = new ArrayList<>();
    Side[][] before = start;
    if (from.table().revision() != to.table().revision()) {
      Side[][] after = sides(input, to.table(), from.day(), policyId);
      compare(input, before, after, from.day(), Cause.revision, failOn, warnOn, changes);
      before = after;
    }
    for (LocalDate day : effectiveDays(to.table(), policyId, from.day(), to.day())) {
      Side[][] after = sides(input, to.table(), day, policyId);
      compare(input, before, after, day, Cause.scheduled, failOn, warnOn, changes);
      before = after;
    }
    // a rule changed between the two revisions is cited as it is at the end
    Map<String, CitedRule> cited = new TreeMap<>();
    for (ImpactChange change : changes) {
      cite(to.table(), policyId, change.to(), cited);
    }
    for (ImpactChange change : changes) {
      cite(from.table(), policyId, change.from(), cited);
    }
    int failing =
        (int) changes.stream().filter(c -> c.outcome() == CheckReport.Outcome.fail).count();
    Policy policy = to.table().policy(policyId == null ? "" : policyId).orElse(null);
    return new ImpactReport(
        from.table().revision(),
        from.day(),
        to.table().revision(),
        to.day(),
        changes.size(),
        failing,
        failOn,
        warnOn,
        changes,
        cited,
        policy == null ? null : new PolicyRef(policy.id(), policy.name()));
  }

  private static void compare(
      CheckInput input,
      Side[][] before,
      Side[][] after,
      LocalDate day,
      Cause cause,
      Status failOn,
      Status warnOn,
      List<ImpactChange> changes) {
    for (int p = 0; p < before.length; p++) {
      Product product = input.products().get(p);
      for (int m = 0; m < before[p].length; m++) {
        Side was = before[p][m];
        Side is = after[p][m];
        if (was.status() != is.status()) {
          changes.add(
              new ImpactChange(
                  product.sku(),
                  product.name(),
                  product.markets().get(m).code(),
                  day,
                  cause,
                  was,
                  is,
                  is.status().isMoreSevereThan(was.status()),
                  CatalogueChecker.outcome(is.status(), failOn, warnOn)));
        }
      }
    }
  }

  /** Every product x market of the catalogue, decided on one table on one day. */
  private static Side[][] sides(CheckInput input, RuleTable table, LocalDate day, String policyId) {
    Policy policy = policyId == null ? null : table.policy(policyId).orElse(null);
    Map<Question, Decided> decided = new HashMap<>();
    Side[][] sides = new Side[input.products().size()][];
    for (int p = 0; p < sides.length; p++) {
      List<Market> markets = input.products().get(p).markets();
      sides[p] = new Side[markets.size()];
      for (int m = 0; m < markets.size(); m++) {
        Status worst = Status.PERMITTED;
        List<Decided> all = new ArrayList<>();
        for (Combination c : markets.get(m).combinations()) {
          Question question =
              new Question(
                  c.ingredient(), markets.get(m).code(), c.source(), c.deliveryMethod(), day);
          Decided once = decided.computeIfAbsent(question, q -> decide(table, q, policy));
          all.add(once);
          if (once.status().isMoreSevereThan(worst)) {
            worst = once.status();
          }
        }
        Set<String> rules = new LinkedHashSet<>();
        for (Decided once : all) {
          if (once.status() == worst) {
            rules.addAll(once.rules());
          }
        }
        sides[p][m] = new Side(worst, List.copyOf(rules));
      }
    }
    return sides;
  }

  private record Decided(Status status, List<String> rules) {}

  /**
   * One combination decided; a code the table does not hold (an older revision, before it was
   * added) is UNKNOWN there, with no rule.
   */
  private static Decided decide(RuleTable table, Question q, Policy policy) {
    if (!table.ingredients().contains(q.ingredient())
        || !table.jurisdictions().contains(q.jurisdiction())
        || !table.sources().contains(q.source())
        || !table.deliveryMethods().contains(q.deliveryMethod())) {
      return new Decided(Status.UNKNOWN, List.of());
    }
    if (policy == null) {
      Decision d = table.decide(q);
      return new Decided(d.status(), d.decidingRules().stream().map(Rule::id).toList());
    }
    PolicyDecision d = table.decide(q, policy);
    return new Decided(d.status(), d.decidingRules().stream().map(Rule::id).toList());
  }

  /** The days after {@code from}, up to {@code to}, on which a rule of the table changes force. */
  private static Set<LocalDate> effectiveDays(
      RuleTable table, String policyId, LocalDate from, LocalDate to) {
    Set<LocalDate> days = new TreeSet<>();
    Stream<Rule> rules =
        Stream.concat(
            table.rules().stream(),
            table.policy(policyId == null ? "" : policyId).stream()
                .flatMap(p -> p.rules().stream()));
    rules.forEach(
        rule -> {
          for (LocalDate day : new LocalDate[] {rule.effectiveFrom(), rule.effectiveTo()}) {
            if (day != null && day.isAfter(from) && !day.isAfter(to)) {
              days.add(day);
            }
          }
        });
    return days;
  }

  private static void cite(
      RuleTable table, String policyId, Side side, Map<String, CitedRule> cited) {
    Policy policy = policyId == null ? null : table.policy(policyId).orElse(null);
    for (String id : side.decidingRules()) {
      table.anyRule(id).ifPresent(rule -> cited.putIfAbsent(id, CitedRule.of(rule, policy)));
    }
  }
}
