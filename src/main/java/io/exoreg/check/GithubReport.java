package io.exoreg.check;

import io.exoreg.check.CheckReport.Finding;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.CheckReport.Result;
import java.io.IOException;
import java.io.Writer;

/**
 * The report as GitHub Actions workflow commands: an {@code ::error} line per failing finding, a
 * {@code ::warning} line per warning, and a {@code ::notice} with the summary.
 */
public final class GithubReport {
  private GithubReport() {}

  public static void write(CheckReport report, Writer out) throws IOException {
    for (Result result : report.results()) {
      for (Finding finding : result.findings()) {
        if (finding.outcome() == Outcome.pass) {
          continue;
        }
        out.append("::")
            .append(finding.outcome() == Outcome.fail ? "error" : "warning")
            .append(" title=")
            .append(property(result.sku() + "/" + result.market() + " " + finding.status()))
            .append("::")
            .append(
                data(
                    TextReport.finding(finding)
                        + " - "
                        + finding.explanation()
                        + TextReport.rationales(finding, report.rules(), " - ")))
            .append('\n');
      }
    }
    out.append("::notice title=exoreg catalogue check::")
        .append(
            data(
                (report.passed() ? "passed" : "failed")
                    + ": "
                    + report.results().size()
                    + " product x market results, "
                    + report.failures()
                    + " failed, "
                    + report.warnings()
                    + " warned (fail on "
                    + report.failOn()
                    + ", warn on "
                    + report.warnOn()
                    + ", ruleset revision "
                    + report.rulesetRevision()
                    + ", "
                    + report.at()
                    + ")"))
        .append('\n');
  }

  /** Workflow-command message escaping. */
  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Workflow-command property escaping, which also covers the separators. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
