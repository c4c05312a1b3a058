package io.exoreg.check;

import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.DecidedBy;
import io.exoreg.check.CheckReport.Finding;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.CheckReport.Result;
import io.exoreg.decision.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as a summary a person reads in a CI log: failures and warnings in full, passes in a
 * line.
 */
public final class TextReport {
  private TextReport() {}

  public static void write(CheckReport report, Writer out) throws IOException {
    StringBuilder head = new StringBuilder();
    int passed = report.results().size() - report.failures() - report.warnings();
    head.append("exoreg catalogue check: ")
        .append(report.passed() ? "PASSED" : "FAILED")
        .append('\n');
    head.append("  fails on ")
        .append(report.failOn())
        .append(" or more severe; warns on ")
        .append(report.warnOn())
        .append(" or more severe\n");
    head.append("  ruleset revision ")
        .append(report.rulesetRevision())
        .append(", decided for ")
        .append(report.at())
        .append('\n');
    head.append("  ")
        .append(report.results().size())
        .append(" product x market results: ")
        .append(report.failures())
        .append(" failed, ")
        .append(report.warnings())
        .append(" warned, ")
        .append(passed)
        .append(" passed\n");
    head.append("  ")
        .append(
            report.summary().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append("\n\n");
    out.append(head);
    for (Result result : report.results()) {
      out.append(
          String.format(
              "%-5s %s/%s  %s%s%n",
              result.outcome().name().toUpperCase(Locale.ROOT),
              result.sku(),
              result.market(),
              result.status(),
              result.name() == null || result.name().isBlank() ? "" : "  " + result.name()));
      if (result.outcome() != Outcome.pass) {
        for (Finding finding : result.findings()) {
          if (finding.outcome() == Outcome.pass) {
            continue;
          }
          out.append("      ").append(finding(finding)).append('\n');
          out.append("        ").append(finding.explanation()).append('\n');
          for (String id : finding.decidingRules()) {
            CitedRule rule = report.rules().get(id);
            if (rule != null && rule.legalBasis() != null) {
              out.append("        basis: ").append(basis(rule)).append('\n');
            }
            if (rule != null && rule.rationale() != null) {
              out.append("        policy ")
                  .append(rule.policy())
                  .append(", ")
                  .append(id)
                  .append(": ")
                  .append(rule.rationale())
                  .append('\n');
            }
          }
          if (finding.status() == Status.RESTRICTED) {
            for (String condition : finding.conditions()) {
              out.append("        condition: ").append(condition).append('\n');
            }
          }
        }
      }
    }
  }

  /**
   * One line per finding: "exosome/salmon x scalp-injection: NOT_APPROVED
   * (GB-any-source-injection)".
   */
  static String finding(Finding f) {
    return f.ingredient()
        + "/"
        + f.source()
        + " x "
        + f.deliveryMethod()
        + ": "
        + f.status()
        + (f.decidingRules().isEmpty()
            ? " (no rule applies)"
            : " (" + String.join(", ", f.decidingRules()) + ")")
        + (f.decidedBy() == null || f.decidedBy() == DecidedBy.law
            ? ""
            : f.decidedBy() == DecidedBy.policy ? " [by the policy]" : " [by law and policy]");
  }

  /**
   * Every finding of a result with its explanation, one per line, and the rationale of each policy
   * rule that decides it.
   */
  static String findings(List<Finding> findings, Map<String, CitedRule> rules) {
    return findings.stream()
        .map(f -> finding(f) + "\n  " + f.explanation() + rationales(f, rules, "\n  "))
        .collect(Collectors.joining("\n"));
  }

  /** "policy acme-vegan, acme-vegan-animal: ..." for each policy rule deciding the finding. */
  static String rationales(Finding finding, Map<String, CitedRule> rules, String before) {
    StringBuilder out = new StringBuilder();
    for (String id : finding.decidingRules()) {
      CitedRule rule = rules.get(id);
      if (rule != null && rule.rationale() != null) {
        out.append(before)
            .append("policy ")
            .append(rule.policy())
            .append(", ")
            .append(id)
            .append(": ")
            .append(rule.rationale());
      }
    }
    return out.toString();
  }

  static String basis(CitedRule rule) {
    var b = rule.legalBasis();
    return b.instrument()
        + (b.provision() == null ? "" : ", " + b.provision())
        + (b.url() == null ? "" : " <" + b.url() + ">");
  }
}
