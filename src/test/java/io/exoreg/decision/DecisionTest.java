package io.exoreg.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision semantics, case by case: the specification's worked examples, then each clause. */
public class DecisionTest {
  private static final RuleTable DEFAULT = DefaultTable.table();

  /**
   * A question and the answer it must get. {@code question} is "jurisdiction source method date";
   * {@code cases} are the deciding cases as "source method", none meaning the question's own pair.
   */
  public record Case(
      String description,
      RuleTable table,
      String question,
      Status status,
      List<String> deciding,
      List<String> cases,
      Coverage coverage) {
    @Override
    public String toString() {
      return description;
    }

    /** The same case, answered from these narrower pairs. */
    Case from(String... narrower) {
      return new Case(description, table, question, status, deciding, List.of(narrower), coverage);
    }

    /** The same case, in a chain with no rules for the ingredient. */
    Case uncovered() {
      return new Case(description, table, question, status, deciding, cases, Coverage.NONE);
    }

    public List<String> decidingCases() {
      String[] q = question.split(" ");
      return cases.isEmpty() ? List.of(q[1] + " " + q[2]) : cases;
    }
  }

  static Case on(
      RuleTable table, String description, String question, Status status, String... deciding) {
    return new Case(
        description, table, question, status, List.of(deciding), List.of(), Coverage.RULES);
  }

  static Case example(String description, String question, Status status, String... deciding) {
    return on(DEFAULT, description, question, status, deciding);
  }

  /** The worked examples of the specification, section 3, on the default table. */
  public static Stream<Case> workedExamples() {
    return Stream.of(
        example(
            "sub-source and sub-method are covered by the ancestors' rule",
            "GB human-umbilical-cord-msc topical 2026-12-01",
            Status.PROHIBITED,
            "GB-human-skin-application"),
        example(
            "France has no rule of its own, so the EU level applies",
            "FR human-adipose-msc topical 2026-12-01",
            Status.PROHIBITED,
            "EU-human-skin-application"),
        example(
            "two incomparable survivors, both PERMITTED",
            "GB salmon topical 2026-12-01",
            Status.PERMITTED,
            "GB-animal-skin-application",
            "GB-non-human-topical"),
        example(
            "incomparable survivors, both RESTRICTED",
            "EU bovine microneedling 2026-12-01",
            Status.RESTRICTED,
            "EU-bovine-skin-application",
            "EU-non-human-microneedling"),
        example(
            "UNKNOWN is more severe than RESTRICTED",
            "US bovine microneedling 2026-12-01",
            Status.UNKNOWN,
            "US-any-source-microneedling"),
        example(
            "the topical rule does not cover microneedling",
            "KR salmon microneedling 2026-12-01",
            Status.PROHIBITED,
            "KR-any-source-microneedling"),
        example(
            "the federal level applies in Florida",
            "US-FL human-adipose-msc scalp-injection 2026-12-01",
            Status.NOT_APPROVED,
            "US-any-source-injection"),
        example("no rule anywhere in the chain", "SG plant topical 2026-12-01", Status.UNKNOWN)
            .uncovered(),
        example(
                "a broader question is as severe as its narrower cases",
                "GB animal skin-application 2026-12-01",
                Status.RESTRICTED,
                "GB-bovine-skin-application",
                "GB-non-human-microneedling")
            .from("bovine skin-application", "animal microneedling"),
        example(
                "a broader source is as severe as a narrower one",
                "GB non-human topical 2026-12-01",
                Status.RESTRICTED,
                "GB-bovine-skin-application")
            .from("bovine topical"),
        example(
            "before the transition period ended, GB applied the EU prohibition as its own",
            "GB human topical 2020-06-01",
            Status.PROHIBITED,
            "GB-human-skin-application-eu-period"),
        example(
            "before the Cosmetics Regulation applied there is no rule",
            "GB human topical 2013-01-01",
            Status.UNKNOWN),
        example(
            "any source injected into the scalp in GB is not approved",
            "GB salmon scalp-injection 2026-12-01",
            Status.NOT_APPROVED,
            "GB-any-source-injection"),
        example(
                "France inherits the EU's narrower cases",
                "FR animal skin-application 2026-12-01",
                Status.RESTRICTED,
                "EU-bovine-skin-application",
                "EU-non-human-microneedling")
            .from("bovine skin-application", "animal microneedling"),
        example(
                "the whole of Korea's table: microneedling, prohibited from any source, is the most severe",
                "KR any-source any-route 2026-12-01",
                Status.PROHIBITED,
                "KR-any-source-microneedling")
            .from("any-source microneedling"));
  }

