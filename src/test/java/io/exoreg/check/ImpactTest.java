package io.exoreg.check;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.exoreg.TestDatabase;
import io.exoreg.edit.EditingProfile;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The impact of the table's changes on a catalogue: between two revisions, and as rules already
 * written come into force, each change with its day, in every report format.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
@QuarkusTestResource(TestDatabase.class)
class ImpactTest {
  @Inject ApiKeyStore keys;

  private RequestSpecification as() {
    String key =
        keys.create("impact-" + UUID.randomUUID(), List.of("admin"), "test").orElseThrow().secret();
    return given().header("Authorization", "Bearer " + key).contentType("application/json");
  }

  private static String code() {
    StringBuilder code = new StringBuilder("XI");
    Random random = new Random();
    for (int i = 0; i < 5; i++) {
      code.append((char) ('A' + random.nextInt(26)));
    }
    return code.toString();
  }

  private static String rule(String id, String market, String status, String from, String to) {
    return """
        {"id": "%s", "ingredient": "exosome", "jurisdiction": "%s", "source": "salmon",
         "deliveryMethod": "topical", "status": "%s", "conditions": [],
         "legalBasis": {"instrument": "Impact Act", "provision": "s. 1", "url": null},
         "references": [], "effectiveFrom": %s, "effectiveTo": %s, "confidence": "high",
         "verifiedOn": "2026-12-01", "notes": null}
        """
        .formatted(id, market, status, date(from), date(to));
  }

  private static String date(String day) {
    return day == null ? "null" : "\"" + day + "\"";
  }

  private static String catalogue(String market) {
    return """
        {"products": [{"sku": "SERUM-%s", "name": "Salmon serum",
          "ingredients": [{"ingredient": "exosome", "source": "salmon"}],
          "deliveryMethods": ["topical"], "markets": ["%s"]}]}
        """
        .formatted(market, market);
  }

