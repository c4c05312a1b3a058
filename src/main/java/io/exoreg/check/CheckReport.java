package io.exoreg.check;

import io.exoreg.decision.DecidingCase;
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
    Map<String, CitedRule> rules) {

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
      String explanation) {}

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
      String jurisdiction,
      String source,
      String deliveryMethod,
      Status status,
      @Schema(nullable = true, description = "Null only for an UNKNOWN rule")
          LegalBasisEntry legalBasis,
      @Schema(enumeration = {"high", "medium", "low"}) String confidence) {
    static CitedRule of(Rule rule) {
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
          rule.confidence());
    }
  }
}
