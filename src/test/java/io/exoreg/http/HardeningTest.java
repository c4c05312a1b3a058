package io.exoreg.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
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
    java.util.Arrays.fill(body, (byte) ' ');
    problem(given().contentType("application/json").body(body).post("/api/v1/checks").then(), 413)
        .body("detail", containsString("10485760"));
  }

  @Test
  void anOverLongRequestLineIsRefused() {
    problem(given().get("/api/v1/status?jurisdiction=" + "A".repeat(9000)).then(), 414)
        .body("detail", containsString("8192"));
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status));
  }
}
