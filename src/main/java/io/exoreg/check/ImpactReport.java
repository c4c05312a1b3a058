package io.exoreg.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.PolicyRef;
import io.exoreg.decision.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What changes for a catalogue between two points, each a revision of the table on a day: every
 * product x market whose status differs, with its status and deciding rules before and after and
 * the day the change takes effect. {@code rules} cites each rule named, from either side.
 */
public record ImpactReport(
    long fromRevision,
    LocalDate fromDate,
    long toRevision,
    LocalDate toDate,
    @Schema(description = "How many product x market results change") int changed,
    @Schema(description = "How many changes make a result fail (at or above failOn)") int failing,
    Status failOn,
    Status warnOn,
    List<ImpactChange> changes,
    Map<String, CitedRule> rules,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(readOnly = true, description = "With policy= only: the policy on top of the law")
        PolicyRef policy) {

  /** Why a result changes: another revision of the table, or a rule's effective date. */
  public enum Cause {
    revision,
    scheduled
  }

  /** One side of a change: the status of the product x market and the rules that decide it. */
  public record Side(Status status, List<String> decidingRules) {}

  /**
   * A product x market whose status changes on {@code on}: for a change of revision, the from date;
   * for a scheduled change, the day a rule comes into or goes out of force.
   */
  public record ImpactChange(
      String sku,
      @Schema(nullable = true) String name,
      String market,
      LocalDate on,
      Cause cause,
      Side from,
      Side to,
      @Schema(description = "Whether the status after is more severe than before") boolean worse,
      @Schema(description = "The status after, judged against failOn and warnOn")
          CheckReport.Outcome outcome) {}
}
