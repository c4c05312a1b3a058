package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exoreg.store.ApiKeyStore;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged application and its embedded PostgreSQL killed outright (SIGKILL, no shutdown of
 * either) while writes are in flight, then started again on the same data: every write that was
 * acknowledged is there, and an import killed midway leaves the revision before it whole.
 */
class CrashIT {
  private static final String SECRET = "exo_crash-test-secret";
  private static final int WRITERS = 4;
  private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 40;

  private final ObjectMapper json = new ObjectMapper();
  private Path work;
  private Path data;
  private int port;
  private int dbPort;
  private Process app;

  @BeforeEach
  void start() throws Exception {
    work = Files.createTempDirectory("exoreg-crash");
    data = work.resolve("postgres");
    port = EmbeddedDatabase.freePort();
    dbPort = EmbeddedDatabase.freePort();
    app = launch();
  }

  @Test
  void everyAcknowledgedWriteSurvivesAKillOfTheAppAndItsDatabaseMidBurst() throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger sequence = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      writers.add(
          pool.submit(
              () -> {
                while (true) {
                  String code = "XC" + sequence.incrementAndGet();
                  try {
                    if (addJurisdiction(code).statusCode() == 201) {
                      acknowledged.add(code);
                    }
                  } catch (Exception connectionLost) {
                    return; // the application is gone
                  }
                }
              }));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acknowledged.size() < ACKNOWLEDGED_BEFORE_THE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(acknowledged.size() >= ACKNOWLEDGED_BEFORE_THE_KILL, "too few writes went through");
    killEverything(); // the writers are still writing
    for (Future<?> writer : writers) {
      writer.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Set<String> beforeRestart = Set.copyOf(acknowledged);

    app = launch();
    List<String> lost = new ArrayList<>();
    for (String code : beforeRestart) {
      if (given().port(port).get("/api/v1/jurisdictions/" + code).statusCode() != 200) {
        lost.add(code);
      }
    }
    System.out.printf(
        "crash: %d writes acknowledged before the kill, %d lost%n",
        beforeRestart.size(), lost.size());
    assertEquals(List.of(), lost, "acknowledged writes lost");
  }

  @Test
  void anImportKilledMidwayLeavesThePreviousRevisionWhole() throws Exception {
    Response before = given().port(port).get("/api/v1/ruleset");
    long revision = Long.parseLong(before.header("Exoreg-Revision"));
    String table = before.asString();
    String jurisdictions = given().port(port).get("/api/v1/jurisdictions").asString();

    // the whole table again with many jurisdictions more: an import that takes a while to write
    ObjectNode bundle = (ObjectNode) json.readTree(table);
    ArrayNode added = (ArrayNode) bundle.get("jurisdictions");
    int extra = 20_000;
    for (int i = 0; i < extra; i++) {
      added.addObject().put("code", "XI" + i).put("name", "Import land " + i).putArray("aliases");
    }
    String body = json.writeValueAsString(bundle);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<Integer> importing =
        pool.submit(
            () ->
                given()
                    .port(port)
                    .header("Authorization", "Bearer " + SECRET)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/v1/ruleset?mode=replace")
                    .statusCode());
    try (Connection db =
        DriverManager.getConnection(
            "jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "")) {
      awaitAWritingTransaction(db, importing);
    }
    killEverything();
    pool.shutdownNow();

    app = launch();
    Response after = given().port(port).get("/api/v1/ruleset");
    assertEquals(revision, Long.parseLong(after.header("Exoreg-Revision")), "a revision appeared");
    assertEquals(table, after.asString(), "the table is not the one before the import");
    assertEquals(jurisdictions, given().port(port).get("/api/v1/jurisdictions").asString());
  }

  /** Waits until the database holds an open transaction that has written and not committed. */
  private static void awaitAWritingTransaction(Connection db, Future<Integer> importing)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Statement query = db.createStatement()) {
      while (System.nanoTime() < deadline) {
        assertTrue(!importing.isDone(), "the import ended before it could be killed midway");
        try (ResultSet open =
            query.executeQuery(
                "select count(*) from pg_stat_activity"
                    + " where backend_xid is not null and pid <> pg_backend_pid()")) {
          open.next();
          if (open.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(2);
      }
    }
    throw new AssertionError("the import never began to write");
  }

  private Response addJurisdiction(String code) {
    return given()
        .port(port)
        .header("Authorization", "Bearer " + SECRET)
        .contentType("application/json")
        .body("{\"code\":\"" + code + "\",\"name\":\"Crash land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions");
  }

  private Process launch() throws Exception {
    return PackagedAppIT.start(
        work.resolve("app.log"),
        port,
        Map.of(
            "EXOREG_EMBEDDED_DATA_DIR", data.toString(),
            "EXOREG_EMBEDDED_PORT", Integer.toString(dbPort),
            "EXOREG_API_KEYS_CRASHTEST_SHA256", HexFormat.of().formatHex(ApiKeyStore.hash(SECRET)),
            "EXOREG_API_KEYS_CRASHTEST_ADMIN", "true"));
  }

  /**
   * SIGKILL to the application and to every process of its PostgreSQL (the postmaster that its data
   * folder names, and its backends), with no chance to stop cleanly or flush anything.
   */
  private void killEverything() throws Exception {
    long postmaster =
        Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    List<ProcessHandle> victims = new ArrayList<>();
    ProcessHandle.of(postmaster)
        .ifPresent(
            pm -> {
              victims.add(pm);
              pm.descendants().forEach(victims::add);
            });
    app.descendants().forEach(victims::add);
    victims.add(app.toHandle());
    victims.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle victim : victims) {
      victim.onExit().get(30, TimeUnit.SECONDS);
    }
    app = null;
  }

  @AfterEach
  void stop() throws InterruptedException {
    PackagedAppIT.stop(app);
  }
}
