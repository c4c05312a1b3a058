package io.exoreg.read;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Kept answers are bounded by the bytes they hold, whoever asks and however they spell it: every
 * spelling of a question shares one kept answer, and the exact spellings have a bound of their own.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(KeptAnswersTest.Profile.class)
class KeptAnswersTest {
  private static final long MAX_SIZE = 64 * 1024;
  private static final long MAX_SPELLINGS_SIZE = 16 * 1024;

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "exoreg.kept-answers.max-size", Long.toString(MAX_SIZE),
          "exoreg.kept-answers.max-spellings-size", Long.toString(MAX_SPELLINGS_SIZE));
    }
  }

  @Test
  void everySpellingOfAQuestionSharesOneKeptAnswerAndBothBoundsHold() {
    // a question no other test of this application asks
    String etag = null;
    Set<String> spellings = new HashSet<>();
    double before = metric("exoreg_kept_answers");
    int asked = 0;
    for (String jurisdiction : List.of("US-FL", "us-fl", "Us-Fl", "us-FL")) {
      for (int mask = 0; mask < 1 << 5; mask++) {
        for (int pad = 0; pad < 4; pad++) {
          String source = cased("human", mask) + "%20".repeat(pad);
          String query =
              "jurisdiction=" + jurisdiction + "&source=" + source + "&deliveryMethod=TOPICAL";
          spellings.add(query);
          String tag =
              given()
                  .urlEncodingEnabled(false)
                  .get("/api/v1/status?" + query)
                  .then()
                  .statusCode(200)
                  .extract()
                  .header("ETag");
          if (etag == null) {
            etag = tag;
          }
          assertEquals(etag, tag, query);
          asked++;
        }
      }
    }
    assertEquals(asked, spellings.size(), "each request a new spelling");
    assertEquals(before + 1, metric("exoreg_kept_answers"), 0.0, "one answer for every spelling");
    assertTrue(
        metric("exoreg_kept_spellings_size_bytes") <= MAX_SPELLINGS_SIZE,
        "the spellings stay within their bound");

    // many more distinct questions than the bound holds
    for (String source : List.of("human", "bovine", "porcine", "salmon", "plant")) {
      for (String method : List.of("topical", "injection", "microneedling", "intravenous")) {
        for (String jurisdiction : List.of("GB", "FR", "DE", "US", "JP")) {
          given()
              .queryParam("jurisdiction", jurisdiction)
              .queryParam("source", source)
              .queryParam("deliveryMethod", method)
              .get("/api/v1/status")
              .then()
              .statusCode(200);
        }
      }
    }
    double bytes = metric("exoreg_kept_answers_size_bytes");
    assertTrue(bytes > 0 && bytes <= MAX_SIZE, "kept answers within the bound: " + bytes);
    assertTrue(metric("exoreg_kept_answers") < 100, "some answers were let go");
  }

  @Test
  void keptAnswersShareTheTextsOfTheRulesTheyCiteAndSendThemWhole() {
    // three questions no other test asks, decided by the same GB rules for animal sources
    String today =
        given()
            .get("/api/v1/status?jurisdiction=GB&source=porcine&deliveryMethod=topical")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("at");
    double size = metric("exoreg_kept_answers_size_bytes");
    long bodies = 0;
    for (String source : List.of("bovine-milk", "marine", "trout")) {
      String path = "/api/v1/status?jurisdiction=GB&deliveryMethod=topical&source=" + source;
      String kept = given().get(path).then().statusCode(200).extract().asString();
      bodies += kept.getBytes(StandardCharsets.UTF_8).length;
      assertEquals(kept, given().get(path).then().statusCode(200).extract().asString());
      // the same question about another day is decided afresh and written whole, not kept
      Map<String, Object> fresh =
          new HashMap<>(
              given()
                  .get(path + "&at=" + LocalDate.parse(today).plusDays(1))
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getMap(""));
      Map<String, Object> read = new HashMap<>(JsonPath.from(kept).getMap(""));
      fresh.remove("at");
      read.remove("at");
      assertEquals(fresh, read, source);
    }
    double grown = metric("exoreg_kept_answers_size_bytes") - size;
    assertTrue(grown < bodies, "kept " + grown + " bytes for " + bodies + " bytes of answers");
  }

  /** {@code word} with the letters whose bits are set in {@code mask} in upper case. */
  private static String cased(String word, int mask) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      String letter = word.substring(i, i + 1);
      out.append((mask & 1 << i) != 0 ? letter.toUpperCase(Locale.ROOT) : letter);
    }
    return out.toString();
  }

  static double metric(String series) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertTrue(m.find(), series + " is not in the metrics");
    return Double.parseDouble(m.group(1));
  }
}
