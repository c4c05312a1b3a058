package io.exoreg.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.decision.DefaultTable;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule refuses the whole table and names the offending entry. */
class BundleValidationTest {
  private static final Bundle DEFAULT = DefaultTable.bundle();

  /** An invalid table made by one edit of the default table, and the field that must be named. */
  record InvalidCase(String description, UnaryOperator<Bundle> edit, String field, String message) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<InvalidCase> invalidTables() {
    return Stream.of(
        new InvalidCase(
            "a rule whose source does not exist",
            b -> rule(b, 0, r -> withSource(r, "unicorn")),
            "rules[0].source",
            "source 'unicorn' does not exist"),
        new InvalidCase(
            "a rule whose ingredient does not exist",
            b ->
                rule(
                    b,
                    1,
                    r ->
                        new RuleEntry(
                            r.id(),
                            "retinol",
                            r.jurisdiction(),
                            r.source(),
                            r.deliveryMethod(),
                            r.status(),
                            r.conditions(),
                            r.legalBasis(),
                            r.references(),
                            r.effectiveFrom(),
                            r.effectiveTo(),
                            r.confidence(),
                            r.verifiedOn(),
                            r.notes())),
            "rules[1].ingredient",
            "ingredient 'retinol' does not exist"),
        new InvalidCase(
            "a rule whose jurisdiction does not exist",
            b ->
                rule(
                    b,
                    2,
                    r ->
                        new RuleEntry(
                            r.id(),
                            r.ingredient(),
                            "XX",
                            r.source(),
                            r.deliveryMethod(),
                            r.status(),
                            r.conditions(),
                            r.legalBasis(),
                            r.references(),
                            r.effectiveFrom(),
                            r.effectiveTo(),
                            r.confidence(),
                            r.verifiedOn(),
                            r.notes())),
            "rules[2].jurisdiction",
            "jurisdiction 'XX' does not exist"),
        new InvalidCase(
            "a rule whose method is an alias, not an id",
            b ->
                rule(
                    b,
                    0,
                    r ->
                        new RuleEntry(
                            r.id(),
                            r.ingredient(),
                            r.jurisdiction(),
                            r.source(),
                            "mesotherapy",
                            r.status(),
                            r.conditions(),
                            r.legalBasis(),
                            r.references(),
                            r.effectiveFrom(),
                            r.effectiveTo(),
                            r.confidence(),
                            r.verifiedOn(),
                            r.notes())),
            "rules[0].deliveryMethod",
            "write it as 'intradermal-injection'"),
        new InvalidCase(
            "two rules for the same quadruple with overlapping periods",
            b -> addRule(b, withId(b.rules().get(0), "EU-human-skin-application-copy")),
            "rules[" + DEFAULT.rules().size() + "].effectiveFrom",
            "overlaps that of rule EU-human-skin-application"),
        new InvalidCase(
            "effectiveFrom equal to effectiveTo",
            b -> rule(b, 0, r -> withPeriod(r, "2020-01-01", "2020-01-01")),
            "rules[0].effectiveFrom",
            "must be before effectiveTo"),
        new InvalidCase(
            "a malformed date",
            b -> rule(b, 0, r -> withPeriod(r, "2020-13-01", null)),
            "rules[0].effectiveFrom",
            "is not a date"),
        new InvalidCase(
            "a status outside the five",
            b ->
                rule(
                    b,
                    0,
                    r ->
                        new RuleEntry(
                            r.id(),
                            r.ingredient(),
                            r.jurisdiction(),
                            r.source(),
                            r.deliveryMethod(),
                            "ALLOWED",
                            r.conditions(),
                            r.legalBasis(),
                            r.references(),
                            r.effectiveFrom(),
                            r.effectiveTo(),
                            r.confidence(),
                            r.verifiedOn(),
                            r.notes())),
            "rules[0].status",
            "status must be one of"),
        new InvalidCase(
            "a PROHIBITED rule without a legal basis",
            b ->
                rule(
                    b,
                    0,
                    r ->
                        new RuleEntry(
                            r.id(),
                            r.ingredient(),
                            r.jurisdiction(),
                            r.source(),
                            r.deliveryMethod(),
                            r.status(),
                            r.conditions(),
                            null,
                            r.references(),
                            r.effectiveFrom(),
                            r.effectiveTo(),
                            r.confidence(),
                            r.verifiedOn(),
                            r.notes())),
            "rules[0].legalBasis",
            "needs a legal basis"),
        new InvalidCase(
            "a rule citing a reference that is not listed",
            b ->
                rule(
                    b,
                    0,
                    r ->
                        new RuleEntry(
                            r.id(),
                            r.ingredient(),
                            r.jurisdiction(),
                            r.source(),
                            r.deliveryMethod(),
                            r.status(),
                            r.conditions(),
                            r.legalBasis(),
                            List.of("NOPE"),
                            r.effectiveFrom(),
                            r.effectiveTo(),
                            r.confidence(),
                            r.verifiedOn(),
                            r.notes())),
            "rules[0].references[0]",
            "reference 'NOPE' is not in the references list"),
        new InvalidCase(
            "a parent that does not exist",
            b -> source(b, 1, n -> new NodeEntry(n.id(), "mammal", n.label(), n.aliases())),
            "sources[1].parent",
            "'mammal' of 'human' does not exist"),
        new InvalidCase(
            "a parent that makes a cycle",
            b -> source(b, 0, n -> new NodeEntry(n.id(), "human-platelet", n.label(), n.aliases())),
            "sources[0].parent",
            "is its own ancestor"),
        new InvalidCase(
            "a jurisdiction whose parent makes a cycle",
            b ->
                jurisdiction(
                    b,
                    0,
                    j ->
                        new JurisdictionEntry(
                            j.code(), j.name(), "FR", j.regulator(), j.notes(), j.aliases())),
            "jurisdictions[0].parent",
            "is its own ancestor"),
        new InvalidCase(
            "an alias that collides with another id",
            b -> source(b, 2, n -> new NodeEntry(n.id(), n.parent(), n.label(), List.of("Bovine"))),
            "sources[2].aliases[0]",
            "collides with 'bovine'"),
        new InvalidCase(
            "a jurisdiction alias that collides with another's alias",
            b ->
                jurisdiction(
                    b,
                    1,
                    j ->
                        new JurisdictionEntry(
                            j.code(),
                            j.name(),
                            j.parent(),
                            j.regulator(),
                            j.notes(),
                            List.of("uk"))),
            "aliases[0]",
            "collides with"),
        new InvalidCase(
            "a duplicate rule id",
            b -> rule(b, 1, r -> withId(r, b.rules().get(0).id())),
            "rules[1].id",
            "collides with 'EU-human-skin-application'"),
        new InvalidCase(
            "the wrong format name",
            b ->
                new Bundle(
                    "exoreg-ruleset/2",
                    b.title(),
                    b.publishedOn(),
                    b.disclaimer(),
                    b.statuses(),
                    b.ingredients(),
                    b.jurisdictions(),
                    b.sources(),
                    b.deliveryMethods(),
                    b.references(),
                    b.rules()),
            "format",
            "must be"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTables")
  void refusesTheWholeTableNamingTheEntry(InvalidCase c) {
    InvalidRulesetException e =
        assertThrows(
            InvalidRulesetException.class, () -> Rulesets.validate(c.edit().apply(DEFAULT), 1));
    assertTrue(
        e.violations().stream()
            .anyMatch(v -> v.field().endsWith(c.field()) && v.message().contains(c.message())),
        () -> "expected " + c.field() + " / " + c.message() + " in " + e.violations());
  }

  @Test
  void theDefaultTableIsValidAndRoundTrips() {
    Bundle again = Rulesets.toBundle(Rulesets.validate(DEFAULT, 1));
    assertEquals(DEFAULT, again);
    assertEquals(48, DEFAULT.jurisdictions().size());
    assertEquals(99, DEFAULT.rules().size());
  }

  @Test
  void anUnknownRuleExplicitlyWithoutLegalBasisIsAccepted() {
    Bundle b =
        rule(
            DEFAULT,
            16,
            r ->
                new RuleEntry(
                    r.id(),
                    r.ingredient(),
                    r.jurisdiction(),
                    r.source(),
                    r.deliveryMethod(),
                    "UNKNOWN",
                    r.conditions(),
                    null,
                    r.references(),
                    r.effectiveFrom(),
                    r.effectiveTo(),
                    r.confidence(),
                    r.verifiedOn(),
                    r.notes()));
    assertEquals(DEFAULT.rules().size(), Rulesets.validate(b, 1).rules().size());
  }

  @Test
  void adjacentPeriodsForTheSameQuadrupleAreAccepted() {
    RuleEntry first = withPeriod(DEFAULT.rules().get(0), "2013-07-11", "2020-01-01");
    RuleEntry second =
        withPeriod(
            withId(DEFAULT.rules().get(0), "EU-human-skin-application-2020"), "2020-01-01", null);
    Bundle b = addRule(rule(DEFAULT, 0, r -> first), second);
    assertEquals(DEFAULT.rules().size() + 1, Rulesets.validate(b, 1).rules().size());
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    Bundle b =
        rule(
            rule(DEFAULT, 0, r -> withSource(r, "unicorn")),
            3,
            r -> withPeriod(r, "2030-01-01", "2020-01-01"));
    InvalidRulesetException e =
        assertThrows(InvalidRulesetException.class, () -> Rulesets.validate(b, 1));
    assertEquals(
        List.of("rules[0].source", "rules[3].effectiveFrom"),
        e.violations().stream().map(Violation::field).toList());
  }

  @Test
  void unknownFieldsAreRefusedAtTheTopAndInsideEntries() {
    InvalidRulesetException top =
        assertThrows(
            InvalidRulesetException.class,
            () -> parse("{\"format\":\"exoreg-ruleset/1\",\"rulez\":[]}"));
    assertEquals("rulez", top.violations().get(0).field());
    InvalidRulesetException inner =
        assertThrows(
            InvalidRulesetException.class,
            () -> parse("{\"rules\":[{\"id\":\"x\",\"stauts\":\"PERMITTED\"}]}"));
    assertEquals("rules[0].stauts", inner.violations().get(0).field());
  }

  /**
   * A body field of the wrong JSON type, the field it names, and what it says the field must be.
   */
  record WrongType(Class<?> type, String json, String field, String expected) {}

  /** A body of other field types than a bundle's, read the same way. */
  record Counted(Boolean on, Integer count) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongTypes")
  void aFieldOfTheWrongTypeIsNamedWithTheTypeItMustHave(WrongType c) {
    InvalidRulesetException e =
        assertThrows(
            InvalidRulesetException.class,
            () ->
                Rulesets.parseEntry(
                    new ByteArrayInputStream(c.json().getBytes(StandardCharsets.UTF_8)), c.type()));
    assertEquals(c.field(), e.violations().get(0).field(), e.violations().toString());
    assertEquals(
        "has the wrong type or shape: " + c.expected(),
        e.violations().get(0).message(),
        e.violations().toString());
  }

  static List<WrongType> wrongTypes() {
    return List.of(
        new WrongType(Bundle.class, "{\"title\": []}", "title", "it must be a string"),
        new WrongType(Bundle.class, "{\"rules\": \"all\"}", "rules", "it must be an array"),
        new WrongType(
            Bundle.class,
            "{\"rules\": [{\"legalBasis\": \"EU\"}]}",
            "rules[0].legalBasis",
            "it must be an object"),
        new WrongType(
            Bundle.class, "{\"statuses\": [\"PERMITTED\"]}", "statuses", "it must be an object"),
        new WrongType(Counted.class, "{\"on\": [true]}", "on", "it must be true or false"),
        new WrongType(Counted.class, "{\"count\": {\"n\": 1}}", "count", "it must be a number"));
  }

  @Test
  void malformedJsonIsReportedWithItsPosition() {
    InvalidRulesetException e =
        assertThrows(InvalidRulesetException.class, () -> parse("{\"format\": }"));
    assertTrue(e.violations().get(0).message().contains("line 1"), e.violations().toString());
  }

  private static Bundle parse(String json) {
    return Rulesets.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static Bundle rule(Bundle b, int index, UnaryOperator<RuleEntry> edit) {
    List<RuleEntry> rules = new ArrayList<>(b.rules());
    rules.set(index, edit.apply(rules.get(index)));
    return b.withRules(rules);
  }

  private static Bundle addRule(Bundle b, RuleEntry rule) {
    List<RuleEntry> rules = new ArrayList<>(b.rules());
    rules.add(rule);
    return b.withRules(rules);
  }

  private static Bundle source(Bundle b, int index, UnaryOperator<NodeEntry> edit) {
    List<NodeEntry> sources = new ArrayList<>(b.sources());
    sources.set(index, edit.apply(sources.get(index)));
    return new Bundle(
        b.format(),
        b.title(),
        b.publishedOn(),
        b.disclaimer(),
        b.statuses(),
        b.ingredients(),
        b.jurisdictions(),
        sources,
        b.deliveryMethods(),
        b.references(),
        b.rules());
  }

  private static Bundle jurisdiction(Bundle b, int index, UnaryOperator<JurisdictionEntry> edit) {
    List<JurisdictionEntry> jurisdictions = new ArrayList<>(b.jurisdictions());
    jurisdictions.set(index, edit.apply(jurisdictions.get(index)));
    return new Bundle(
        b.format(),
        b.title(),
        b.publishedOn(),
        b.disclaimer(),
        b.statuses(),
        b.ingredients(),
        jurisdictions,
        b.sources(),
        b.deliveryMethods(),
        b.references(),
        b.rules());
  }

  private static RuleEntry withId(RuleEntry r, String id) {
    return r.withId(id);
  }

  private static RuleEntry withSource(RuleEntry r, String source) {
    return new RuleEntry(
        r.id(),
        r.ingredient(),
        r.jurisdiction(),
        source,
        r.deliveryMethod(),
        r.status(),
        r.conditions(),
        r.legalBasis(),
        r.references(),
        r.effectiveFrom(),
        r.effectiveTo(),
        r.confidence(),
        r.verifiedOn(),
        r.notes());
  }

  private static RuleEntry withPeriod(RuleEntry r, String from, String to) {
    return new RuleEntry(
        r.id(),
        r.ingredient(),
        r.jurisdiction(),
        r.source(),
        r.deliveryMethod(),
        r.status(),
        r.conditions(),
        r.legalBasis(),
        r.references(),
        from,
        to,
        r.confidence(),
        r.verifiedOn(),
        r.notes());
  }
}
