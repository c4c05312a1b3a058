package io.exoreg.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.exoreg.decision.Status;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a receipt's payload says. A status receipt holds the canonical question, a check receipt the
 * digest of the exact report bytes sent and its summary; both hold the status, the deciding rules
 * with a digest of each one's content, and the ruleset revision. When policies are asked, {@code
 * law} and {@code policy} parts (each a status with its deciding rules) join these fields, and
 * {@code status} is the more severe of the two.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "iss",
  "iat",
  "jti",
  "question",
  "report",
  "status",
  "decidingRules",
  "rulesetRevision",
  "law",
  "policy"
})
@Schema(description = "The payload of a decision receipt")
public record ReceiptClaims(
    @Schema(description = "The issuer, exoreg.receipts.issuer", required = true) String iss,
    @Schema(description = "When it was issued, in seconds since the epoch", required = true)
        long iat,
    @Schema(description = "A unique id of this receipt", required = true) String jti,
    @Schema(description = "The question, in canonical codes: on a status receipt")
        QuestionPart question,
    @Schema(description = "The report as sent: on a check receipt") ReportPart report,
    @Schema(
            description =
                "The status answered; on a check receipt the most severe over its results",
            required = true)
        Status status,
    @Schema(description = "Each deciding rule's id and the SHA-256 of its content", required = true)
        List<RuleDigest> decidingRules,
    @Schema(description = "The ruleset revision that answered", required = true)
        long rulesetRevision,
    @Schema(description = "With a policy: the law's own status and deciding rules") PartClaim law,
    @Schema(description = "With a policy: its id, own status (null when silent) and rules")
        PartClaim policy) {

  /** A status question in canonical codes. */
  @JsonPropertyOrder({"ingredient", "jurisdiction", "source", "deliveryMethod", "at"})
  public record QuestionPart(
      String ingredient, String jurisdiction, String source, String deliveryMethod, String at) {}

  /** A check report as sent: the SHA-256 of its bytes, their media type, and what it concluded. */
  @JsonPropertyOrder({"sha256", "mediaType", "passed", "failOn", "warnOn", "at", "summary"})
  public record ReportPart(
      @Schema(description = "Hex SHA-256 of the response body's exact bytes") String sha256,
      String mediaType,
      boolean passed,
      Status failOn,
      Status warnOn,
      String at,
      @Schema(description = "Combinations per status") Map<Status, Integer> summary) {}

  /**
   * A deciding rule: its id and the hex SHA-256 of its content, the rule as exported in the bundle
   * format (compact JSON, the format's field order).
   */
  @JsonPropertyOrder({"id", "sha256"})
  public record RuleDigest(String id, String sha256) {}

  /** The law's part or the policy's of an answer asked with a policy. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "status", "decidingRules"})
  public record PartClaim(
      @Schema(description = "The policy's id; absent from the law's part") String id,
      @Schema(nullable = true) Status status,
      List<RuleDigest> decidingRules) {}
}
