package io.exoreg.read;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "Today" moves at midnight UTC: a question asked without a day is answered for the new day, and an
 * answer kept on the day before is not served again, even when the snapshot is the same.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(DayRolloverTest.Profile.class)
class DayRolloverTest {
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(MovableClock.class);
    }
  }

  @Inject ApiKeyStore keys;

  @Test
  void anAnswerKeptOnTheDayBeforeIsNotServedAfterMidnight() {
    MovableClock.NOW.set(Instant.parse("2030-03-31T23:59:00Z"));
    String secret = keys.create("law-rollover", List.of("law"), "test").orElseThrow().secret();
    // a land of its own, whose one rule takes effect on the first day of April
    write(
        secret,
        "/api/v1/jurisdictions",
        """
        {"code": "XROLLO", "name": "Rollover land", "parent": null, "regulator": null,
         "notes": null, "aliases": []}
        """);
    write(
        secret,
        "/api/v1/rules",
        """
        {"id": "XROLLO-plant-topical", "ingredient": "exosome", "jurisdiction": "XROLLO",
         "source": "plant", "deliveryMethod": "topical", "status": "PROHIBITED", "conditions": [],
         "legalBasis": {"instrument": "Rollover Act", "provision": "s. 1", "url": null},
         "references": [], "effectiveFrom": "2030-04-01", "effectiveTo": null,
         "confidence": "high", "verifiedOn": "2030-03-01", "notes": null}
        """);

    Response before = ask();
    assertEquals("2030-03-31", before.path("at"));
    assertNotEquals("PROHIBITED", before.path("status"));
    // asked again the same day: the kept answer, byte for byte
    assertEquals(before.asString(), ask().asString());

    MovableClock.NOW.set(Instant.parse("2030-04-01T00:00:30Z"));
    Response after = ask();
    assertEquals("2030-04-01", after.path("at"));
    assertEquals("PROHIBITED", after.path("status"));
    assertNotEquals(before.header("ETag"), after.header("ETag"));
    // and the new day's answer is kept in its turn
    assertEquals(after.asString(), ask().asString());
  }

  private static Response ask() {
    Response answer =
        given()
            .queryParam("jurisdiction", "XROLLO")
            .queryParam("source", "plant")
            .queryParam("deliveryMethod", "topical")
            .get("/api/v1/status");
    answer.then().statusCode(200);
    return answer;
  }

  private static void write(String secret, String path, String body) {
    given()
        .header("Authorization", "Bearer " + secret)
        .contentType("application/json")
        .body(body)
        .post(path)
        .then()
        .statusCode(201);
  }
}
