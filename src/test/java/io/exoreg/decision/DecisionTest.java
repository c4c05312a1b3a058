package io.exoreg.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision semantics, case by case: the specification's worked examples, then each clause. */
public class DecisionTest {
  private static final RuleTable DEFAULT = DefaultTable.table();

  /**
   * A question and the answer it must get. {@code question} is "jurisdiction source method date".
   */
  public record Case(
      String description, RuleTable table, String question, Status status, List<String> deciding) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Case example(String description, String question, Status status, String... deciding) {
    return new Case(description, DEFAULT, question, status, List.of(deciding));
  }

  /** The worked examples of the specification, section 3, on the default table. */
  public static Stream<Case> workedExamples() {
    return Stream.of(
        example(
            "sub-source and sub-method are covered by the ancestors' rule",
            "GB human-umbilical-cord-msc topical 2026-11-25",
            Status.PROHIBITED,
            "GB-human-skin-application"),
        example(
            "France has no rule of its own, so the EU level applies",
            "FR human-adipose-msc topical 2026-11-25",
            Status.PROHIBITED,
            "EU-human-skin-application"),
        example(
            "two incomparable survivors, both PERMITTED",
            "GB salmon topical 2026-11-25",
            Status.PERMITTED,
            "GB-animal-skin-application",
            "GB-non-human-topical"),
        example(
            "incomparable survivors, both RESTRICTED",
            "EU bovine microneedling 2026-11-25",
            Status.RESTRICTED,
            "EU-bovine-skin-application",
            "EU-non-human-microneedling"),
        example(
            "UNKNOWN is more severe than RESTRICTED",
            "US bovine microneedling 2026-11-25",
            Status.UNKNOWN,
            "US-any-source-microneedling"),
        example(
            "the topical rule does not cover microneedling",
            "KR salmon microneedling 2026-11-25",
            Status.PROHIBITED,
            "KR-any-source-microneedling"),
        example(
            "the federal level applies in Florida",
            "US-FL human-adipose-msc scalp-injection 2026-11-25",
            Status.NOT_APPROVED,
            "US-any-source-injection"),
        example("no rule anywhere in the chain", "SG plant topical 2026-11-25", Status.UNKNOWN),
        example(
            "the GB rule is in force only from 2021-01-01",
            "GB human topical 2020-06-01",
            Status.UNKNOWN),
        example(
            "any source injected into the scalp in GB is not approved",
            "GB salmon scalp-injection 2026-11-25",
            Status.NOT_APPROVED,
            "GB-any-source-injection"));
  }

  /**
   * A table made for the clauses: chains RG -> WW, CC -> RG -> WW and CC-S -> CC -> RG -> WW, a
   * root DT for dates, a source tree any > (h, n > (a > b > bm, p)) and a method tree route > (skin
   * > (top, mn), inj > sc).
   */
  static final RuleTable CLAUSES =
      new TableBuilder()
          .jurisdiction("WW", null)
          .jurisdiction("RG", "WW")
          .jurisdiction("CC", "RG", "Cee")
          .jurisdiction("CC-S", "CC")
          .jurisdiction("DT", null)
          .jurisdiction("LONE", null)
          .source("any", null)
          .source("h", "any")
          .source("n", "any")
          .source("a", "n")
          .source("b", "a", "Bos")
          .source("bm", "b")
          .source("p", "n")
          .method("route", null)
          .method("skin", "route")
          .method("top", "skin")
          .method("mn", "skin")
          .method("inj", "route")
          .method("sc", "inj")
          // in-force dates: a closed period, an open end, an open start, and a general fallback
          .rule("DT-h-top-2021", "DT", "h", "top", "PROHIBITED", "2021-01-01", "2023-01-01")
          .rule("DT-h-top-2023", "DT", "h", "top", "RESTRICTED", "2023-01-01", null)
          .rule("DT-h-mn", "DT", "h", "mn", "NOT_APPROVED", null, "2024-06-01")
          .rule("DT-any-skin", "DT", "any", "skin", "PERMITTED", "2000-01-01", null)
          // the grandchild's own level: a general rule and a more specific, less severe one
          .rule("CC-any-skin", "CC", "any", "skin", "PROHIBITED", null, null, "banned")
          .rule("CC-p-top", "CC", "p", "top", "PERMITTED", null, null, "label it")
          // incomparable survivors at the region level
          .rule("RG-n-top", "RG", "n", "top", "PERMITTED", null, null, "notify")
          .rule(
              "RG-a-skin", "RG", "a", "skin", "RESTRICTED", null, null, "TSE certificate", "notify")
          .rule("RG-b-skin", "RG", "b", "skin", "RESTRICTED", null, null, "bovine standard")
          .rule("RG-n-mn", "RG", "n", "mn", "RESTRICTED", null, null, "notify", "depth limit")
          // the root: an explicit UNKNOWN and a permission for injections
          .rule("WW-any-sc", "WW", "any", "sc", "UNKNOWN", null, null)
          .rule("WW-p-inj", "WW", "p", "inj", "PERMITTED", null, null)
          .build();

