package io.exoreg.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.exoreg.TestDatabase;
import io.exoreg.edit.FailedAuthentications;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
          "exoreg.api-keys.tester.sha256", HexFormat.of().formatHex(ApiKeyStore.hash(SECRET)));
    }
  }

  @Test
  void anIpv6ClientIsCountedByItsSlash64AndAnIpv4ClientByItsAddress() {
    assertEquals(
        FailedAuthentications.client("2001:db8:1:2:3:4:5:6"),
        FailedAuthentications.client("2001:db8:1:2:ffff::1"));
    assertNotEquals(
        FailedAuthentications.client("2001:db8:1:2::1"),
        FailedAuthentications.client("2001:db8:1:3::1"));
    assertEquals("192.0.2.7", FailedAuthentications.client("192.0.2.7"));
  }

  @Test
  void repeatedFailuresGet429WithRetryAfterEvenWhenSentAtOnce() throws Exception {
    String body = "{\"code\":\"XTHR\",\"name\":\"Throttle land\",\"aliases\":[]}";
    // twelve guesses at once: each is counted before its key is checked, so three get through
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String guess = "exo_guess-" + i;
      answers.add(
          pool.submit(
              () ->
                  given()
                      .header("Authorization", "Bearer " + guess)
                      .contentType("application/json")
                      .body(body)
                      .post("/api/v1/jurisdictions")
                      .statusCode()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get());
    }
    pool.shutdown();
    assertEquals(3, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
    assertEquals(9, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
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
