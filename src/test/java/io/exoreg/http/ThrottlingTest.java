package io.exoreg.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that keeps failing to authenticate is refused for a while, even with a good key. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(ThrottlingTest.Profile.class)
class ThrottlingTest {
  static final String SECRET = "exo_throttling-test-secret";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "exoreg.auth.max-failures", "3",
          "exoreg.auth.failure-window", "60s",
          "exoreg.api-keys.tester.sha256",
              HexFormat.of().formatHex(io.exoreg.store.ApiKeyStore.hash(SECRET)));
    }
  }

  @Test
  void repeatedFailuresGet429WithRetryAfter() {
    String body = "{\"code\":\"XTHR\",\"name\":\"Throttle land\",\"aliases\":[]}";
    for (int i = 0; i < 3; i++) {
      given()
          .header("Authorization", "Bearer exo_guess-" + i)
          .contentType("application/json")
          .body(body)
          .post("/api/v1/jurisdictions")
          .then()
          .statusCode(401);
    }
    given()
        .header("Authorization", "Bearer exo_guess-4")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue())
        .body("status", equalTo(429));
    // the right key does not help while the address is throttled, so guessing gains nothing
    given()
        .header("Authorization", "Bearer " + SECRET)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(429);
    given().get("/api/v1/jurisdictions/XTHR").then().statusCode(404);
    // reads are never throttled
    given().get("/api/v1/jurisdictions").then().statusCode(200);
  }
}
