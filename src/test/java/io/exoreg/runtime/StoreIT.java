package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.store.ApiKeyStore;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged application's store against a real PostgreSQL: its schema check, its upgrade of a
 * database the previous version made, and an embedded server that never shares another's port.
 */
class StoreIT {
  private static final String SECRET = "exo_store-it-secret";
  private final List<Process> apps = new ArrayList<>();
  private final List<EmbeddedDatabase> databases = new ArrayList<>();

  private EmbeddedDatabase database(Path folder) throws IOException {
    EmbeddedDatabase database = EmbeddedDatabase.start(folder, EmbeddedDatabase.freePort());
    databases.add(database);
    return database;
  }

  private static Map<String, String> on(EmbeddedDatabase database) {
    return Map.of(
        "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
        "QUARKUS_DATASOURCE_USERNAME", "postgres",
        "EXOREG_API_KEYS_TESTER_SHA256", HexFormat.of().formatHex(ApiKeyStore.hash(SECRET)));
  }

  private Process start(Path log, int port, Map<String, String> settings) throws Exception {
    Process app = PackagedAppIT.start(log, port, settings);
    apps.add(app);
    return app;
  }

  private static void sql(EmbeddedDatabase database, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @Test
  void aColumnChangedByHandStopsTheStartNamingTheTableAndTheColumn() throws Exception {
    Path work = Files.createTempDirectory("exoreg-schema");
    EmbeddedDatabase database = database(work.resolve("postgres"));
    int port = EmbeddedDatabase.freePort();
    PackagedAppIT.stop(start(work.resolve("first.log"), port, on(database)));
    sql(database, "ALTER TABLE jurisdiction ALTER COLUMN regulator TYPE integer USING NULL");

    Path log = work.resolve("second.log");
    Process app = PackagedAppIT.launch(log, port, on(database));
    apps.add(app);
    assertTrue(app.waitFor(90, TimeUnit.SECONDS), "the application kept running");
    assertNotEquals(0, app.exitValue());
    String written = Files.readString(log);
    assertTrue(written.contains("The database schema is not the one this version maps"), written);
    assertTrue(written.contains("regulator") && written.contains("jurisdiction"), written);
  }

  @Test
  void aDatabaseOfThePreviousVersionMigratesAndKeepsEveryRevisionExact() throws Exception {
    Path work = Files.createTempDirectory("exoreg-upgrade");
    EmbeddedDatabase database = database(work.resolve("postgres"));
    int port = EmbeddedDatabase.freePort();
    Process app = start(work.resolve("first.log"), port, on(database));
    String rule =
        given().port(port).get("/api/v1/rules/GB-any-source-injection").then().extract().asString();
    for (int i = 1; i <= 2; i++) {
      String etag = given().port(port).get("/api/v1/rules/GB-any-source-injection").header("ETag");
      Map<String, Object> edited = new LinkedHashMap<>(JsonPath.from(rule).getMap(""));
      edited.put("notes", "edited " + i);
      given()
          .port(port)
          .header("Authorization", "Bearer " + SECRET)
          .header("If-Match", etag)
          .contentType("application/json")
          .body(edited)
          .put("/api/v1/rules/GB-any-source-injection")
          .then()
          .statusCode(200);
    }
    Map<Long, String> exports = new LinkedHashMap<>();
    for (long revision = 1; revision <= 3; revision++) {
      exports.put(revision, export(port, revision));
    }
    PackagedAppIT.stop(app);

    // The schema of the version before checkpoints (V2): every revision kept the whole table,
    // change ids were drawn one at a time, keys had no scopes, receipts no keys and the table no
    // policies. The migrations
    // after it are undone, newest first, and forgotten.
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        PreparedStatement copy =
            c.prepareStatement("UPDATE revision SET checkpoint = ? WHERE revision = ?")) {
      for (Map.Entry<Long, String> export : exports.entrySet()) {
        copy.setBytes(1, gzip(export.getValue()));
        copy.setLong(2, export.getKey());
        copy.executeUpdate();
      }
    }
    sql(
        database,
        "DROP TABLE watch_day",
        "DROP TABLE webhook_attempt",
        "DROP TABLE watch_event",
        "DROP SEQUENCE watch_event_id",
        "DROP TABLE watch",
        "DROP TABLE policy",
        "DROP TABLE signing_key",
        "ALTER TABLE api_key ADD COLUMN admin boolean",
        "UPDATE api_key SET admin = 'admin' = ANY (scopes)",
        "ALTER TABLE api_key ALTER COLUMN admin SET NOT NULL, DROP COLUMN scopes",
        "ALTER TABLE revision RENAME COLUMN checkpoint TO snapshot",
        "ALTER SEQUENCE table_change_id_seq INCREMENT BY 1",
        "DROP INDEX rule_position",
        "CREATE INDEX rule_lookup ON rule (ingredient, jurisdiction, source, delivery_method)",
        "DELETE FROM flyway_schema_history WHERE CAST(version AS integer) >= 3");

    start(work.resolve("second.log"), port, on(database));
    for (Map.Entry<Long, String> export : exports.entrySet()) {
      assertEquals(
          JsonPath.from(export.getValue()).getMap(""),
          JsonPath.from(export(port, export.getKey())).getMap(""),
          "revision " + export.getKey());
    }
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM revision WHERE checkpoint IS NULL")) {
      rows.next();
      assertEquals(0, rows.getInt(1), "every revision the previous version made keeps its copy");
    }
  }

  @Test
  void theEmbeddedServerTakesAPortOfItsOwnWhenItsPortIsHeld() throws Exception {
    Path work = Files.createTempDirectory("exoreg-port");
    EmbeddedDatabase other = database(work.resolve("other"));
    int port = EmbeddedDatabase.freePort();
    Path log = work.resolve("app.log");
    Process app =
        start(
            log,
            port,
            Map.of(
                "EXOREG_EMBEDDED_DATA_DIR", work.resolve("own").toString(),
                "EXOREG_EMBEDDED_PORT", Integer.toString(other.port())));
    given()
        .port(port)
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'rule-table' }.data.revision", equalTo(1));
    PackagedAppIT.stop(app);

    String written = Files.readString(log);
    assertTrue(
        written.contains("Port " + other.port() + " (exoreg.embedded.port) is taken"), written);
    assertFalse(written.contains("Could not stop"), written);
    try (Connection c = DriverManager.getConnection(other.jdbcUrl(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      rows.next();
      assertEquals(0, rows.getInt(1), "the other server was written into");
    }
  }

  private static String export(int port, long revision) {
    return given()
        .port(port)
        .queryParam("revision", revision)
        .get("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static byte[] gzip(String json) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process app : apps) {
      PackagedAppIT.stop(app);
    }
    databases.forEach(EmbeddedDatabase::close);
  }
}
