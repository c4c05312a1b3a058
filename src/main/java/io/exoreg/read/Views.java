package io.exoreg.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exoreg.decision.DecidingCase;
import io.exoreg.decision.Decision;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.Rulesets;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of the read API. Field names are the contract of the specification. */
public final class Views {
  private Views() {}

  static final String CASES =
      "The most general (source, delivery method) pairs covered by the question that reach its"
          + " status: the question's own pair when it reaches the status itself, else the narrower"
          + " pairs the answer comes from";
  static final String COVERAGE =
      "rules when the table holds any rule for the ingredient in the jurisdiction or a level above"
          + " it; none when it holds none, so that the status is UNKNOWN for want of research";

  /** One of the pairs a decision comes from (clause 7 of the decision semantics). */
  public record DecidingCaseView(String source, String deliveryMethod, Status status) {
    static List<DecidingCaseView> of(Decision decision) {
      return decision.decidingCases().stream().map(DecidingCaseView::of).toList();
    }

    static DecidingCaseView of(DecidingCase c) {
      return new DecidingCaseView(c.source(), c.deliveryMethod(), c.status());
    }
  }

  /** The answer of {@code GET /status}, in canonical codes. */
  public record StatusAnswer(
      String ingredient,
      String jurisdiction,
      String source,
      String deliveryMethod,
      LocalDate at,
      Status status,
      List<String> conditions,
      @Schema(
              description =
                  "The rules that decide the status: for a question covering narrower pairs, those"
                      + " of every covered pair that reaches it")
          List<RuleEntry> decidingRules,
      @Schema(description = CASES, required = true) List<DecidingCaseView> decidingCases,
      @Schema(
              description = COVERAGE,
              enumeration = {"rules", "none"},
              required = true)
          String coverage,
      String explanation,
      long rulesetRevision,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(
              readOnly = true,
              description =
                  "With receipt=true only: a compact JWS (ES256) of this answer, verifiable with"
                      + " the keys of /.well-known/jwks.json")
          String receipt) {

    StatusAnswer withReceipt(String jws) {
      return new StatusAnswer(
          ingredient,
          jurisdiction,
          source,
          deliveryMethod,
          at,
          status,
          conditions,
          decidingRules,
          decidingCases,
          coverage,
          explanation,
          rulesetRevision,
          jws);
    }

    static StatusAnswer of(Decision decision, RuleTable table) {
      var q = decision.question();
      return new StatusAnswer(
          q.ingredient(),
          q.jurisdiction(),
          q.source(),
          q.deliveryMethod(),
          q.at(),
          decision.status(),
          decision.conditions(),
          decision.decidingRules().stream().map(rule -> Rulesets.document(rule, table)).toList(),
          DecidingCaseView.of(decision),
          decision.coverage().word(),
          table.explain(decision),
          table.revision(),
          null);
    }
  }

  /** One cell of the matrix: the decision for a source delivered one way. */
  public record MatrixCell(
      String source,
      String deliveryMethod,
      Status status,
      List<String> decidingRules,
      @Schema(description = CASES, required = true) List<DecidingCaseView> decidingCases,
      @Schema(
              description = COVERAGE,
              enumeration = {"rules", "none"},
              required = true)
          String coverage,
      List<String> conditions,
      String explanation) {
    static MatrixCell of(Decision decision, RuleTable table) {
      return new MatrixCell(
          decision.question().source(),
          decision.question().deliveryMethod(),
          decision.status(),
          decision.decidingRules().stream().map(Rule::id).toList(),
          DecidingCaseView.of(decision),
          decision.coverage().word(),
          decision.conditions(),
          table.explain(decision));
    }
  }

  /**
   * Every source x every delivery method in one jurisdiction; {@code rules} holds each rule that
   * decides a cell, with its citations.
   */
  public record Matrix(
      String ingredient,
      String jurisdiction,
      LocalDate at,
      @Schema(
              description = COVERAGE,
              enumeration = {"rules", "none"},
              required = true)
          String coverage,
      List<String> sources,
      List<String> deliveryMethods,
      List<MatrixCell> cells,
      List<RuleEntry> rules,
      long rulesetRevision) {}
}
