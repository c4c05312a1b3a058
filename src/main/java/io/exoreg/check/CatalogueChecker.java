package io.exoreg.check;

import io.exoreg.check.CheckInput.Combination;
import io.exoreg.check.CheckInput.Market;
import io.exoreg.check.CheckReport.CaseFinding;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.DecidedBy;
import io.exoreg.check.CheckReport.Finding;
import io.exoreg.check.CheckReport.FindingPart;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.CheckReport.PolicyRef;
import io.exoreg.check.CheckReport.Result;
import io.exoreg.decision.Decision;
import io.exoreg.decision.Policy;
import io.exoreg.decision.PolicyDecision;
import io.exoreg.decision.Question;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * Decides every combination of a catalogue against one snapshot and judges each product x market by
 * its most severe status: at or above {@code failOn} it fails, at or above {@code warnOn} it warns.
 */
public final class CatalogueChecker {
  private CatalogueChecker() {}

  public static CheckReport check(RuleTable table, CheckInput input, Status failOn, Status warnOn) {
    return check(table, input, failOn, warnOn, null);
  }

  /**
   * As {@link #check}, with a policy on top of the law when {@code policy} is not null: each
   * finding's status is the more severe of the two, and says which of them gives it.
   */
  public static CheckReport check(
      RuleTable table, CheckInput input, Status failOn, Status warnOn, Policy policy) {
    // A catalogue asks the same few questions many times: each is decided and explained once.
    Map<Question, Decided> decided = new HashMap<>();
    Map<String, CitedRule> cited = new TreeMap<>();
    for (CheckInput.Product product : input.products()) {
      for (Market market : product.markets()) {
        for (Combination c : market.combinations()) {
          Decided once =
              decided.computeIfAbsent(question(input, market, c), q -> decide(table, q, policy));
          for (Rule rule : once.rules()) {
            cited.computeIfAbsent(rule.id(), id -> CitedRule.of(rule, policy));
          }
        }
      }
    }
    Results results = new Results(input, decided, failOn, warnOn);
    Map<Status, Integer> summary = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      summary.put(status, 0);
    }
    int failures = 0;
    int warnings = 0;
    for (Result result : results) {
      failures += result.outcome() == Outcome.fail ? 1 : 0;
      warnings += result.outcome() == Outcome.warn ? 1 : 0;
      summary.merge(result.status(), 1, Integer::sum);
    }
    return new CheckReport(
        failures == 0,
        failOn,
        warnOn,
        table.revision(),
        input.at(),
        new LinkedHashMap<>(summary),
        failures,
        warnings,
        results,
        cited,
        policy == null ? null : new PolicyRef(policy.id(), policy.name()));
  }

  private static Question question(CheckInput input, Market market, Combination c) {
    return new Question(c.ingredient(), market.code(), c.source(), c.deliveryMethod(), input.at());
  }

  /**
   * The results, one per product x market in the catalogue's order, each made from the answers
   * already decided when it is read: a catalogue of ten thousand products has hundreds of thousands
   * of findings, and a report written from them need never hold more than one.
   */
  private static final class Results extends AbstractList<Result> implements RandomAccess {
    private final CheckInput input;
    private final Map<Question, Decided> decided;
    private final Status failOn;
    private final Status warnOn;
    private final int[] product;
    private final int[] market;

    Results(CheckInput input, Map<Question, Decided> decided, Status failOn, Status warnOn) {
      this.input = input;
      this.decided = decided;
      this.failOn = failOn;
      this.warnOn = warnOn;
      int size = input.products().stream().mapToInt(p -> p.markets().size()).sum();
      this.product = new int[size];
      this.market = new int[size];
      int i = 0;
      for (int p = 0; p < input.products().size(); p++) {
        for (int m = 0; m < input.products().get(p).markets().size(); m++) {
          product[i] = p;
          market[i++] = m;
        }
      }
    }

    @Override
    public int size() {
      return product.length;
    }

    @Override
    public Result get(int index) {
      CheckInput.Product p = input.products().get(product[index]);
      Market m = p.markets().get(market[index]);
      List<Finding> findings = new ArrayList<>(m.combinations().size());
      Status worst = Status.PERMITTED;
      for (Combination c : m.combinations()) {
        Decided once = decided.get(question(input, m, c));
        if (once.status().isMoreSevereThan(worst)) {
          worst = once.status();
        }
        findings.add(
            new Finding(
                c.ingredient(),
                c.source(),
                c.deliveryMethod(),
                once.status(),
                outcome(once.status(), failOn, warnOn),
                once.ruleIds(),
                once.cases(),
                once.coverage(),
                once.conditions(),
                once.explanation(),
                once.decidedBy(),
                once.law(),
                once.policy()));
      }
      return new Result(
          p.sku(), p.name(), m.code(), worst, outcome(worst, failOn, warnOn), findings);
    }
  }

  private static Decided decide(RuleTable table, Question question, Policy policy) {
    if (policy == null) {
      Decision d = table.decide(question);
      return new Decided(
          d.status(),
          d.decidingRules(),
          CaseFinding.of(d.decidingCases()),
          d.coverage().word(),
          d.conditions(),
          table.explain(d),
          null,
          null,
          null);
    }
    PolicyDecision d = table.decide(question, policy);
    boolean byLaw = d.law().status() == d.status();
    return new Decided(
        d.status(),
        d.decidingRules(),
        CaseFinding.of(d.decidingCases()),
        d.law().coverage().word(),
        d.conditions(),
        table.explain(d),
        byLaw && d.decidedByPolicy()
            ? DecidedBy.both
            : d.decidedByPolicy() ? DecidedBy.policy : DecidedBy.law,
        FindingPart.of(d.law()),
        FindingPart.of(d.byPolicy()));
  }

  private record Decided(
      Status status,
      List<Rule> rules,
      List<CaseFinding> cases,
      String coverage,
      List<String> conditions,
      String explanation,
      DecidedBy decidedBy,
      FindingPart law,
      FindingPart policy) {
    List<String> ruleIds() {
      return rules.stream().map(Rule::id).toList();
    }
  }

  static Outcome outcome(Status status, Status failOn, Status warnOn) {
    if (status.isAtLeast(failOn)) {
      return Outcome.fail;
    }
    return status.isAtLeast(warnOn) ? Outcome.warn : Outcome.pass;
  }
}
