package io.exoreg.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every response carries, and what the HTTP layer refuses, whatever the endpoint. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HardeningTest {
  private static final String STATUS =
      "/api/v1/status?jurisdiction=GB&source=salmon&deliveryMethod=topical";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        STATUS,
        "/api/v1/jurisdictions",
        "/api/v1/matrix?source=human&deliveryMethod=topical",
        "/q/health/ready",
        "/q/openapi",
        "/no/such/path"
      })
  void everyResponseCarriesTheSecurityHeadersAndNoServerBanner(String path) {
    // the status path twice: the first answer comes from the resource, the second from memory
    for (int i = 0; i < 2; i++) {
      given()
          .get(path)
          .then()
          .header("X-Content-Type-Options", "nosniff")
          .header("X-Frame-Options", "DENY")
          .header("Referrer-Policy", "no-referrer")
          .header("Content-Security-Policy", HttpGuard.PAGE_POLICY)
          .header("Server", nullValue())
          .header("X-Powered-By", nullValue());
    }
  }

  @Test
  void thePageLoadsOnlyItsOwnScriptAndStyle() {
    given()
        .get("/")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .header("Content-Security-Policy", not(containsString("unsafe-inline")))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
  }

  @Test
  void traceIsRefused() {
    problem(given().request("TRACE", STATUS).then(), 405).header("Allow", containsString("GET"));
    problem(given().request("TRACE", "/").then(), 405);
  }

  @Test
  void corsIsOpenForReadsOnly() {
    given()
        .header("Origin", "https://shop.example")
        .get(STATUS)
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", "https://shop.example");
    given()
        .header("Origin", "https://shop.example")
        .header("Access-Control-Request-Method", "GET")
        .options(STATUS)
        .then()
        .header("Access-Control-Allow-Methods", containsString("GET"))
        .header("Access-Control-Allow-Methods", not(containsString("POST")));
    for (String method : new String[] {"POST", "PUT", "DELETE"}) {
      given()
          .header("Origin", "https://shop.example")
          .header("Access-Control-Request-Method", method)
          .options("/api/v1/rules")
          .then()
          .header("Access-Control-Allow-Methods", not(containsString(method)));
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
    byte[] body = new byte[10 * 1024 * 1024 + 1];
    Arrays.fill(body, (byte) ' ');
    problem(given().contentType("application/json").body(body).post("/api/v1/checks").then(), 413)
        .body("detail", containsString("10485760"));
  }

  @Test
  void anOverLongRequestLineIsRefused() {
    problem(given().get("/api/v1/status?jurisdiction=" + "A".repeat(9000)).then(), 414)
        .body("detail", containsString("8192"));
  }

  @Test
  void aTypeOfWeightZeroIsNotAcceptableOnEitherPathOfAStatusQuestion() {
    // the first answer comes from the resource, the second would come from memory
    for (int i = 0; i < 2; i++) {
      given().get(STATUS).then().statusCode(200);
      problem(given().accept("application/json;q=0").get(STATUS).then(), 406)
          .body("detail", containsString("application/json"));
      problem(given().accept("*/*;q=0.5, application/json;q=0").get(STATUS).then(), 406);
    }
    given().accept("text/html, application/json;q=0.1").get(STATUS).then().statusCode(200);
    given().accept("application/*;q=0.2").get(STATUS).then().statusCode(200);
    problem(given().accept("application/json;q=0").get("/api/v1/jurisdictions").then(), 406);
    problem(given().accept("application/json; q=0.000").get("/api/v1/sources").then(), 406);
  }

  @Test
  void theExportAndTheCheckReportHonourWeights() {
    given()
        .accept("text/csv;q=0, application/json")
        .get("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"));
    given()
        .accept("application/json;q=0.5, text/csv")
        .get("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/csv"));
    given()
        .accept("application/sarif+json;q=0, text/plain;q=0.8")
        .contentType("application/json")
        .body(
            """
            {"products": [{"sku": "W1", "ingredients": [{"source": "salmon"}],
              "deliveryMethods": ["topical"], "markets": ["FR"]}]}""")
        .post("/api/v1/checks")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/plain"));
  }

  @Test
  void aLongInputIsCutShortInAProblemAndTheProblemSaysSo() {
    String source = "x".repeat(5000);
    String body =
        problem(
                given()
                    .get("/api/v1/status?jurisdiction=GB&deliveryMethod=topical&source=" + source)
                    .then(),
                400)
            .body("detail", containsString("the first 64 of 5000 characters"))
            .body("errors[0].field", equalTo("source"))
            .extract()
            .asString();
    assertTrue(body.length() < 1000, body);
  }

  @Test
  void aFiveMegabyteSkuIsNotEchoedBack() {
    String sku = "S".repeat(5 * 1024 * 1024);
    String body =
        problem(
                given()
                    .contentType("application/json")
                    .body(
                        "{\"products\": [{\"sku\": \""
                            + sku
                            + "\", \"ingredients\": [{\"source\": \"no-such-source\"}],"
                            + " \"deliveryMethods\": [\"topical\"], \"markets\": [\"FR\"]}]}")
                    .post("/api/v1/checks")
                    .then(),
                400)
            .body("detail", containsString("characters"))
            .extract()
            .asString();
    assertTrue(body.length() < 5000, "the problem is " + body.length() + " characters long");
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status));
  }
}
