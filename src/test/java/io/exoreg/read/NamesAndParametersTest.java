package io.exoreg.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Codes, aliases and names as people type them; near misses answered with the closest values; and
 * query parameters an operation does not define refused, with the one probably meant.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class NamesAndParametersTest {
  /** A question of GB, salmon, topical with one parameter given as this value instead. */
  private static RequestSpecification status(String parameter, String value) {
    Map<String, String> question = new LinkedHashMap<>();
    question.put("jurisdiction", "GB");
    question.put("source", "salmon");
    question.put("deliveryMethod", "topical");
    question.put(parameter, value);
    RequestSpecification request = given();
    question.forEach(
        (name, given) -> {
          if (given != null) {
            request.queryParam(name, given);
          }
        });
    return request;
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("a country by its name", "jurisdiction", "France", "FR"),
        Arguments.of("a name in lower case", "jurisdiction", "united kingdom", "GB"),
        Arguments.of("an alias", "jurisdiction", "South Korea", "KR"),
        Arguments.of("a state by its name", "jurisdiction", "Florida", "US-FL"),
        Arguments.of("a leading the", "jurisdiction", "the Netherlands", "NL"),
        Arguments.of("an accent left out", "jurisdiction", "Espana", "ES"),
        Arguments.of("punctuation in an alias", "jurisdiction", "U.K.", "GB"),
        Arguments.of("a source by its alias", "source", "BOS TAURUS", "bovine"),
        Arguments.of("a source by its label", "source", "bovine (cattle)", "bovine"),
        Arguments.of(
            "a method with an underscore", "deliveryMethod", "scalp_injection", "scalp-injection"),
        Arguments.of(
            "a method by an alias with a space",
            "deliveryMethod",
            "Micro Needling",
            "microneedling"),
        Arguments.of("an ingredient by its plural", "ingredient", "Exosomes", "exosome"),
        Arguments.of(
            "an ingredient by an abbreviation", "ingredient", "P.D.R.N.", "polynucleotide"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void namesAreAnsweredAsTheirCanonicalCode(
      String description, String parameter, String typed, String canonical) {
    for (int ask = 0; ask < 2; ask++) { // the second answer comes from the kept answers
      status(parameter, typed)
          .get("/api/v1/status")
          .then()
          .statusCode(200)
          .body(parameter, equalTo(canonical));
    }
  }

  @Test
  void aNameAndItsCodeShareOneKeptAnswer() {
    String byCode =
        status("jurisdiction", "NL").get("/api/v1/status").then().extract().header("ETag");
    for (int ask = 0; ask < 2; ask++) {
      assertEquals(
          byCode,
          status("jurisdiction", "The Netherlands")
              .get("/api/v1/status")
              .then()
              .statusCode(200)
              .extract()
              .header("ETag"));
    }
  }

  static Stream<Arguments> misses() {
    return Stream.of(
        Arguments.of("a misspelt country", "jurisdiction", "Frnace", "did you mean FR (France)?"),
        Arguments.of("a misspelt source", "source", "bovin", "did you mean bovine"),
        Arguments.of("a misspelt method", "deliveryMethod", "topicl", "did you mean topical"),
        Arguments.of("a misspelt ingredient", "ingredient", "exosme", "did you mean exosome"),
        Arguments.of(
            "nothing close", "jurisdiction", "Atlantis", "listed at GET /api/v1/jurisdictions"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misses")
  void aMissIsRefusedWithTheClosestValues(
      String description, String parameter, String typed, String message) {
    status(parameter, typed)
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains(parameter))
        .body("errors[0].message", containsString(message));
  }

  static Stream<Arguments> unknownParameters() {
    return Stream.of(
        Arguments.of(
            "date for at on /status",
            "/api/v1/status?jurisdiction=GB&source=salmon&deliveryMethod=topical&date=2026-12-01",
            "date",
            "did you mean 'at'?"),
        Arguments.of(
            "a misspelt filter on /rules",
            "/api/v1/rules?jurisdicton=GB",
            "jurisdicton",
            "did you mean 'jurisdiction'?"),
        Arguments.of(
            "snake case on /rules",
            "/api/v1/rules?jurisdiction=GB&delivery_method=topical",
            "delivery_method",
            "'deliveryMethod'"),
        Arguments.of(
            "a parameter of a list that takes none",
            "/api/v1/jurisdictions?page=2",
            "page",
            "takes no query parameters"),
        Arguments.of(
            "a stray parameter on the feed",
            "/api/v1/changes?since=0&verbose=true",
            "verbose",
            "takes since"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownParameters")
  void anUnknownParameterIsRefusedNamingIt(
      String description, String path, String parameter, String message) {
    given()
        .urlEncodingEnabled(false)
        .get(path)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains(parameter))
        .body("errors[0].message", containsString("unknown parameter '" + parameter + "'"))
        .body("errors[0].message", containsString(message));
  }

  @Test
  void anUnknownParameterIsRefusedEvenWhenTheAnswerIsKept() {
    for (int ask = 0; ask < 2; ask++) {
      status("at", null).get("/api/v1/status").then().statusCode(200);
    }
    status("pad", "x")
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .body("errors.field", contains("pad"));
  }

  @Test
  void anUnknownParameterOfACheckIsRefused() {
    given()
        .contentType("application/json")
        .body("{\"products\":[]}")
        .post("/api/v1/checks?formt=junit")
        .then()
        .statusCode(400)
        .body("errors.field", contains("formt"))
        .body("errors[0].message", containsString("did you mean 'format'?"));
  }

  @Test
  void aBodyOfAnotherTypeIsRefusedNamingTheTypesAccepted() {
    given()
        .contentType("application/x-www-form-urlencoded")
        .body("{\"products\":[]}")
        .post("/api/v1/checks")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .header("Accept-Post", "application/json, text/csv")
        .body("detail", containsString("application/json or text/csv"))
        .body("errors.field", contains("Content-Type"))
        .body("errors[0].message", containsString("application/x-www-form-urlencoded"));
  }
}
