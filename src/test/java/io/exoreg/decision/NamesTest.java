package io.exoreg.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How typed names meet ids, aliases and labels, and which near misses are suggested. */
class NamesTest {
  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of("case alone", "FRANCE", "france"),
        Arguments.of("surrounding blanks", "  France ", "france"),
        Arguments.of("inner spaces", "United Kingdom", "unitedkingdom"),
        Arguments.of("punctuation", "U.K.", "uk"),
        Arguments.of("hyphen and underscore alike", "scalp_injection", "scalpinjection"),
        Arguments.of("accents", "Türkiye", "turkiye"),
        Arguments.of("a composed accent", "Espan\u0303a", "espana"),
        Arguments.of("a letter with no mark to strip", "Øresund", "oresund"),
        Arguments.of("a leading the", "the Netherlands", "netherlands"),
        Arguments.of("a leading The with punctuation", "The-Netherlands", "netherlands"),
        Arguments.of("the inside a name stays", "Theta Land", "thetaland"),
        Arguments.of("the alone stays", "The", "the"),
        Arguments.of("hangul stays as typed", "우유 엑소좀", "우유엑소좀"),
        Arguments.of("nothing to match", "--", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void spellingsOfOneNameShareAKey(String description, String typed, String key) {
    assertEquals(key, Names.key(typed));
  }

  private static final Tree<Jurisdiction> JURISDICTIONS =
      new Tree<>(
          List.of(
              new Jurisdiction("EU", "European Union", null, null, null, List.of()),
              new Jurisdiction("FR", "France", "EU", null, null, List.of()),
              new Jurisdiction("FI", "Finland", "EU", null, null, List.of()),
              new Jurisdiction("NL", "Netherlands", "EU", null, null, List.of("Holland")),
              new Jurisdiction("GB", "United Kingdom", null, null, null, List.of("UK")),
              new Jurisdiction("KR", "Republic of Korea", null, null, null, List.of("South Korea")),
              new Jurisdiction("US", "United States", null, null, null, List.of()),
              new Jurisdiction("US-FL", "Florida", "US", null, null, List.of()),
              new Jurisdiction("XA", "Twin", null, null, null, List.of()),
              new Jurisdiction("XB", "Twin", null, null, null, List.of())));

  static Stream<Arguments> lookups() {
    return Stream.of(
        Arguments.of("a code", "fr", "FR"),
        Arguments.of("a name", "France", "FR"),
        Arguments.of("a name in lower case", "united kingdom", "GB"),
        Arguments.of("an alias", "South Korea", "KR"),
        Arguments.of("a subdivision by its name", "Florida", "US-FL"),
        Arguments.of("a subdivision's code without its hyphen", "usfl", "US-FL"),
        Arguments.of("a leading the", "the Netherlands", "NL"),
        Arguments.of("an alias with punctuation", "U.K.", "GB"),
        Arguments.of("a name two entries share matches neither", "Twin", null),
        Arguments.of("a misspelling matches nothing", "Frnace", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookups")
  void namesResolveToTheirCode(String description, String typed, String code) {
    assertEquals(code, JURISDICTIONS.resolve(typed).orElse(null));
  }

  static Stream<Arguments> misses() {
    return Stream.of(
        Arguments.of("two letters swapped", "Frnace", List.of("FR")),
        Arguments.of("a letter missing", "Florda", List.of("US-FL")),
        Arguments.of("a name begun", "United", List.of("GB", "US")),
        Arguments.of("an alias misspelt", "Holand", List.of("NL")),
        Arguments.of("nothing close", "Atlantis", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misses")
  void aMissSuggestsTheClosestEntries(String description, String typed, List<String> suggested) {
    assertEquals(suggested, JURISDICTIONS.suggest(typed, 3));
  }
}
