package io.exoreg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.exoreg.runtime.EmbeddedDatabase;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys made before scopes keep what they could do: an admin key manages keys (scope admin), every
 * other key edits the law table (scope law).
 */
class KeyScopesMigrationTest {
  private static EmbeddedDatabase database;

  @BeforeAll
  static void start() throws Exception {
    database =
        EmbeddedDatabase.start(
            Files.createTempDirectory("exoreg-migration-pg"), EmbeddedDatabase.freePort());
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  private static Flyway flyway(String target) {
    return Flyway.configure()
        .dataSource(database.jdbcUrl(), "postgres", "")
        .cleanDisabled(false)
        .target(target)
        .load();
  }

  @Test
  void adminKeysBecomeAdminAndOtherKeysBecomeLaw() throws SQLException {
    Flyway before = flyway("3");
    before.clean();
    before.migrate();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
        Statement sql = connection.createStatement()) {
      sql.execute(
          "INSERT INTO api_key (name, secret_hash, admin, created_at, created_by) VALUES"
              + " ('root', '\\x01', true, now(), 'exoreg'),"
              + " ('ci-bot', '\\x02', false, now(), 'root')");
      flyway("4").migrate();
      Map<String, List<String>> scopes = new LinkedHashMap<>();
      try (ResultSet rows = sql.executeQuery("SELECT name, scopes FROM api_key ORDER BY name")) {
        while (rows.next()) {
          scopes.put(rows.getString(1), List.of((String[]) rows.getArray(2).getArray()));
        }
      }
      assertEquals(Map.of("ci-bot", List.of("law"), "root", List.of("admin")), scopes);
      // a key with no scope could do nothing and is refused
      assertThrows(
          SQLException.class,
          () ->
              sql.execute(
                  "INSERT INTO api_key (name, secret_hash, scopes, created_at, created_by)"
                      + " VALUES ('idle', '\\x03', '{}', now(), 'root')"));
    }
  }
}
