package io.exoreg.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** What operators watch: metrics that move with the work done, and a request id on every line. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(HostileProfile.class)
class ObservabilityTest {
  private static final String STATUS =
      "/api/v1/status?jurisdiction=GB&source=human&deliveryMethod=topical";

  @Test
  void decisionCountersMoveWithTheDecisionsServed() {
    String decisions =
        "exoreg_decisions_total{jurisdiction=\"GB\",status=\"PROHIBITED\",via=\"status\"}";
    double before = metric(decisions);
    // the first answer is made by the resource, the rest are served from memory
    for (int i = 0; i < 3; i++) {
      given().get(STATUS).then().statusCode(200);
    }
    given().get(STATUS.replace("GB", "UK")).then().statusCode(200);
    assertEquals(before + 4, metric(decisions), 0.0);

    String passed = "exoreg_checks_total{result=\"passed\"}";
    String checked =
        "exoreg_decisions_total{jurisdiction=\"FR\",status=\"PERMITTED\",via=\"check\"}";
    double passedBefore = metric(passed);
    double checkedBefore = metric(checked);
    given()
        .contentType("application/json")
        .body(
            """
            {"products": [{"sku": "S1", "ingredients": [{"source": "salmon"}],
              "deliveryMethods": ["topical"], "markets": ["FR", "DE"]}]}""")
        .post("/api/v1/checks")
        .then()
        .statusCode(200);
    assertEquals(passedBefore + 1, metric(passed), 0.0);
    assertEquals(checkedBefore + 1, metric(checked), 0.0);

    String text = given().get("/q/metrics").asString();
    assertTrue(text.contains("exoreg_ruleset_revision "), "revision gauge");
    assertTrue(text.contains("exoreg_snapshot_age_seconds "), "snapshot age gauge");
    assertTrue(text.contains("exoreg_stale 0.0"), "stale flag, down while the database answers");
    assertTrue(text.contains("http_server_requests_seconds_bucket{"), "latency histogram");
  }

  @Test
  void everyLogLineOfARequestCarriesItsIdAndSoDoesTheResponse() {
    try (LogCapture logs = LogCapture.start()) {
      given()
          .header("X-Request-Id", "ci-run-42")
          .header("Authorization", "Bearer " + HostileProfile.ADMIN_SECRET)
          .contentType("application/json")
          .body("{\"code\":\"XRID\",\"name\":\"Request id land\",\"aliases\":[]}")
          .post("/api/v1/jurisdictions")
          .then()
          .statusCode(201)
          .header("X-Request-Id", "ci-run-42");
      ExtLogRecord committed =
          logs.records().stream()
              .filter(r -> String.valueOf(r.getFormattedMessage()).contains("XRID"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("the commit was not logged"));
      assertEquals("ci-run-42", committed.getMdc("requestId"));
    }
    // without a sane id of its own, a request is given one
    given().get(STATUS).then().header("X-Request-Id", matchesPattern("[a-z0-9]+-[a-z0-9]+"));
    given()
        .header("X-Request-Id", "bad id\u0001")
        .get(STATUS)
        .then()
        .header("X-Request-Id", matchesPattern("[a-z0-9]+-[a-z0-9]+"));
  }

  @Test
  void keptAnswersAreTaggedByTheirTemplateHoweverThePathIsSpelt() {
    for (int i = 0; i < 3; i++) {
      // a kept answer after the first, served before any resource is matched
      given()
          .urlEncodingEnabled(false)
          .get(STATUS.replace("/api/v1/status", "/api/v1/spelt-" + i + "/../status"))
          .then()
          .statusCode(200);
    }
    List<String> uris = uriTags();
    assertTrue(uris.contains("/api/v1/status"), uris.toString());
    assertTrue(uris.stream().noneMatch(uri -> uri.contains("spelt-")), uris.toString());
  }

  @Test
  void errorsOnPathsNoRouteMatchesShareOneMetricsTag() {
    for (int i = 0; i < 150; i++) {
      String path = "/api/v1/rules/junk-" + i + "/deeper-" + i;
      given().post(path).then().statusCode(lessThan(500));
      given().delete("/api/v1/rules/junk-" + i).then().statusCode(lessThan(500));
      given().get("/junk-" + i + "%zz").then().statusCode(lessThan(500));
    }
    List<String> uris = uriTags();
    assertTrue(uris.stream().noneMatch(uri -> uri.contains("junk-")), uris.toString());
    assertTrue(uris.contains("/UNMATCHED"), uris.toString());
    assertTrue(uris.size() < 60, uris.toString());
  }

  /** The distinct uri tags of the HTTP server's request meters. */
  static List<String> uriTags() {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m =
        Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"")
            .matcher(text);
    Set<String> uris = new TreeSet<>();
    while (m.find()) {
      uris.add(m.group(1));
    }
    return List.copyOf(uris);
  }

  private static double metric(String series) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
