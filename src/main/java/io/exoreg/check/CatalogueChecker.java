package io.exoreg.check;

import io.exoreg.check.CheckInput.Combination;
import io.exoreg.check.CheckInput.Market;
import io.exoreg.check.CheckReport.CaseFinding;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.Finding;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.CheckReport.Result;
import io.exoreg.decision.Decision;
import io.exoreg.decision.Question;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides every combination of a catalogue against one snapshot and judges each product x market by
 * its most severe status: at or above {@code failOn} it fails, at or above {@code warnOn} it warns.
 */
public final class CatalogueChecker {
  private CatalogueChecker() {}

  public static CheckReport check(RuleTable table, CheckInput input, Status failOn, Status warnOn) {
    // A catalogue asks the same few questions many times: each is decided and explained once.
    Map<Question, Decided> decided = new HashMap<>();
    Map<String, CitedRule> cited = new TreeMap<>();
    Map<Status, Integer> summary = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      summary.put(status, 0);
    }
    List<Result> results = new ArrayList<>();
    int failures = 0;
    int warnings = 0;
    for (CheckInput.Product product : input.products()) {
      for (Market market : product.markets()) {
        List<Finding> findings = new ArrayList<>(market.combinations().size());
        Status worst = Status.PERMITTED;
        for (Combination c : market.combinations()) {
          Question question =
              new Question(
                  c.ingredient(), market.code(), c.source(), c.deliveryMethod(), input.at());
          Decided once =
              decided.computeIfAbsent(
                  question,
                  q -> {
                    Decision d = table.decide(q);
                    return new Decided(
                        d,
                        d.decidingRules().stream().map(Rule::id).toList(),
                        CaseFinding.of(d.decidingCases()),
                        table.explain(d));
                  });
          Decision decision = once.decision();
          for (Rule rule : decision.decidingRules()) {
            cited.computeIfAbsent(rule.id(), id -> CitedRule.of(rule));
          }
          if (decision.status().isMoreSevereThan(worst)) {
            worst = decision.status();
          }
          findings.add(
              new Finding(
                  c.ingredient(),
                  c.source(),
                  c.deliveryMethod(),
                  decision.status(),
                  outcome(decision.status(), failOn, warnOn),
                  once.ruleIds(),
                  once.cases(),
                  decision.coverage().word(),
                  decision.conditions(),
                  once.explanation()));
        }
        Outcome outcome = outcome(worst, failOn, warnOn);
        failures += outcome == Outcome.fail ? 1 : 0;
        warnings += outcome == Outcome.warn ? 1 : 0;
        summary.merge(worst, 1, Integer::sum);
        results.add(
            new Result(product.sku(), product.name(), market.code(), worst, outcome, findings));
      }
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
        cited);
  }

  private record Decided(
      Decision decision, List<String> ruleIds, List<CaseFinding> cases, String explanation) {}

  static Outcome outcome(Status status, Status failOn, Status warnOn) {
    if (status.isAtLeast(failOn)) {
      return Outcome.fail;
    }
    return status.isAtLeast(warnOn) ? Outcome.warn : Outcome.pass;
  }
}