  static Case clause(String description, String question, Status status, String... deciding) {
    return new Case(description, CLAUSES, question, status, List.of(deciding));
  }

  static Stream<Case> clauses() {
    return Stream.of(
        clause(
            "before every rule's first day nothing applies", "DT h top 1999-12-31", Status.UNKNOWN),
        clause(
            "a specific rule not yet in force leaves the general one deciding",
            "DT h top 2020-12-31",
            Status.PERMITTED,
            "DT-any-skin"),
        clause(
            "effectiveFrom is inclusive",
            "DT h top 2021-01-01",
            Status.PROHIBITED,
            "DT-h-top-2021"),
        clause(
            "the last day of a closed period is covered",
            "DT h top 2022-12-31",
            Status.PROHIBITED,
            "DT-h-top-2021"),
        clause(
            "effectiveTo is exclusive; the next rule takes over that day",
            "DT h top 2023-01-01",
            Status.RESTRICTED,
            "DT-h-top-2023"),
        clause(
            "an open end runs forever", "DT h top 2999-01-01", Status.RESTRICTED, "DT-h-top-2023"),
        clause(
            "an open start covers the distant past",
            "DT h mn 1900-01-01",
            Status.NOT_APPROVED,
            "DT-h-mn"),
        clause(
            "after a closed end the general rule decides again",
            "DT h mn 2024-06-01",
            Status.PERMITTED,
            "DT-any-skin"),
        clause(
            "a specific rule beats a general one at its level, even when less severe",
            "CC p top 2026-11-25",
            Status.PERMITTED,
            "CC-p-top",
            "RG-n-top"),
        clause(
            "incomparable survivors with different statuses: the most severe decides",
            "RG a top 2026-11-25",
            Status.RESTRICTED,
            "RG-a-skin"),
        clause(
            "incomparable survivors with the same status all decide",
            "RG a mn 2026-11-25",
            Status.RESTRICTED,
            "RG-a-skin",
            "RG-n-mn"),
        clause(
            "a more specific source beats its ancestor's rule with the same method",
            "RG bm top 2026-11-25",
            Status.RESTRICTED,
            "RG-b-skin"),
        clause(
            "two-level chain: the parent's rule applies in the child",
            "RG h sc 2026-11-25",
            Status.UNKNOWN,
            "WW-any-sc"),
        clause(
            "three-level chain: the grandparent's rule applies in the grandchild",
            "CC p inj 2026-11-25",
            Status.PERMITTED,
            "WW-p-inj"),
        clause(
            "levels do not override each other: the child's severe rule and the parent's compete",
            "CC b mn 2026-11-25",
            Status.PROHIBITED,
            "CC-any-skin"),
        clause(
            "four levels: a subdivision with no rules of its own inherits every level above",
            "CC-S h top 2026-11-25",
            Status.PROHIBITED,
            "CC-any-skin"),
        clause(
            "an explicit UNKNOWN rule outranks an incomparable PERMITTED one",
            "CC-S p sc 2026-11-25",
            Status.UNKNOWN,
            "WW-any-sc"),
        clause("an explicit UNKNOWN rule alone", "WW h sc 2026-11-25", Status.UNKNOWN, "WW-any-sc"),
        clause("a jurisdiction with no rules at all", "LONE h top 2026-11-25", Status.UNKNOWN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"workedExamples", "clauses"})
  void decides(Case c) {
    String[] q = c.question().split(" ");
    Decision decision =
        c.table().decide(new Question("exosome", q[0], q[1], q[2], LocalDate.parse(q[3])));
    assertEquals(c.status(), decision.status(), "status");
    assertEquals(
        c.deciding().stream().sorted().toList(),
        decision.decidingRules().stream().map(Rule::id).sorted().toList(),
        "deciding rules");
  }

  @Test
  void explanationNamesTheDecidingRuleAndWhatItCovers() {
    Decision decision = decide(DEFAULT, "GB", "salmon", "scalp-injection", "2026-11-25");
    assertEquals(
        "GB: GB-any-source-injection (any-source x injection) covers salmon x scalp-injection: NOT_APPROVED",
        DEFAULT.explain(decision));
  }

  @Test
  void explanationOfNoRuleNamesTheChainAndSaysUnknown() {
    Decision none = decide(CLAUSES, "LONE", "h", "top", "2026-11-25");
    assertEquals(
        "No rule for exosome in LONE covers h x top on 2026-11-25: UNKNOWN", CLAUSES.explain(none));
  }

  @Test
  void conditionsOfRestrictedRulesAreMergedInAStableOrderWithoutRepeats() {
    Decision region = decide(CLAUSES, "RG", "a", "mn", "2026-11-25");
    assertEquals(List.of("RG-a-skin", "RG-n-mn"), ids(region));
    assertEquals(List.of("TSE certificate", "notify", "depth limit"), region.conditions());

    Decision eu = decide(DEFAULT, "EU", "bovine", "microneedling", "2026-11-25");
    List<String> expected =
        Stream.concat(
                DEFAULT.rule("EU-bovine-skin-application").orElseThrow().conditions().stream(),
                DEFAULT.rule("EU-non-human-microneedling").orElseThrow().conditions().stream())
            .toList();
    assertEquals(expected, eu.conditions());
  }

  @Test
  void severalDecidingRulesAreListedByChainLevelThenId() {
    Decision decision = decide(CLAUSES, "CC", "p", "top", "2026-11-25");
    assertEquals(List.of("CC-p-top", "RG-n-top"), ids(decision));
    assertEquals(List.of("label it", "notify"), decision.conditions());
    assertEquals(
        "CC: CC-p-top (p x top) covers p x top; RG: RG-n-top (n x top) covers p x top: PERMITTED",
        CLAUSES.explain(decision));
  }

  @Test
  void codesAndAliasesResolveInAnyCase() {
    assertEquals("GB", DEFAULT.jurisdictions().resolve("uk").orElseThrow());
    assertEquals("GB", DEFAULT.jurisdictions().resolve(" gb ").orElseThrow());
    assertEquals("GR", DEFAULT.jurisdictions().resolve("el").orElseThrow());
    assertEquals("US-FL", DEFAULT.jurisdictions().resolve("us-fl").orElseThrow());
    assertEquals("bovine", DEFAULT.sources().resolve("BOS TAURUS").orElseThrow());
    assertEquals(
        "intradermal-injection", DEFAULT.deliveryMethods().resolve("Mesotherapy").orElseThrow());
    assertEquals("exosome", DEFAULT.ingredients().resolve("evs").orElseThrow());
    assertEquals("CC", CLAUSES.jurisdictions().resolve("CEE").orElseThrow());
    assertEquals("b", CLAUSES.sources().resolve("bos").orElseThrow());
    assertEquals(java.util.Optional.empty(), DEFAULT.jurisdictions().resolve("XX"));
  }

  @Test
  void theChainOfAJurisdictionRunsToItsRoot() {
    assertEquals(List.of("CC-S", "CC", "RG", "WW"), CLAUSES.jurisdictions().chain("CC-S"));
    assertEquals(List.of("FR", "EU"), DEFAULT.jurisdictions().chain("FR"));
  }

  private static Decision decide(RuleTable table, String j, String s, String m, String at) {
    return table.decide(new Question("exosome", j, s, m, LocalDate.parse(at)));
  }

  private static List<String> ids(Decision decision) {
    return decision.decidingRules().stream().map(Rule::id).toList();
  }
}
