package io.exoreg.watch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.TestDatabase;
import io.exoreg.edit.EditingProfile;
import io.exoreg.store.ApiKeyStore;
import io.exoreg.watch.Receiver.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Watches over HTTP, with webhooks delivered to a receiver on this machine: what a revision or a
 * scheduled day changes is told once, signed, in order, retried after failures, and nothing is told
 * when nothing watched changes.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
@QuarkusTestResource(TestDatabase.class)
class WatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject ApiKeyStore keys;
  @Inject WatchEvents events;

  private RequestSpecification key(String scope) {
    String secret =
        keys.create("watch-" + UUID.randomUUID(), List.of(scope), "test").orElseThrow().secret();
    return given().header("Authorization", "Bearer " + secret).contentType("application/json");
  }

  private static String code() {
    StringBuilder code = new StringBuilder("XW");
    Random random = new Random();
    for (int i = 0; i < 5; i++) {
      code.append((char) ('A' + random.nextInt(26)));
    }
    return code.toString();
  }

  static String rule(String id, String market, String status, String from, String to) {
    return """
        {"id": "%s", "ingredient": "exosome", "jurisdiction": "%s", "source": "salmon",
         "deliveryMethod": "topical", "status": "%s", "conditions": [],
         "legalBasis": {"instrument": "Watch Act", "provision": "s. 1", "url": null},
         "references": [], "effectiveFrom": %s, "effectiveTo": %s, "confidence": "high",
         "verifiedOn": "2026-12-01", "notes": null}
        """
        .formatted(id, market, status, date(from), date(to));
  }

  private static String date(String day) {
    return day == null ? "null" : "\"" + day + "\"";
  }

  static String catalogue(String market) {
    return """
        {"products": [{"sku": "SERUM-%s", "name": "Salmon serum",
          "ingredients": [{"ingredient": "exosome", "source": "salmon"}],
          "deliveryMethods": ["topical"], "markets": ["%s"]}]}
        """
        .formatted(market, market);
  }

  private static String watch(String market, String url) {
    return """
        {"name": "Serums in %s", "catalogue": %s, "webhook": %s}
        """
        .formatted(market, catalogue(market), url == null ? "null" : "{\"url\": \"" + url + "\"}");
  }

  /** A market of its own, below no other, with one rule that permits the serum there. */
  private static Market market(RequestSpecification writer) {
    String code = code();
    given()
        .spec(writer)
        .body("{\"code\":\"" + code + "\",\"name\":\"Watch land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(201);
    String rule = code + "-salmon-topical";
    String tag =
        given()
            .spec(writer)
            .body(rule(rule, code, "PERMITTED", null, null))
            .post("/api/v1/rules")
            .then()
            .statusCode(201)
            .extract()
            .header("ETag");
    return new Market(code, rule, tag);
  }

  private record Market(String code, String rule, String tag) {}

  /** Replaces the market's rule with one of this status; returns the revision and the new tag. */
  private static String[] put(
      RequestSpecification writer, Market market, String tag, String status) {
    Response written =
        given()
            .spec(writer)
            .header("If-Match", tag)
            .body(rule(market.rule(), market.code(), status, null, null))
            .put("/api/v1/rules/" + market.rule());
    written.then().statusCode(200);
    return new String[] {written.header("Exoreg-Revision"), written.header("ETag")};
  }

  @Test
  void aChangedResultIsDeliveredSignedAfterTheReceiverFailedTwice() throws Exception {
    RequestSpecification writer = key("law");
    RequestSpecification owner = key("watch");
    Market market = market(writer);
    try (Receiver receiver = Receiver.start()) {
      receiver.failNext(2);
      Response made =
          given().spec(owner).body(watch(market.code(), receiver.url())).post("/api/v1/watches");
      made.then()
          .statusCode(201)
          .header("Cache-Control", "no-store")
          .header("Location", containsString("/api/v1/watches/"))
          .body("webhook.url", equalTo(receiver.url()))
          .body("webhook.secret", startsWith("whsec_"))
          .body("products", equalTo(1));
      String id = made.path("id");
      String secret = made.path("webhook.secret");

      String revision = put(writer, market, market.tag(), "PROHIBITED")[0];
      List<Received> got =
          receiver.await(r -> r.stream().anyMatch(x -> x.answeredWith() == 204), WAIT);
      assertEquals(3, got.size(), "two failures, then the delivery: " + got);
      assertEquals(List.of(500, 500, 204), got.stream().map(Received::answeredWith).toList());
      assertEquals(
          1, got.stream().map(Received::id).distinct().count(), "one webhook-id throughout");
      for (Received attempt : got) {
        assertTrue(
            Receiver.verifies(attempt, secret), "signed with the watch's secret: " + attempt);
        assertFalse(Receiver.verifies(attempt, WebhookSignature.newSecret()));
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(attempt.timestamp());
        assertTrue(age >= 0 && age < 60, "a current timestamp: " + attempt.timestamp());
      }
      JsonNode event = JSON.readTree(got.get(2).body());
      assertEquals("watch.changed", event.get("type").asText());
      assertEquals(id, event.get("watch").asText());
      assertEquals("evt_" + event.get("id").asLong(), got.get(2).id());
      assertEquals(Long.parseLong(revision), event.get("revision").asLong());
      assertEquals("revision", event.get("cause").asText());
      assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), event.get("on").asText());
      JsonNode change = event.get("changes").get(0);
      assertEquals("SERUM-" + market.code(), change.get("sku").asText());
      assertEquals(market.code(), change.get("market").asText());
      assertEquals("PERMITTED", change.get("from").get("status").asText());
      assertEquals("PROHIBITED", change.get("to").get("status").asText());
      assertEquals(market.rule(), change.get("to").get("decidingRules").get(0).asText());
      assertEquals("PROHIBITED", event.get("rules").get(market.rule()).get("status").asText());

      // every attempt is recorded, newest first; the last once its answer is in
      String webhookId = got.get(0).id();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  given()
                      .spec(owner)
                      .get("/api/v1/watches/" + id + "/deliveries")
                      .then()
                      .statusCode(200)
                      .header("Cache-Control", "no-store")
                      .body("deliveries", hasSize(3))
                      .body("deliveries.attempt", contains(3, 2, 1))
                      .body("deliveries.statusCode", contains(204, 500, 500))
                      .body("deliveries[0].error", equalTo(null))
                      .body("deliveries[1].error", equalTo("answered 500"))
                      .body("deliveries.webhookId", contains(webhookId, webhookId, webhookId)));
      // the feed holds the very body delivered
      Response feed = given().spec(owner).get("/api/v1/watches/" + id + "/events?since=0");
      feed.then()
          .statusCode(200)
          .body("events", hasSize(1))
          .body("next", equalTo(event.get("id").asInt()));
      assertEquals(event, JSON.readTree(feed.asString()).get("events").get(0));
      given()
          .spec(owner)
          .get("/api/v1/watches/" + id + "/events?since=" + event.get("id").asLong())
          .then()
          .statusCode(200)
          .body("events", hasSize(0));
    }
  }

  @Test
  void anEditThatChangesNoWatchedResultSendsNothing() throws Exception {
    RequestSpecification writer = key("law");
    RequestSpecification owner = key("watch");
    Market watched = market(writer);
    Market other = market(writer);
    try (Receiver receiver = Receiver.start()) {
      String id =
          given()
              .spec(owner)
              .body(watch(watched.code(), receiver.url()))
              .post("/api/v1/watches")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      // another market's rule, and the watched rule rewritten with the same status
      put(writer, other, other.tag(), "PROHIBITED");
      String tag =
          given()
              .spec(writer)
              .header("If-Match", watched.tag())
              .body(
                  rule(watched.rule(), watched.code(), "PERMITTED", null, null)
                      .replace("\"notes\": null", "\"notes\": \"reworded\""))
              .put("/api/v1/rules/" + watched.rule())
              .then()
              .statusCode(200)
              .extract()
              .header("ETag");
      // then a change it watches: delivered in order, it is the first and only thing sent
      String revision = put(writer, watched, tag, "RESTRICTED")[0];
      List<Received> got = receiver.await(r -> !r.isEmpty(), WAIT);
      Thread.sleep(1000); // anything else due would have followed by now
      got = receiver.received();
      assertEquals(1, got.size(), "only the change of a watched result: " + got);
      assertEquals(
          Long.parseLong(revision), JSON.readTree(got.get(0).body()).get("revision").asLong());
      given()
          .spec(owner)
          .get("/api/v1/watches/" + id + "/events")
          .then()
          .body("events", hasSize(1))
          .body("events[0].changes[0].to.status", equalTo("RESTRICTED"));
    }
  }

  @Test
  void aChangeScheduledThirtyDaysAheadIsAnEventOnItsDay() {
    RequestSpecification writer = key("law");
    RequestSpecification owner = key("watch");
    Market market = market(writer);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate day = today.plusDays(30);
    // the permission ends in 30 days, and a prohibition starts then
    given()
        .spec(writer)
        .header("If-Match", market.tag())
        .body(rule(market.rule(), market.code(), "PERMITTED", null, day.toString()))
        .put("/api/v1/rules/" + market.rule())
        .then()
        .statusCode(200);
    String id =
        given()
            .spec(owner)
            .body(watch(market.code(), null))
            .post("/api/v1/watches")
            .then()
            .statusCode(201)
            .body("webhook", equalTo(null))
            .extract()
            .path("id");
    given()
        .spec(writer)
        .body(rule(market.code() + "-later", market.code(), "PROHIBITED", day.toString(), null))
        .post("/api/v1/rules")
        .then()
        .statusCode(201);
    // written in the future, the new rule changes nothing today
    given().spec(owner).get("/api/v1/watches/" + id + "/events").then().body("events", hasSize(0));
    // the day before, nothing; on the day, its event
    assertTrue(events.turnDays(day.minusDays(1)));
    given().spec(owner).get("/api/v1/watches/" + id + "/events").then().body("events", hasSize(0));
    assertTrue(events.turnDays(day));
    given()
        .spec(owner)
        .get("/api/v1/watches/" + id + "/events")
        .then()
        .body("events", hasSize(1))
        .body("events[0].cause", equalTo("scheduled"))
        .body("events[0].on", equalTo(day.toString()))
        .body("events[0].changes[0].from.status", equalTo("PERMITTED"))
        .body("events[0].changes[0].to.status", equalTo("PROHIBITED"))
        .body("events[0].changes[0].to.decidingRules", contains(market.code() + "-later"));
    // a day is turned into events once
    assertTrue(events.turnDays(day));
    given().spec(owner).get("/api/v1/watches/" + id + "/events").then().body("events", hasSize(1));
  }

  @Test
  void aWatchIsItsOwnersAloneWithItsCheckToday() {
    RequestSpecification writer = key("law");
    RequestSpecification owner = key("watch");
    RequestSpecification stranger = key("watch");
    Market market = market(writer);
    String id =
        given()
            .spec(owner)
            .body(watch(market.code(), null))
            .post("/api/v1/watches")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .spec(owner)
        .get("/api/v1/watches/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Serums in " + market.code()))
        .body("failOn", equalTo("UNKNOWN"))
        .body("check.passed", equalTo(true))
        .body("check.results[0].status", equalTo("PERMITTED"))
        .body("check.results[0].findings[0].decidingRules", contains(market.rule()));
    given().spec(owner).get("/api/v1/watches").then().statusCode(200).body("id", contains(id));
    given().spec(stranger).get("/api/v1/watches").then().statusCode(200).body("$", hasSize(0));
    given().spec(stranger).get("/api/v1/watches/" + id).then().statusCode(404);
    given().spec(stranger).delete("/api/v1/watches/" + id).then().statusCode(404);
    given().spec(stranger).get("/api/v1/watches/" + id + "/events").then().statusCode(404);
    given().get("/api/v1/watches").then().statusCode(401);
    given().spec(owner).delete("/api/v1/watches/" + id).then().statusCode(204);
    given().spec(owner).get("/api/v1/watches/" + id).then().statusCode(404);
  }

  @Test
  void aRotatedSecretSignsBesideTheNewOneForADay() throws Exception {
    RequestSpecification writer = key("law");
    RequestSpecification owner = key("watch");
    Market market = market(writer);
    try (Receiver receiver = Receiver.start()) {
      Response made =
          given().spec(owner).body(watch(market.code(), receiver.url())).post("/api/v1/watches");
      String id = made.path("id");
      String old = made.path("webhook.secret");
      Response rotated = given().spec(owner).post("/api/v1/watches/" + id + "/secret");
      rotated.then().statusCode(200).header("Cache-Control", "no-store");
      String secret = rotated.path("webhook.secret");
      assertFalse(secret.equals(old));
      put(writer, market, market.tag(), "PROHIBITED");
      Received got = receiver.await(r -> !r.isEmpty(), WAIT).get(0);
      assertTrue(Receiver.verifies(got, secret), got.signature());
      assertTrue(Receiver.verifies(got, old), got.signature());
      assertEquals(2, got.signature().split(" ").length);
      // the secret is never shown again
      given().spec(owner).get("/api/v1/watches/" + id).then().body("webhook.secret", equalTo(null));
    }
  }

  @Test
  void badWatchesAreRefusedNamingTheField() {
    RequestSpecification owner = key("watch");
    given()
        .spec(owner)
        .body("{\"catalogue\": {\"products\": []}}")
        .post("/api/v1/watches")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("name"))
        .body("errors.field", hasItem("catalogue.products"));
    given()
        .spec(owner)
        .body(watch("NOWHERE-LAND", "ftp://example.com/hook"))
        .post("/api/v1/watches")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("catalogue.products[0].markets[0]"))
        .body("errors.field", hasItem("webhook.url"))
        .body("errors.find { it.field == 'webhook.url' }.message", containsString("https"));
    given()
        .spec(owner)
        .body(
            "{\"name\": \"dated\", \"catalogue\": "
                + catalogue("GB").replaceFirst("\\{", "{\"at\": \"2027-01-01\", ")
                + ", \"policy\": \"no-such-policy\", \"failOn\": \"BAD\"}")
        .post("/api/v1/watches")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("catalogue.at"))
        .body("errors.field", hasItem("policy"))
        .body("errors.field", hasItem("failOn"));
  }
}