  /**
   * The trees of the small tables: sources any > (h, n > (a > b (alias Bos) > bm, p)), methods
   * route > (skin > (top, mn), inj > sc).
   */
  static TableBuilder smallTrees() {
    return new TableBuilder()
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
        .method("sc", "inj");
  }

  /**
   * A table made for the clauses: chains RG -> WW, CC -> RG -> WW and CC-S -> CC -> RG -> WW, a
   * root DT for dates, on the small trees.
   */
  static final RuleTable CLAUSES =
      smallTrees()
          .jurisdiction("WW", null)
          .jurisdiction("RG", "WW")
          .jurisdiction("CC", "RG", "Cee")
          .jurisdiction("CC-S", "CC")
          .jurisdiction("DT", null)
          .jurisdiction("LONE", null)
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
    return on(CLAUSES, description, question, status, deciding);
  }

  static Stream<Case> clauses() {
    return Stream.of(
        clause(
            "before every rule's first day nothing applies, though the chain has rules",
            "DT h top 1999-12-31",
            Status.UNKNOWN),
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
            "incomparable survivors with different statuses: the most severe decides, and b"
                + " below a reaches it by its own rule",
            "RG a top 2026-11-25",
            Status.RESTRICTED,
            "RG-a-skin",
            "RG-b-skin"),
        clause(
            "incomparable survivors with the same status all decide",
            "RG a mn 2026-11-25",
            Status.RESTRICTED,
            "RG-a-skin",
            "RG-b-skin",
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
            "CC h sc 2026-11-25",
            Status.UNKNOWN,
            "WW-any-sc"),
        clause(
                "three-level chain: a grandparent's rule below the question decides it",
                "CC p inj 2026-11-25",
                Status.UNKNOWN,
                "WW-any-sc")
            .from("p sc"),
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
        clause("a jurisdiction with no rules at all", "LONE h top 2026-11-25", Status.UNKNOWN)
            .uncovered());
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
    assertEquals(c.decidingCases(), cases(decision), "deciding cases");
    assertEquals(c.coverage(), decision.coverage(), "coverage");
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
    Decision none = decide(CLAUSES, "DT", "h", "top", "1999-12-31");
    assertEquals(
        "No rule for exosome in DT covers h x top on 1999-12-31: UNKNOWN", CLAUSES.explain(none));
  }

  @Test
  void conditionsOfRestrictedRulesAreMergedInAStableOrderWithoutRepeats() {
    Decision region = decide(CLAUSES, "RG", "a", "mn", "2026-11-25");
    assertEquals(List.of("RG-a-skin", "RG-b-skin", "RG-n-mn"), ids(region));
    assertEquals(
        List.of("TSE certificate", "notify", "bovine standard", "depth limit"),
        region.conditions());

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
    assertEquals(Optional.empty(), DEFAULT.jurisdictions().resolve("XX"));
  }

  @Test
  void theChainOfAJurisdictionRunsToItsRoot() {
    assertEquals(List.of("CC-S", "CC", "RG", "WW"), CLAUSES.jurisdictions().chain("CC-S"));
    assertEquals(List.of("FR", "EU"), DEFAULT.jurisdictions().chain("FR"));
  }

  /**
   * A table made for clauses 7 and 8: in NA (and its child NA-S, which has no rules of its own) the
   * broad pair n x skin is permitted while b x skin and n x mn are restricted, injections are not
   * approved and h x skin is prohibited; in GAP rules exist only below the broad nodes; NONE and
   * its child NONE-S have rules only for another ingredient, pn.
   */
  static final RuleTable BROAD =
      smallTrees()
          .ingredient("pn")
          .jurisdiction("NA", null)
          .jurisdiction("NA-S", "NA")
          .jurisdiction("GAP", null)
          .jurisdiction("NONE", null)
          .jurisdiction("NONE-S", "NONE")
          .rule("NA-n-skin", "NA", "n", "skin", "PERMITTED", null, null, "notify")
          .rule("NA-b-skin", "NA", "b", "skin", "RESTRICTED", null, null, "bovine standard")
          .rule("NA-n-mn", "NA", "n", "mn", "RESTRICTED", null, null, "depth limit", "notify")
          .rule("NA-any-inj", "NA", "any", "inj", "NOT_APPROVED", null, null)
          .rule("NA-h-skin", "NA", "h", "skin", "PROHIBITED", null, null)
          .rule("NA-p-sc", "NA", "p", "sc", "UNKNOWN", null, null)
          .rule("GAP-b-top", "GAP", "b", "top", "PERMITTED", null, null)
          .rule("GAP-p-skin", "GAP", "p", "skin", "PERMITTED", null, null)
          .rule("GAP-p-mn", "GAP", "p", "mn", "UNKNOWN", null, null)
          .ruleOf("pn", "NONE-pn-any-route", "NONE", "any", "route", "PERMITTED", null, null)
          .build();

  static Case broad(String description, String question, Status status, String... deciding) {
    return on(BROAD, description, question, status, deciding);
  }

  static Stream<Case> broaderQuestions() {
    return Stream.of(
        broad(
                "incomparable narrower cases both reach the status the broad pair does not",
                "NA n skin 2026-12-01",
                Status.RESTRICTED,
                "NA-b-skin",
                "NA-n-mn")
            .from("b skin", "n mn"),
        broad(
                "a child jurisdiction answers its parent's narrower cases alike",
                "NA-S n skin 2026-12-01",
                Status.RESTRICTED,
                "NA-b-skin",
                "NA-n-mn")
            .from("b skin", "n mn"),
        broad(
                "a pair below a deciding case is left out: b x mn and bm x top reach it too",
                "NA a skin 2026-12-01",
                Status.RESTRICTED,
                "NA-b-skin",
                "NA-n-mn")
            .from("b skin", "a mn"),
        broad(
            "a leaf pair is its own deciding case",
            "NA bm top 2026-12-01",
            Status.RESTRICTED,
            "NA-b-skin"),
        broad(
                "a narrower source alone: topical from b is restricted",
                "NA n top 2026-12-01",
                Status.RESTRICTED,
                "NA-b-skin")
            .from("b top"),
        broad(
            "the broad pair reaches the status itself: one case, with the rules of every narrower"
                + " pair that reaches it",
            "NA b skin 2026-12-01",
            Status.RESTRICTED,
            "NA-b-skin",
            "NA-n-mn"),
        broad(
                "the root question: the most severe pair anywhere in the table decides",
                "NA any route 2026-12-01",
                Status.PROHIBITED,
                "NA-h-skin")
            .from("h skin"),
        broad(
                "the root question in a child jurisdiction",
                "NA-S any route 2026-12-01",
                Status.PROHIBITED,
                "NA-h-skin")
            .from("h skin"),
        broad(
            "a narrower explicit UNKNOWN is less severe than the broad pair's NOT_APPROVED",
            "NA p inj 2026-12-01",
            Status.NOT_APPROVED,
            "NA-any-inj"),
        broad(
                "a narrower NOT_APPROVED outranks the gap of the broad pair",
                "NA n route 2026-12-01",
                Status.NOT_APPROVED,
                "NA-any-inj")
            .from("n inj"),
        broad(
            "a gap: the broad pair has no rule though narrower pairs are permitted",
            "GAP a skin 2026-12-01",
            Status.UNKNOWN),
        broad(
                "UNKNOWN from below: an explicit UNKNOWN under a permitted broad pair",
                "GAP p skin 2026-12-01",
                Status.UNKNOWN,
                "GAP-p-mn")
            .from("p mn"),
        broad(
                "no rules for the ingredient anywhere in the chain",
                "NONE any route 2026-12-01",
                Status.UNKNOWN)
            .uncovered(),
        broad("no rules in the chain of a child either", "NONE-S b top 2026-12-01", Status.UNKNOWN)
            .uncovered());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broaderQuestions")
  void answersBroaderQuestionsFromTheirNarrowerCases(Case c) {
    decides(c);
  }

  /**
   * Clause 7 read literally, for every question of three tables: the status is the most severe over
   * the covered pairs; a covered pair reaches it on its own when its answer has that status and
   * comes from its own pair; the deciding cases are the reaching pairs with no broader reaching
   * pair; the deciding rules are those of every reaching pair.
   */
  @Test
  void everyQuestionIsAnsweredAsItsCoveredPairsAre() {
    for (RuleTable table : List.of(DEFAULT, CLAUSES, BROAD)) {
      Tree<Node> sources = table.sources();
      Tree<Node> methods = table.deliveryMethods();
      for (Jurisdiction j : table.jurisdictions().entries()) {
        for (Node s : sources.entries()) {
          for (Node m : methods.entries()) {
            Decision asked = decide(table, j.code(), s.id(), m.id(), "2026-12-01");
            List<Decision> covered = new ArrayList<>();
            for (String below : below(sources, s.id())) {
              for (String under : below(methods, m.id())) {
                covered.add(decide(table, j.code(), below, under, "2026-12-01"));
              }
            }
            Status worst =
                covered.stream().map(Decision::status).max(Comparator.naturalOrder()).orElseThrow();
            String what = j.code() + " " + s.id() + " x " + m.id();
            assertEquals(worst, asked.status(), what);
            List<Decision> reaching =
                covered.stream()
                    .filter(d -> d.status() == worst && d.decidedByItsOwnPair())
                    .toList();
            Set<String> mostGeneral = new HashSet<>();
            for (Decision d : reaching) {
              Question q = d.question();
              boolean broaderReaches =
                  reaching.stream()
                      .map(Decision::question)
                      .anyMatch(
                          o ->
                              !o.equals(q)
                                  && sources.isSameOrBelow(q.source(), o.source())
                                  && methods.isSameOrBelow(q.deliveryMethod(), o.deliveryMethod()));
              if (!broaderReaches) {
                mostGeneral.add(q.source() + " " + q.deliveryMethod());
              }
            }
            assertEquals(mostGeneral, Set.copyOf(cases(asked)), what);
            assertTrue(asked.decidingCases().stream().allMatch(c -> c.status() == worst), what);
            Set<String> rules = new HashSet<>();
            reaching.forEach(d -> rules.addAll(ids(d)));
            assertEquals(rules, Set.copyOf(ids(asked)), what);
          }
        }
      }
    }
  }

  private static List<String> below(Tree<Node> tree, String id) {
    List<String> ids = new ArrayList<>(List.of(id));
    for (String child : tree.children(id)) {
      ids.addAll(below(tree, child));
    }
    return ids;
  }

  @Test
  void explanationOfABroaderQuestionNamesTheNarrowerCasesAndTheirRules() {
    Decision gb = decide(DEFAULT, "GB", "animal", "skin-application", "2026-12-01");
    assertEquals(
        "animal x skin-application: RESTRICTED for bovine x skin-application"
            + " (GB-bovine-skin-application) and for animal x microneedling"
            + " (GB-non-human-microneedling)",
        DEFAULT.explain(gb));
    assertEquals(List.of("GB-bovine-skin-application", "GB-non-human-microneedling"), ids(gb));
    List<String> expected =
        Stream.concat(
                DEFAULT.rule("GB-bovine-skin-application").orElseThrow().conditions().stream(),
                DEFAULT.rule("GB-non-human-microneedling").orElseThrow().conditions().stream())
            .distinct()
            .toList();
    assertEquals(expected, gb.conditions());

    Decision gap = decide(BROAD, "GAP", "p", "skin", "2026-12-01");
    assertEquals("p x skin: UNKNOWN for p x mn (GAP-p-mn)", BROAD.explain(gap));
  }

  @Test
  void explanationOfARootQuestionWithAGapBelowSaysNoRuleApplies() {
    Decision root = decide(BROAD, "GAP", "any", "route", "2026-12-01");
    assertEquals(Status.UNKNOWN, root.status());
    assertEquals(List.of("any route"), cases(root));
    assertEquals(List.of("GAP-p-mn"), ids(root));
    assertEquals(
        "No rule for exosome in GAP covers any x route on 2026-12-01: UNKNOWN",
        BROAD.explain(root));
  }

  @Test
  void explanationWithoutCoverageSaysNoRulesAreRecordedYet() {
    Decision none = decide(BROAD, "NONE-S", "b", "top", "2026-12-01");
    assertEquals(
        "No rules are recorded for exosome in NONE-S or NONE yet; b x top: UNKNOWN",
        BROAD.explain(none));
    Decision pn =
        BROAD.decide(new Question("pn", "NONE-S", "b", "top", LocalDate.parse("2026-12-01")));
    assertEquals(Coverage.RULES, pn.coverage());
    assertEquals(Status.PERMITTED, pn.status());
    Decision sg = decide(DEFAULT, "SG", "plant", "topical", "2026-12-01");
    assertEquals(
        "No rules are recorded for exosome in SG yet; plant x topical: UNKNOWN",
        DEFAULT.explain(sg));
    Decision sgPn =
        DEFAULT.decide(
            new Question(
                "polynucleotide", "SG", "salmon", "topical", LocalDate.parse("2026-12-01")));
    assertEquals(Coverage.RULES, sgPn.coverage());
  }

  private static Decision decide(RuleTable table, String j, String s, String m, String at) {
    return table.decide(new Question("exosome", j, s, m, LocalDate.parse(at)));
  }

  private static List<String> cases(Decision decision) {
    return decision.decidingCases().stream()
        .map(c -> c.source() + " " + c.deliveryMethod())
        .toList();
  }

  private static List<String> ids(Decision decision) {
    return decision.decidingRules().stream().map(Rule::id).toList();
  }
}
