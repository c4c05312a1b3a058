package io.exoreg.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exoreg.decision.DecidingCase;
import io.exoreg.decision.Decision;
import io.exoreg.decision.Policy;
import io.exoreg.decision.Rule;
import io.exoreg.decision.Status;
import io.exoreg.ruleset.Bundle.LegalBasisEntry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The result of checking a catalogue: one result per product x market with its findings, a count
 * per status, and whether the catalogue passed. {@code rules} cites each deciding rule once.
 */
public record CheckReport(
    boolean passed,
    Status failOn,
    Status warnOn,
    long rulesetRevision,
    LocalDate at,
    Map<Status, Integer> summary,
    int failures,
    int warnings,
    List<Result> results,
    Map<String, CitedRule> rules,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(readOnly = true, description = "With policy= only: the policy checked against")
        PolicyRef policy) {

  /** The policy a catalogue was checked against, on top of the law. */
  public record PolicyRef(String id, String name) {}

  /** Which part of an answer asked with a policy gives a finding its status. */
  public enum DecidedBy {
    law,
    policy,
    both
  }

  /** The law's own answer to a finding, or the policy's (a null status when it is silent). */
  public record FindingPart(
      @Schema(
              nullable = true,
              implementation = Status.class,
              description = "Null, for a policy, when none of its rules applies")
          Status status,
      List<String> decidingRules) {
    static FindingPart of(Decision part) {
      return new FindingPart(part.status(), part.decidingRules().stream().map(Rule::id).toList());
    }
  }

  /** How one product x market fares against the thresholds. */
  public enum Outcome {
    pass,
    warn,
    fail
  }

  public record Result(
      String sku,
      @Schema(nullable = true) String name,
      String market,
      Status status,
      Outcome outcome,
      List<Finding> findings) {}

  /**
   * One (ingredient, source) x delivery method of a product in a market, decided. A product
   * declared with a broad source or method is decided over every narrower pair it covers, and
   * {@code decidingCases} names the pairs its status comes from.
   */
  public record Finding(
      String ingredient,
      String source,
      String deliveryMethod,
      Status status,
      Outcome outcome,
      List<String> decidingRules,
      @Schema(
              description =
                  "The most general pairs covered by the finding's source and method that reach"
                      + " its status: its own pair, or the narrower pairs the status comes from",
              required = true)
          List<CaseFinding> decidingCases,
      @Schema(
              description =
                  "rules when the table holds any rule for the ingredient in the market's"
                      + " jurisdiction or a level above it; none when it holds none",
              enumeration = {"rules", "none"},
              required = true)
          String coverage,
      List<String> conditions,
      String explanation,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(
              readOnly = true,
              description =
                  "With policy= only: whether the law, the policy or both give the status")
          DecidedBy decidedBy,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "With policy= only: the law's own answer")
          FindingPart law,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "With policy= only: the policy's own answer")
          FindingPart policy) {}

  /** A (source, delivery method) pair a finding's status comes from. */
  public record CaseFinding(String source, String deliveryMethod, Status status) {
    static List<CaseFinding> of(List<DecidingCase> cases) {
      return cases.stream()
          .map(c -> new CaseFinding(c.source(), c.deliveryMethod(), c.status()))
          .toList();
    }
  }

  /** A deciding rule as cited by a report: where it applies, what it says, and its legal basis. */
  public record CitedRule(
      String id,
      @Schema(nullable = true, description = "Null only for a policy's rule for everywhere")
          String jurisdiction,
      String source,
      String deliveryMethod,
      Status status,
      @Schema(
              nullable = true,
              description = "Null only for an UNKNOWN rule, or a policy's rule with a rationale")
          LegalBasisEntry legalBasis,
      @Schema(enumeration = {"high", "medium", "low"}) String confidence,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "A policy's rule only: the policy's id")
          String policy,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "A policy's rule only: why it says so")
          String rationale) {
    /** The rule as cited; {@code policy}, when given, is the policy its rule may belong to. */
    static CitedRule of(Rule rule, Policy policy) {
      boolean own = policy != null && policy.rule(rule.id()).isPresent();
      return new CitedRule(
          rule.id(),
          rule.jurisdiction(),
          rule.source(),
          rule.deliveryMethod(),
          rule.status(),
          rule.legalBasis() == null
              ? null
              : new LegalBasisEntry(
                  rule.legalBasis().instrument(),
                  rule.legalBasis().provision(),
                  rule.legalBasis().url()),
          rule.confidence(),
          own ? policy.id() : null,
          own ? rule.rationale() : null);
    }

    /** Whether it is a policy's rule rather than the law's. */
    boolean fromPolicy() {
      return policy != null;
    }
  }
}
