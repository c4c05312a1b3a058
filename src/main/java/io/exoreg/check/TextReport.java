package io.exoreg.check;

import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.Finding;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.CheckReport.Result;
import io.exoreg.decision.Status;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report as a summary a person reads in a CI log: failures and warnings in full, passes in a
 * line.
 */
public final class TextReport {
  private TextReport() {}

  public static String write(CheckReport report) {
    StringBuilder out = new StringBuilder();
    int passed = report.results().size() - report.failures() - report.warnings();
    out.append("exoreg catalogue check: ")
        .append(report.passed() ? "PASSED" : "FAILED")
        .append('\n');
    out.append("  fails on ")
        .append(report.failOn())
        .append(" or more severe; warns on ")
        .append(report.warnOn())
        .append(" or more severe\n");
    out.append("  ruleset revision ")
        .append(report.rulesetRevision())
        .append(", decided for ")
        .append(report.at())
        .append('\n');
    out.append("  ")
        .append(report.results().size())
        .append(" product x market results: ")
        .append(report.failures())
        .append(" failed, ")
        .append(report.warnings())
        .append(" warned, ")
        .append(passed)
        .append(" passed\n");
    out.append("  ")
        .append(
            report.summary().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append("\n\n");
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
          }
          if (finding.status() == Status.RESTRICTED) {
            finding
                .conditions()
                .forEach(c -> out.append("        condition: ").append(c).append('\n'));
          }
        }
      }
    }
    return out.toString();
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
            : " (" + String.join(", ", f.decidingRules()) + ")");
  }

  /** Every finding of a result with its explanation, one per line. */
  static String findings(List<Finding> findings) {
    return findings.stream()
        .map(f -> finding(f) + "\n  " + f.explanation())
        .collect(Collectors.joining("\n"));
  }

  static String basis(CitedRule rule) {
    var b = rule.legalBasis();
    return b.instrument()
        + (b.provision() == null ? "" : ", " + b.provision())
        + (b.url() == null ? "" : " <" + b.url() + ">");
  }
}
