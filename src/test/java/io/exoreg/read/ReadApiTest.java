package io.exoreg.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.exoreg.TestDatabase;
import io.exoreg.decision.DecisionTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The read API over HTTP, on the default table the service imported at its first start. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ReadApiTest {

  static Stream<DecisionTest.Case> workedExamples() {
    return DecisionTest.workedExamples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workedExamples")
  void answersTheWorkedExamplesOverHttp(DecisionTest.Case c) {
    String[] q = c.question().split(" ");
    ValidatableResponse answer =
        given()
            .queryParam("jurisdiction", q[0])
            .queryParam("source", q[1])
            .queryParam("deliveryMethod", q[2])
            .queryParam("at", q[3])
            .when()
            .get("/api/v1/status")
            .then()
            .statusCode(200)
            .body("status", equalTo(c.status().name()))
            .body("decidingRules.id", containsInAnyOrder(c.deciding().toArray()))
            .body("coverage", equalTo(c.coverage().word()))
            .body("decidingCases.status", everyItem(equalTo(c.status().name())))
            .body("at", equalTo(q[3]));
    List<String> cases =
        answer.extract().jsonPath().getList("decidingCases", Map.class).stream()
            .map(dc -> dc.get("source") + " " + dc.get("deliveryMethod"))
            .toList();
    assertEquals(c.decidingCases(), cases);
  }

  @Test
  void aBroadQuestionInGreatBritainIsRestrictedByItsNarrowerCases() {
    given()
        .queryParam("jurisdiction", "United Kingdom")
        .queryParam("source", "animal")
        .queryParam("deliveryMethod", "skin-application")
        .queryParam("at", "2026-12-01")
        .when()
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("jurisdiction", equalTo("GB"))
        .body("status", equalTo("RESTRICTED"))
        .body("coverage", equalTo("rules"))
        .body("decidingCases.source", contains("bovine", "animal"))
        .body("decidingCases.deliveryMethod", contains("skin-application", "microneedling"))
        .body("decidingCases.status", contains("RESTRICTED", "RESTRICTED"))
        .body(
            "decidingRules.id",
            contains("GB-bovine-skin-application", "GB-non-human-microneedling"))
        .body("conditions", not(empty()))
        .body(
            "explanation",
            equalTo(
                "animal x skin-application: RESTRICTED for bovine x skin-application"
                    + " (GB-bovine-skin-application) and for animal x microneedling"
                    + " (GB-non-human-microneedling)"));
  }

  @Test
  void aJurisdictionWithNoRulesForTheIngredientSaysSo() {
    given()
        .queryParam("jurisdiction", "SG")
        .queryParam("source", "plant")
        .queryParam("deliveryMethod", "topical")
        .queryParam("at", "2026-12-01")
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("status", equalTo("UNKNOWN"))
        .body("coverage", equalTo("none"))
        .body("decidingRules", empty())
        .body("decidingCases.source", contains("plant"))
        .body(
            "explanation",
            equalTo("No rules are recorded for exosome in SG yet; plant x topical: UNKNOWN"));
    // the same jurisdiction has rules for another ingredient
    given()
        .queryParam("jurisdiction", "SG")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .queryParam("ingredient", "PN")
        .queryParam("at", "2026-12-01")
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("ingredient", equalTo("polynucleotide"))
        .body("coverage", equalTo("rules"))
        .body("decidingRules.id", contains("SG-polynucleotide-any-source-topical"));
    given()
        .queryParam("jurisdiction", "SG")
        .queryParam("at", "2026-12-01")
        .get("/api/v1/matrix")
        .then()
        .statusCode(200)
        .body("coverage", equalTo("none"))
        .body("cells.coverage", everyItem(equalTo("none")))
        .body("cells.status", everyItem(equalTo("UNKNOWN")));
  }

  @Test
  void northernIrelandByNameAndAnIngredientByItsInciNameAnswerUnderEuRules() {
    given()
        .queryParam("jurisdiction", "Northern Ireland")
        .queryParam("source", "trout")
        .queryParam("deliveryMethod", "cream")
        .queryParam("ingredient", "sodium DNA")
        .queryParam("at", "2026-12-01")
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("jurisdiction", equalTo("GB-NIR"))
        .body("ingredient", equalTo("polynucleotide"))
        .body("source", equalTo("trout"))
        .body("deliveryMethod", equalTo("topical"))
        .body("status", equalTo("PERMITTED"))
        .body("coverage", equalTo("rules"))
        .body("decidingRules.id", contains("EU-polynucleotide-non-human-topical"))
        .body("decidingRules.jurisdiction", everyItem(equalTo("EU")))
        .body("explanation", startsWith("EU: EU-polynucleotide-non-human-topical"));
  }

  @Test
  void salmonScalpInjectionInTheUkIsNotApprovedWithItsLegalBasis() {
    given()
        .queryParam("jurisdiction", "UK")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "scalp-injection")
        .when()
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("jurisdiction", equalTo("GB"))
        .body("ingredient", equalTo("exosome"))
        .body("source", equalTo("salmon"))
        .body("deliveryMethod", equalTo("scalp-injection"))
        .body("status", equalTo("NOT_APPROVED"))
        .body("decidingRules.id", contains("GB-any-source-injection"))
        .body("decidingRules[0].legalBasis.instrument", notNullValue())
        .body("decidingRules[0].legalBasis.url", startsWith("https://"))
        .body("decidingRules[0].citations.url", everyItem(startsWith("http")))
        .body("decidingRules[0].confidence", equalTo("medium"))
        .body("conditions", hasSize(1))
        .body(
            "explanation",
            equalTo(
                "GB: GB-any-source-injection (any-source x injection) covers salmon x scalp-injection: NOT_APPROVED"))
        .body("rulesetRevision", equalTo(1));
  }

  @Test
  void aliasesAndCodesInAnyCaseGiveCanonicalCodes() {
    given()
        .queryParam("jurisdiction", "el")
        .queryParam("source", "BOS TAURUS")
        .queryParam("deliveryMethod", "Mesotherapy")
        .queryParam("ingredient", "evs")
        .queryParam("at", "2026-11-25")
        .when()
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("jurisdiction", equalTo("GR"))
        .body("source", equalTo("bovine"))
        .body("deliveryMethod", equalTo("intradermal-injection"))
        .body("ingredient", equalTo("exosome"))
        .body("status", equalTo("NOT_APPROVED"))
        .body("decidingRules.id", contains("EU-any-source-injection"));
  }

  @Test
  void eachUnknownOrMalformedParameterIsNamedInOneProblem() {
    given()
        .queryParam("jurisdiction", "XX")
        .queryParam("source", "unicorn")
        .queryParam("deliveryMethod", "telepathy")
        .queryParam("ingredient", "retinol")
        .queryParam("at", "25/11/2026")
        .when()
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("title", equalTo("Bad Request"))
        .body(
            "errors.field",
            containsInAnyOrder("jurisdiction", "source", "deliveryMethod", "ingredient", "at"))
        .body(
            "errors.find { it.field == 'jurisdiction' }.message",
            containsString("/api/v1/jurisdictions"));
  }

  @Test
  void aMissingParameterIsNamed() {
    given()
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .when()
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("deliveryMethod"))
        .body("errors[0].message", containsString("required"));
  }

  @Test
  void aRepeatedParameterIsRefusedRatherThanGuessed() {
    given()
        .queryParam("jurisdiction", "GB", "FR")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("jurisdiction"));
  }

  @Test
  void aHugeUnknownCodeIsNotEchoedInFull() {
    given()
        .queryParam("jurisdiction", "X".repeat(2000))
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .body("errors[0].message.length()", lessThan(200));
  }

  @Test
  void anUnknownRuleIsA404Problem() {
    given()
        .get("/api/v1/rules/no-such-rule")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("no-such-rule"));
  }

  @Test
  void anUnknownPathIsA404ProblemAndAWriteMethodIsRefused() {
    given()
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .contentType("application/json")
        .body("{}")
        .delete("/api/v1/jurisdictions")
        .then()
        .statusCode(405)
        .contentType("application/problem+json");
  }

  @Test
  void listsJurisdictionsWithParentsAndAliases() {
    given()
        .get("/api/v1/jurisdictions")
        .then()
        .statusCode(200)
        .body("", hasSize(48))
        .body("find { it.code == 'FR' }.parent", equalTo("EU"))
        .body("find { it.code == 'GB-NIR' }.parent", equalTo("EU"))
        .body("find { it.code == 'GB' }.aliases", hasItem("UK"))
        .body("find { it.code == 'US' }.regulator", containsString("FDA"));
  }

  @Test
  void oneJurisdictionByAliasHasItsChainAndChildren() {
    given()
        .get("/api/v1/jurisdictions/us-fl")
        .then()
        .statusCode(200)
        .body("code", equalTo("US-FL"))
        .body("chain", contains("US-FL", "US"))
        .body("children", hasSize(0));
    given()
        .get("/api/v1/jurisdictions/EU")
        .then()
        .statusCode(200)
        .body("chain", contains("EU"))
        .body("children", hasItem("FR"))
        .body("children", hasItem("GB-NIR"))
        .body("children", hasSize(31))
        .body("rules", equalTo(11));
    given()
        .get("/api/v1/jurisdictions/XX")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void listsTheVocabulariesAsParentLinks() {
    given()
        .get("/api/v1/sources")
        .then()
        .statusCode(200)
        .body("find { it.id == 'salmon' }.parent", equalTo("marine"))
        .body("find { it.id == 'any-source' }.parent", nullValue())
        .body("find { it.id == 'bovine' }.aliases", contains("Bos taurus"));
    given()
        .get("/api/v1/delivery-methods")
        .then()
        .statusCode(200)
        .body("find { it.id == 'scalp-injection' }.parent", equalTo("injection"))
        .body("[0]", hasKey("label"));
    given()
        .get("/api/v1/ingredients")
        .then()
        .statusCode(200)
        .body("id", contains("exosome", "polynucleotide"))
        .body("find { it.id == 'polynucleotide' }.aliases", hasItem("PDRN"))
        // ingredients form no tree: their entries are the bundle's, with no parent
        .body("[0]", hasKey("label"));
  }

  @Test
  void filtersAndPagesRules() {
    given()
        .queryParam("jurisdiction", "uk")
        .queryParam("ingredient", "exosome")
        .queryParam("status", "restricted")
        .queryParam("at", "2026-12-01")
        .get("/api/v1/rules")
        .then()
        .statusCode(200)
        .body(
            "rules.id",
            containsInAnyOrder("GB-bovine-skin-application", "GB-non-human-microneedling"))
        .body("totalRules", equalTo(2));
    given()
        .queryParam("jurisdiction", "GB")
        .queryParam("ingredient", "exosome")
        .queryParam("at", "2020-06-01")
        .get("/api/v1/rules")
        .then()
        .statusCode(200)
        .body("rules.id", everyItem(endsWith("-eu-period")))
        .body("totalRules", equalTo(6));
    given()
        .queryParam("source", "any-source")
        .queryParam("deliveryMethod", "injection")
        .get("/api/v1/rules")
        .then()
        .statusCode(200)
        .body("rules.source", everyItem(equalTo("any-source")))
        .body("rules.deliveryMethod", everyItem(equalTo("injection")));
    Response first = given().queryParam("size", 10).get("/api/v1/rules");
    first
        .then()
        .statusCode(200)
        .body("rules", hasSize(10))
        .body("totalRules", equalTo(99))
        .body("totalPages", equalTo(10));
    given()
        .queryParam("size", 10)
        .queryParam("page", 9)
        .get("/api/v1/rules")
        .then()
        .statusCode(200)
        .body("rules", hasSize(9))
        .body("page", equalTo(9));
  }

  @Test
  void badRuleFiltersAndPagingAreNamed() {
    given()
        .queryParam("status", "ALLOWED")
        .get("/api/v1/rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("status"));
    given()
        .queryParam("size", 0)
        .get("/api/v1/rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("size"));
    given()
        .queryParam("page", "first")
        .get("/api/v1/rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("page"));
  }

  @Test
  void oneRuleHasEveryFieldWithResolvedCitations() {
    given()
        .get("/api/v1/rules/GB-human-skin-application")
        .then()
        .statusCode(200)
        .body("status", equalTo("PROHIBITED"))
        .body("effectiveFrom", equalTo("2021-01-01"))
        .body("effectiveTo", nullValue())
        .body("verifiedOn", equalTo("2026-11-25"))
        .body("references", hasItem("UK-SI-2019-696"))
        .body("citations.id", hasItem("UK-SI-2019-696"))
        .body("citations[0].title", notNullValue());
  }

  @Test
  void theMatrixDecidesEverySourceForEveryMethod() {
    given()
        .queryParam("jurisdiction", "FR")
        .queryParam("at", "2026-11-25")
        .get("/api/v1/matrix")
        .then()
        .statusCode(200)
        .body("jurisdiction", equalTo("FR"))
        .body("coverage", equalTo("rules"))
        .body("cells", hasSize(20 * 8))
        .body("cells.coverage", everyItem(equalTo("rules")))
        .body(
            "cells.find { it.source == 'animal' && it.deliveryMethod == 'skin-application' }"
                + ".decidingCases.source",
            contains("bovine", "animal"))
        .body(
            "cells.find { it.source == 'salmon' && it.deliveryMethod == 'topical' }"
                + ".decidingCases.source",
            contains("salmon"))
        .body(
            "cells.find { it.source == 'human-adipose-msc' && it.deliveryMethod == 'topical' }.status",
            equalTo("PROHIBITED"))
        .body(
            "cells.find { it.source == 'bovine' && it.deliveryMethod == 'microneedling' }.decidingRules",
            containsInAnyOrder("EU-bovine-skin-application", "EU-non-human-microneedling"))
        .body("rules.id", hasItem("EU-human-skin-application"))
        .body("rulesetRevision", equalTo(1));
    given()
        .get("/api/v1/matrix")
        .then()
        .statusCode(400)
        .body("errors.field", contains("jurisdiction"));
  }

  @Test
  void readsCarryAnEtagThatAnswers304AndCacheControl() {
    Response first =
        given()
            .queryParam("jurisdiction", "GB")
            .queryParam("source", "salmon")
            .queryParam("deliveryMethod", "topical")
            .get("/api/v1/status");
    first.then().statusCode(200).header("Cache-Control", containsString("max-age="));
    String etag = first.header("ETag");
    given()
        .header("If-None-Match", etag)
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .get("/api/v1/status")
        .then()
        .statusCode(304)
        .header("ETag", equalTo(etag));
    given()
        .header("If-None-Match", etag)
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "microneedling")
        .get("/api/v1/status")
        .then()
        .statusCode(200);
  }

  @Test
  void aKeptAnswerIsTheSameAnswerByteForByte() {
    // serum is an alias of topical: the same question, spelt another way
    Response first =
        given()
            .queryParam("jurisdiction", "KR")
            .queryParam("source", "plant")
            .queryParam("deliveryMethod", "serum")
            .get("/api/v1/status");
    // the day the server answered for, rather than this clock's, which may have passed midnight
    String today = first.path("at");
    assertNotNull(today, first.asString());
    Response again =
        given()
            .queryParam("jurisdiction", "kr")
            .queryParam("source", "PLANT")
            .queryParam("deliveryMethod", "topical")
            .queryParam("at", today)
            .get("/api/v1/status");
    first.then().statusCode(200);
    again.then().statusCode(200);
    assertEquals(first.asString(), again.asString());
    assertEquals(first.header("ETag"), again.header("ETag"));
    assertEquals(first.header("Cache-Control"), again.header("Cache-Control"));
    assertEquals(first.contentType(), again.contentType());
    given()
        .header("If-None-Match", first.header("ETag"))
        .queryParam("jurisdiction", "KR")
        .queryParam("source", "plant")
        .queryParam("deliveryMethod", "topical")
        .queryParam("at", today)
        .get("/api/v1/status")
        .then()
        .statusCode(304);
  }

  @Test
  void aKeptAnswerIsSentWholeEveryTimeItIsAsked() {
    // the first ask decides and keeps the answer; every later ask is sent from the kept bytes
    Response first =
        given()
            .queryParam("jurisdiction", "FR")
            .queryParam("source", "bovine")
            .queryParam("deliveryMethod", "topical")
            .get("/api/v1/status");
    first.then().statusCode(200).body("jurisdiction", equalTo("FR"));
    for (int i = 0; i < 5; i++) {
      Response again =
          given()
              .queryParam("jurisdiction", "FR")
              .queryParam("source", "bovine")
              .queryParam("deliveryMethod", "topical")
              .get("/api/v1/status");
      again.then().statusCode(200);
      assertEquals(first.asString(), again.asString());
      assertEquals(first.header("Content-Length"), again.header("Content-Length"));
      assertEquals(first.header("ETag"), again.header("ETag"));
    }
  }

  @Test
  void corsIsOpenForReads() {
    given()
        .header("Origin", "https://shop.example")
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", notNullValue());
  }
}
