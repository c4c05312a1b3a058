package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.store.ApiKeyStore;
import io.exoreg.watch.Receiver;
import io.exoreg.watch.Receiver.Received;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks of the packaged application, delivered to a receiver on this machine: an event committed
 * before the application was killed is delivered once it is back, and two instances on one database
 * deliver each event once, in order.
 */
class WebhooksIT {
  private static final String SECRET = "exo_webhooks-test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULE = "XW-salmon-topical";
  private final List<Process> apps = new ArrayList<>();
  private EmbeddedDatabase database;

  private Map<String, String> settings() {
    return Map.of(
        "QUARKUS_DATASOURCE_JDBC_URL",
        database.jdbcUrl(),
        "QUARKUS_DATASOURCE_USERNAME",
        "postgres",
        "EXOREG_API_KEYS_TESTER_SHA256",
        HexFormat.of().formatHex(ApiKeyStore.hash(SECRET)),
        "EXOREG_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES",
        "true",
        "EXOREG_WEBHOOKS_FIRST_RETRY_AFTER",
        "300ms",
        "EXOREG_WEBHOOKS_POLL_EVERY",
        "200ms");
  }

  private static RequestSpecification as(int port) {
    return given()
        .port(port)
        .header("Authorization", "Bearer " + SECRET)
        .contentType("application/json");
  }

  private static String rule(String status) {
    return """
        {"id": "%s", "ingredient": "exosome", "jurisdiction": "XW", "source": "salmon",
         "deliveryMethod": "topical", "status": "%s", "conditions": [],
         "legalBasis": {"instrument": "Watch Act", "provision": "s. 1", "url": null},
         "references": [], "effectiveFrom": null, "effectiveTo": null, "confidence": "high",
         "verifiedOn": "2026-12-01", "notes": null}
        """
        .formatted(RULE, status);
  }

  /** A market with a rule that permits the serum, and a watch on it; the watch's id and secret. */
  private static String[] watched(int port, String url) {
    as(port)
        .body("{\"code\":\"XW\",\"name\":\"Watch land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(201);
    as(port).body(rule("PERMITTED")).post("/api/v1/rules").then().statusCode(201);
    Response made =
        as(port)
            .body(
                """
                {"name": "Serums in XW", "webhook": {"url": "%s"},
                 "catalogue": {"products": [{"sku": "SERUM", "markets": ["XW"],
                   "ingredients": [{"ingredient": "exosome", "source": "salmon"}],
                   "deliveryMethods": ["topical"]}]}}
                """
                    .formatted(url))
            .post("/api/v1/watches");
    made.then().statusCode(201);
    return new String[] {made.path("id"), made.path("webhook.secret")};
  }

  /**
   * Replaces the rule with one of this status, given its tag (the instance's own snapshot is read
   * when none is); returns the answer, with the new revision and tag.
   */
  private static Response flip(int port, String status, String tag) {
    String current =
        tag != null ? tag : given().port(port).get("/api/v1/rules/" + RULE).header("ETag");
    Response written =
        as(port).header("If-Match", current).body(rule(status)).put("/api/v1/rules/" + RULE);
    written.then().statusCode(200);
    return written;
  }

  private static long revision(Response written) {
    return Long.parseLong(written.header("Exoreg-Revision"));
  }

  @Test
  void anEventCommittedBeforeTheApplicationWasKilledIsDeliveredAfterItsRestart() throws Exception {
    Path work = Files.createTempDirectory("exoreg-webhooks-restart");
    database = EmbeddedDatabase.start(work.resolve("postgres"), EmbeddedDatabase.freePort());
    int port = EmbeddedDatabase.freePort();
    int receiverPort = EmbeddedDatabase.freePort(); // nothing listens there yet
    Process app = PackagedAppIT.start(work.resolve("first.log"), port, settings());
    apps.add(app);
    String[] watch = watched(port, "http://127.0.0.1:" + receiverPort + "/hook");
    long revision = revision(flip(port, "PROHIBITED", null));
    // committed, tried, and not delivered: the receiver is not there
    await("an attempt before the kill")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as(port)
                    .get("/api/v1/watches/" + watch[0] + "/deliveries")
                    .then()
                    .statusCode(200)
                    .body("deliveries", not(empty())));
    app.destroyForcibly().waitFor(); // SIGKILL: nothing of the app's own stop runs

    try (Receiver receiver = Receiver.start(receiverPort)) {
      apps.add(PackagedAppIT.start(work.resolve("second.log"), port, settings()));
      List<Received> got =
          receiver.await(
              r -> r.stream().anyMatch(x -> x.answeredWith() == 204), Duration.ofSeconds(30));
      assertEquals(1, got.size(), "the event, delivered once: " + got);
      Received delivered = got.get(0);
      assertTrue(Receiver.verifies(delivered, watch[1]), "signed with the watch's secret");
      assertEquals(revision, JSON.readTree(delivered.body()).get("revision").asLong());
      assertEquals(
          "PROHIBITED", JSON.readTree(delivered.body()).at("/changes/0/to/status").asText());
    }
  }

  @Test
  void twoInstancesDeliverEachEventOnceInOrder() throws Exception {
    Path work = Files.createTempDirectory("exoreg-webhooks-two");
    database = EmbeddedDatabase.start(work.resolve("postgres"), EmbeddedDatabase.freePort());
    int portA = EmbeddedDatabase.freePort();
    int portB = EmbeddedDatabase.freePort();
    apps.add(PackagedAppIT.start(work.resolve("a.log"), portA, settings()));
    apps.add(PackagedAppIT.start(work.resolve("b.log"), portB, settings()));
    try (Receiver receiver = Receiver.start()) {
      String[] watch = watched(portA, receiver.url());
      List<Long> revisions = new ArrayList<>();
      int edits = 20;
      String tag = null;
      for (int i = 0; i < edits; i++) {
        // through either instance, each edit flips the watched result
        Response written =
            flip(i % 2 == 0 ? portA : portB, i % 2 == 0 ? "PROHIBITED" : "PERMITTED", tag);
        revisions.add(revision(written));
        tag = written.header("ETag");
      }
      List<Received> got = receiver.await(r -> r.size() >= edits, Duration.ofSeconds(30));
      Thread.sleep(2000); // a second delivery of any of them would have come by now
      got = receiver.received();
      assertEquals(edits, got.size(), "each event once: " + got);
      List<Long> delivered = new ArrayList<>();
      for (Received request : got) {
        assertTrue(Receiver.verifies(request, watch[1]));
        delivered.add(JSON.readTree(request.body()).get("revision").asLong());
      }
      assertEquals(revisions, delivered, "in the order of their revisions");
      List<Long> ids = got.stream().map(r -> Long.parseLong(r.id().substring(4))).toList();
      assertEquals(ids.stream().sorted().toList(), ids);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Process app : apps) {
      PackagedAppIT.stop(app);
    }
    apps.clear();
    if (database != null) {
      database.close();
      database = null;
    }
  }
}
