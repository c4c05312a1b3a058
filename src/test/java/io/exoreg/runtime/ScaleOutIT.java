package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.store.ApiKeyStore;
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
 * Two instances on one PostgreSQL: a write through one is answered by the other within a second.
 */
class ScaleOutIT {
  private static final String SECRET = "exo_scale-out-test-secret";
  private final List<Process> apps = new ArrayList<>();
  private EmbeddedDatabase database;

  @Test
  void aWriteThroughOneInstanceIsAnsweredByTheOtherWithinOneSecond() throws Exception {
    Path work = Files.createTempDirectory("exoreg-scale-out");
    database = EmbeddedDatabase.start(work.resolve("postgres"), EmbeddedDatabase.freePort());
    Map<String, String> settings =
        Map.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            database.jdbcUrl(),
            "QUARKUS_DATASOURCE_USERNAME",
            "postgres",
            "EXOREG_API_KEYS_TESTER_SHA256",
            HexFormat.of().formatHex(ApiKeyStore.hash(SECRET)),
            "EXOREG_SYNC_CHECK_EVERY",
            "30s"); // notifications alone must do it
    int portA = EmbeddedDatabase.freePort();
    int portB = EmbeddedDatabase.freePort();
    apps.add(PackagedAppIT.start(work.resolve("a.log"), portA, settings));
    apps.add(PackagedAppIT.start(work.resolve("b.log"), portB, settings));

    for (int round = 0; round < 3; round++) {
      String code = "SO" + round;
      given()
          .port(portA)
          .header("Authorization", "Bearer " + SECRET)
          .contentType("application/json")
          .body("{\"code\":\"" + code + "\",\"name\":\"Scale-out land\",\"aliases\":[]}")
          .post("/api/v1/jurisdictions")
          .then()
          .statusCode(201);
      long committed = System.nanoTime();
      long seen = -1;
      while (System.nanoTime() - committed < Duration.ofSeconds(5).toNanos()) {
        if (given().port(portB).get("/api/v1/jurisdictions/" + code).statusCode() == 200) {
          seen = System.nanoTime();
          break;
        }
        Thread.sleep(10);
      }
      assertTrue(seen > 0, "instance B never answered the new jurisdiction " + code);
      long millis = Duration.ofNanos(seen - committed).toMillis();
      System.out.printf(
          "round %d: instance B answered the write %d ms after it committed%n", round, millis);
      assertTrue(millis < 1000, "instance B took " + millis + " ms");
    }
    // B applied each edit's change to its snapshot rather than read the table again
    String log = Files.readString(work.resolve("b.log"));
    assertTrue(log.contains("by applying 1 change(s)"), log);
    assertTrue(!log.contains("read whole"), log);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process app : apps) {
      PackagedAppIT.stop(app);
    }
    if (database != null) {
      database.close();
    }
  }
}
