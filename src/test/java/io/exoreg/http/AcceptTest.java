package io.exoreg.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How an Accept header weighs a type, by RFC 9110's rules, one case per row. */
class AcceptTest {
  record Case(String description, String header, String type, int weight) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no header accepts anything", null, "application/json", 1000),
        new Case("a blank header accepts anything", "  ", "text/csv", 1000),
        new Case("an exact range", "application/json", "application/json", 1000),
        new Case("weight 0 is not acceptable", "application/json;q=0", "application/json", 0),
        new Case(
            "the most specific range wins over a wildcard",
            "*/*;q=0.5, application/json;q=0",
            "application/json",
            0),
        new Case("a wildcard covers the rest", "*/*;q=0.5, text/csv;q=0", "application/json", 500),
        new Case("a subtype wildcard", "application/*;q=0.2", "application/json", 200),
        new Case("another type is not covered", "text/*", "application/json", 0),
        new Case(
            "case and spaces do not matter", " Application/JSON ; Q=0.3 ", "application/json", 300),
        new Case(
            "a malformed weight counts as 1", "application/json;q=x", "application/json", 1000),
        new Case(
            "the type's own parameters are ignored", "text/csv", "text/csv;charset=UTF-8", 1000),
        new Case("a range that is not one is ignored", "json, text/csv", "application/json", 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void weighsTheType(Case c) {
    assertEquals(c.weight(), Accept.of(c.header()).weight(c.type()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void acceptsExactlyTheTypesOfPositiveWeight(Case c) {
    assertEquals(c.weight() > 0, Accept.of(c.header()).accepts(c.type()));
  }

  @Test
  void wantedListsTheAcceptableRangesMostWantedFirst() {
    assertEquals(
        List.of("text/plain", "application/xml", "application/json"),
        Accept.of(
                "application/json;q=0.1, application/sarif+json;q=0, text/plain, application/xml;q=0.5")
            .wanted());
    assertEquals(List.of("*/*"), Accept.of((String) null).wanted());
  }
}
