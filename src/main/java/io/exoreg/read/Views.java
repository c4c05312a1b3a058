package io.exoreg.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exoreg.decision.DecidingCase;
import io.exoreg.decision.Decision;
import io.exoreg.decision.PolicyDecision;
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
          @Schema(readOnly = true, description = "With policy= only: the law's own answer")
          LawPart law,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(
              readOnly = true,
              description =
                  "With policy= only: the policy's own answer; its status is null when no rule"
                      + " of the policy applies")
          PolicyPart policy,
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
          law,
          policy,
          jws);
    }

    /**
     * The answer with a policy: the more severe of the law's status and the policy's, the rules and
     * conditions of the parts that reach it, and each part on its own.
     */
    static StatusAnswer of(PolicyDecision decision, RuleTable table) {
      var q = decision.law().question();
      return new StatusAnswer(
          q.ingredient(),
          q.jurisdiction(),
          q.source(),
          q.deliveryMethod(),
          q.at(),
          decision.status(),
          decision.conditions(),
          documents(decision.decidingRules(), table),
          decision.decidingCases().stream().map(DecidingCaseView::of).toList(),
          decision.law().coverage().word(),
          table.explain(decision),
          table.revision(),
          LawPart.of(decision.law(), table),
          PolicyPart.of(decision, table),
          null);
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
          null,
          null,
          null);
    }
  }

  private static List<RuleEntry> documents(List<Rule> rules, RuleTable table) {
    return rules.stream().map(rule -> Rulesets.document(rule, table)).toList();
  }

  /** The law's own answer to a question asked with a policy. */
  public record LawPart(
      Status status,
      List<String> conditions,
      List<RuleEntry> decidingRules,
      @Schema(description = CASES, required = true) List<DecidingCaseView> decidingCases,
      String explanation) {
    static LawPart of(Decision law, RuleTable table) {
      return new LawPart(
          law.status(),
          law.conditions(),
          documents(law.decidingRules(), table),
          DecidingCaseView.of(law),
          table.explain(law));
    }
  }

  /** A policy's own answer: a null status when none of its rules applies (it is silent). */
  public record PolicyPart(
      String id,
      String name,
      @Schema(
              nullable = true,
              implementation = Status.class,
              description = "Null when no rule of the policy applies: the law's answer stands")
          Status status,
      List<String> conditions,
      List<RuleEntry> decidingRules,
      @Schema(description = CASES, required = true) List<DecidingCaseView> decidingCases,
      String explanation) {
    static PolicyPart of(PolicyDecision decision, RuleTable table) {
      Decision own = decision.byPolicy();
      return new PolicyPart(
          decision.policy().id(),
          decision.policy().name(),
          own.status(),
          own.conditions(),
          documents(own.decidingRules(), table),
          DecidingCaseView.of(own),
          table.explainPolicy(decision));
    }
  }

  /** One part of a matrix cell asked with a policy: its status and deciding rules' ids. */
  public record CellPart(
      @Schema(
              nullable = true,
              implementation = Status.class,
              description = "Null, for a policy, when none of its rules applies")
          Status status,
      List<String> decidingRules) {
    static CellPart of(Decision part) {
      return new CellPart(part.status(), part.decidingRules().stream().map(Rule::id).toList());
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
      String explanation,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "With policy= only: the law's own answer")
          CellPart law,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "With policy= only: the policy's own answer")
          CellPart policy) {
    static MatrixCell of(Decision decision, RuleTable table) {
      return new MatrixCell(
          decision.question().source(),
          decision.question().deliveryMethod(),
          decision.status(),
          decision.decidingRules().stream().map(Rule::id).toList(),
          DecidingCaseView.of(decision),
          decision.coverage().word(),
          decision.conditions(),
          table.explain(decision),
          null,
          null);
    }

    static MatrixCell of(PolicyDecision decision, RuleTable table) {
      Decision law = decision.law();
      return new MatrixCell(
          law.question().source(),
          law.question().deliveryMethod(),
          decision.status(),
          decision.decidingRules().stream().map(Rule::id).toList(),
          decision.decidingCases().stream().map(DecidingCaseView::of).toList(),
          law.coverage().word(),
          decision.conditions(),
          table.explain(decision),
          CellPart.of(law),
          CellPart.of(decision.byPolicy()));
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
      long rulesetRevision,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "With policy= only: the policy's id")
          String policy) {}
}