  /** A market of its own, below no other, so that only its own rules decide in it. */
  private String market(RequestSpecification writer) {
    String code = code();
    given()
        .spec(writer)
        .body("{\"code\":\"" + code + "\",\"name\":\"Impact land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(201);
    return code;
  }

  private static Response write(
      RequestSpecification writer, String method, String path, String body, String tag) {
    RequestSpecification request = given().spec(writer).body(body);
    if (tag != null) {
      request.header("If-Match", tag);
    }
    return request.request(method, path);
  }

  @Test
  void aChangeBetweenRevisionsIsListedWithBothSides() {
    RequestSpecification writer = as();
    String market = market(writer);
    String id = market + "-salmon-topical";
    Response added =
        write(writer, "POST", "/api/v1/rules", rule(id, market, "PERMITTED", null, null), null);
    long before = Long.parseLong(added.header("Exoreg-Revision"));
    Response changed =
        write(
            writer,
            "PUT",
            "/api/v1/rules/" + id,
            rule(id, market, "PROHIBITED", null, null),
            added.header("ETag"));
    long after = Long.parseLong(changed.header("Exoreg-Revision"));
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    given()
        .contentType("application/json")
        .queryParam("fromRevision", before)
        .queryParam("toRevision", after)
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body("fromRevision", equalTo((int) before))
        .body("toRevision", equalTo((int) after))
        .body("changed", equalTo(1))
        .body("failing", equalTo(1))
        .body("changes[0].sku", equalTo("SERUM-" + market))
        .body("changes[0].market", equalTo(market))
        .body("changes[0].cause", equalTo("revision"))
        .body("changes[0].on", equalTo(today))
        .body("changes[0].from.status", equalTo("PERMITTED"))
        .body("changes[0].to.status", equalTo("PROHIBITED"))
        .body("changes[0].to.decidingRules", contains(id))
        .body("changes[0].worse", equalTo(true))
        .body("changes[0].outcome", equalTo("fail"))
        .body("rules." + id + ".status", equalTo("PROHIBITED"));
    // from the later revision to itself, nothing changes
    given()
        .contentType("application/json")
        .queryParam("fromRevision", after)
        .queryParam("toRevision", after)
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body("changes", hasSize(0));
  }

  @Test
  void aChangeScheduledThirtyDaysAheadIsListedWithItsDate() {
    RequestSpecification writer = as();
    String market = market(writer);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String switchOver = today.plusDays(30).toString();
    write(
            writer,
            "POST",
            "/api/v1/rules",
            rule(market + "-now", market, "PERMITTED", null, switchOver),
            null)
        .then()
        .statusCode(201);
    write(
            writer,
            "POST",
            "/api/v1/rules",
            rule(market + "-later", market, "NOT_APPROVED", switchOver, null),
            null)
        .then()
        .statusCode(201);
    given()
        .contentType("application/json")
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body("fromDate", equalTo(today.toString()))
        .body("toDate", equalTo(today.plusDays(90).toString()))
        .body("changes", hasSize(1))
        .body("changes[0].cause", equalTo("scheduled"))
        .body("changes[0].on", equalTo(switchOver))
        .body("changes[0].from.decidingRules", contains(market + "-now"))
        .body("changes[0].to.status", equalTo("NOT_APPROVED"));
    // a window that ends before the switch sees nothing
    given()
        .contentType("application/json")
        .queryParam("toDate", today.plusDays(29).toString())
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body("changes", hasSize(0));
    // the same impact in every report format
    String junit =
        given()
            .contentType("application/json")
            .queryParam("format", "junit")
            .body(catalogue(market))
            .post("/api/v1/impact")
            .then()
            .statusCode(200)
            .contentType(containsString("application/xml"))
            .extract()
            .asString();
    assertThat(
        junit, containsString("name=\"SERUM-" + market + "/" + market + "@" + switchOver + "\""));
    assertThat(junit, containsString("<failure type=\"NOT_APPROVED\""));
    given()
        .contentType("application/json")
        .queryParam("format", "sarif")
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body("version", equalTo("2.1.0"))
        .body("runs[0].results.ruleId", contains(market + "-later"))
        .body("runs[0].results[0].properties.on", equalTo(switchOver))
        .body("runs[0].results[0].level", equalTo("error"));
    given()
        .contentType("application/json")
        .queryParam("format", "text")
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "on "
                    + switchOver
                    + " (scheduled): PERMITTED ("
                    + market
                    + "-now) -> NOT_APPROVED"));
    given()
        .contentType("application/json")
        .queryParam("format", "github")
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body(containsString("::error title=SERUM-" + market));
    // and from CSV
    given()
        .contentType("text/csv")
        .body(
            "sku,name,ingredient,source,deliveryMethod,market\nSERUM-1,Serum,exosome,salmon,topical,"
                + market
                + "\n")
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body("changes.on", contains(switchOver));
  }

  @Test
  void boundsThatCannotBeReadAreRefusedNamingTheField() {
    given()
        .contentType("application/json")
        .queryParam("fromDate", "2027-01-10")
        .queryParam("toDate", "2027-01-01")
        .body(catalogue("GB"))
        .post("/api/v1/impact")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("toDate"));
    given()
        .contentType("application/json")
        .queryParam("toRevision", 999999)
        .body(catalogue("GB"))
        .post("/api/v1/impact")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("toRevision"))
        .body("errors[0].message", containsString("no revision 999999"));
    given()
        .contentType("application/json")
        .queryParam("fromRevision", "first")
        .body(catalogue("GB"))
        .post("/api/v1/impact")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("fromRevision"));
  }

  @Test
  void aPolicyWrittenBetweenTheRevisionsIsPartOfTheImpact() {
    RequestSpecification writer = as();
    String market = market(writer);
    Response added =
        write(
            writer,
            "POST",
            "/api/v1/rules",
            rule(market + "-law", market, "PERMITTED", null, null),
            null);
    long before = Long.parseLong(added.header("Exoreg-Revision"));
    String policy = "impact-" + market.toLowerCase(Locale.ROOT);
    String body =
        """
        {"id": "%s", "name": "Impact standard", "description": null, "rules": [
         {"id": "%s-marine", "ingredient": "exosome", "jurisdiction": null, "source": "marine",
          "deliveryMethod": "any-route", "status": "PROHIBITED", "conditions": [],
          "rationale": "No marine sources", "legalBasis": null, "references": [],
          "effectiveFrom": null, "effectiveTo": null, "confidence": "high",
          "verifiedOn": "2026-12-01", "notes": null}]}
        """
            .formatted(policy, policy);
    long after =
        Long.parseLong(
            write(writer, "POST", "/api/v1/policies", body, null).header("Exoreg-Revision"));
    given()
        .contentType("application/json")
        .queryParam("fromRevision", before)
        .queryParam("toRevision", after)
        .queryParam("policy", policy)
        .body(catalogue(market))
        .post("/api/v1/impact")
        .then()
        .statusCode(200)
        .body("policy.id", equalTo(policy))
        .body("changes", hasSize(1))
        .body("changes[0].from.status", equalTo("PERMITTED"))
        .body("changes[0].to.status", equalTo("PROHIBITED"))
        .body("changes[0].to.decidingRules", contains(policy + "-marine"))
        .body("rules." + policy + "-marine.rationale", equalTo("No marine sources"));
  }
}
