package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.store.ApiKeyStore;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged application against a PostgreSQL that comes and goes: it starts without one and
 * becomes ready when it arrives; through an outage it answers every read from its snapshot, says
 * so, stays ready and refuses writes cleanly; when the database returns it catches up on its own.
 */
class DatabaseOutageIT {
  private static final String SECRET = "exo_outage-test-secret";
  private static final String STATUS =
      "/api/v1/status?jurisdiction=GB&source=salmon&deliveryMethod=topical";
  private Process app;
  private EmbeddedDatabase database;

  @Test
  void startsWithoutItsDatabaseAndRidesOutAnOutage() throws Exception {
    Path work = Files.createTempDirectory("exoreg-outage");
    Path data = work.resolve("postgres");
    int dbPort = EmbeddedDatabase.freePort();
    int port = EmbeddedDatabase.freePort();
    Path log = work.resolve("app.log");
    app =
        PackagedAppIT.launch(
            log,
            port,
            Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://localhost:" + dbPort + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME",
                "postgres",
                "EXOREG_API_KEYS_TESTER_SHA256",
                HexFormat.of().formatHex(ApiKeyStore.hash(SECRET))));

    // no database yet: the application runs, is not ready, and refuses reads with a 503 problem
    await(
        () -> status(port, "/q/health/ready") == 503, "answering unready without a database", log);
    Thread.sleep(2_000);
    assertTrue(app.isAlive(), "the application must keep running without its database");
    given().port(port).get(STATUS).then().statusCode(503).contentType("application/problem+json");

    database = EmbeddedDatabase.start(data, dbPort);
    PackagedAppIT.awaitReady(app, port, log);
    given().port(port).get(STATUS).then().statusCode(200).header("Exoreg-Stale", nullValue());

    // the outage
    database.close();
    await(() -> given().port(port).get(STATUS).header("Exoreg-Stale") != null, "going stale", log);
    for (int i = 0; i < 50; i++) {
      given()
          .port(port)
          .get(STATUS)
          .then()
          .statusCode(200)
          .body("status", equalTo("PERMITTED"))
          .header("Exoreg-Stale", matchesPattern("true; revision=1; age=\\d+"));
    }
    given().port(port).get("/q/health/ready").then().statusCode(200);
    given().port(port).get("/q/health/group/database").then().statusCode(503);
    addJurisdiction(port).statusCode(503).contentType("application/problem+json");

    // the database returns: no restart, the header clears, and writes go through
    database = EmbeddedDatabase.start(data, dbPort);
    await(() -> given().port(port).get(STATUS).header("Exoreg-Stale") == null, "recovering", log);
    given().port(port).get("/q/health/group/database").then().statusCode(200);
    addJurisdiction(port).statusCode(201).header("Exoreg-Revision", "2");
    given().port(port).get("/api/v1/jurisdictions/XOUT").then().statusCode(200);

    // no stack traces for an outage: one line when it begins, one when it ends
    String logged = Files.readString(log);
    assertEquals(-1, logged.indexOf("\tat "), logged);

    // a graceful stop
    app.destroy();
    assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the application did not stop");
    // a JVM that ran its shutdown on SIGTERM exits with 128 + 15
    assertTrue(app.exitValue() == 0 || app.exitValue() == 143, Files.readString(log));
    assertTrue(Files.readString(log).contains("exoreg stopped"), Files.readString(log));
  }

  private static ValidatableResponse addJurisdiction(int port) {
    return given()
        .port(port)
        .header("Authorization", "Bearer " + SECRET)
        .contentType("application/json")
        .body("{\"code\":\"XOUT\",\"name\":\"Outage land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then();
  }

  private static int status(int port, String path) {
    return given().port(port).get(path).statusCode();
  }

  private static void await(BooleanSupplier condition, String what, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (Exception notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out " + what + ": " + Files.readString(log));
  }

  @AfterEach
  void stop() throws InterruptedException {
    PackagedAppIT.stop(app);
    if (database != null) {
      database.close();
    }
  }
}
