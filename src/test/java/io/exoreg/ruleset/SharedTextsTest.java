package io.exoreg.ruleset;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.ruleset.Bundle.RuleEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bundle read holds each distinct text once, whichever mapper reads it: a large table repeats its
 * conditions, legal bases and references in rule after rule.
 */
class SharedTextsTest {
  private static byte[] defaultTable() throws IOException {
    try (InputStream in = SharedTextsTest.class.getResourceAsStream("/default-ruleset.json")) {
      return in.readAllBytes();
    }
  }

  /** Every text of the bundle's rules, in order. */
  private static List<String> texts(Bundle bundle) {
    List<String> texts = new ArrayList<>();
    for (RuleEntry r : bundle.rules()) {
      Stream.of(r.id(), r.ingredient(), r.jurisdiction(), r.source(), r.deliveryMethod())
          .forEach(texts::add);
      Stream.of(r.status(), r.confidence(), r.verifiedOn(), r.notes()).forEach(texts::add);
      texts.addAll(r.conditions());
      texts.addAll(r.references());
      if (r.legalBasis() != null) {
        Stream.of(r.legalBasis().instrument(), r.legalBasis().provision(), r.legalBasis().url())
            .forEach(texts::add);
      }
    }
    texts.removeIf(t -> t == null);
    return texts;
  }

  private static void assertEachTextHeldOnce(Bundle bundle) {
    Map<String, String> first = new HashMap<>();
    int repeated = 0;
    for (String text : texts(bundle)) {
      String seen = first.putIfAbsent(text, text);
      if (seen != null) {
        assertSame(seen, text, () -> "a second copy of \"" + text + "\"");
        repeated++;
      }
    }
    assertTrue(repeated > 100, "the default table repeats texts: " + repeated);
  }

  @Test
  void aBundleParsedHoldsEachDistinctTextOnce() throws IOException {
    assertEachTextHeldOnce(Rulesets.parse(new ByteArrayInputStream(defaultTable())));
  }

  @Test
  void aBundleReadByTheRequestMapperHoldsEachDistinctTextOnce() throws IOException {
    ObjectMapper requests = Rulesets.strict(new ObjectMapper());
    assertEachTextHeldOnce(requests.readValue(defaultTable(), Bundle.class));
  }

  @Test
  void twoReadsShareNothingSoNoTextOutlivesItsDocument() throws IOException {
    byte[] json = defaultTable();
    List<String> once = texts(Rulesets.parse(new ByteArrayInputStream(json)));
    List<String> again = texts(Rulesets.parse(new ByteArrayInputStream(json)));
    // the ids of the rules are distinct within a document: each read makes its own
    assertNotSame(once.get(0), again.get(0));
  }
}
