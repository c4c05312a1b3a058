package io.exoreg.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A setting with a value that cannot work stops the packaged application at start, with a message
 * that names the setting, rather than a service that runs and never does what was meant.
 */
class SettingsIT {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "EXOREG_API_KEYS_BOT_SHA256, not-a-hash, exoreg.api-keys.bot.sha256",
    "EXOREG_API_KEYS_BOT_SHA256, 0123456789abcdef, exoreg.api-keys.bot.sha256",
    "EXOREG_AUTH_MAX_FAILURES, 0, exoreg.auth.max-failures",
    "EXOREG_AUTH_FAILURE_WINDOW, 0s, exoreg.auth.failure-window",
    "EXOREG_SYNC_CHECK_EVERY, -5s, exoreg.sync.check-every",
    "EXOREG_CHECKS_MAX_PRODUCTS, -1, exoreg.checks.max-products",
    "EXOREG_HTTP_MAX_URI_LENGTH, 0, exoreg.http.max-uri-length",
    "EXOREG_KEPT_ANSWERS_MAX_SIZE, 0, exoreg.kept-answers.max-size",
    "EXOREG_RECEIPTS_SIGNING_KEY_FILE, /nonexistent/receipts.pem, exoreg.receipts.signing-key-file",
  })
  void aBadValueStopsTheStartNamingTheSetting(String variable, String value, String setting)
      throws Exception {
    Path log = Files.createTempDirectory("exoreg-settings").resolve("app.log");
    Process app =
        PackagedAppIT.launch(
            log,
            EmbeddedDatabase.freePort(),
            Map.of(
                // a database that is not there: the settings are checked before it is needed
                "QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://localhost:" + EmbeddedDatabase.freePort() + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME",
                "postgres",
                variable,
                value));
    try {
      assertTrue(app.waitFor(60, TimeUnit.SECONDS), "still running: " + Files.readString(log));
      assertNotEquals(0, app.exitValue(), Files.readString(log));
      String logged = Files.readString(log);
      assertTrue(logged.contains(setting), "the setting is not named: " + logged);
    } finally {
      app.destroyForcibly().waitFor();
    }
  }

  /**
   * The settings read before the configuration exists may be system properties too, like every
   * other: the embedded server's folder and port, and the switch that stops the application once it
   * has started, with which the build records its class archive.
   */
  @Test
  void theEmbeddedServersSettingsMayBeSystemProperties() throws Exception {
    Path work = Files.createTempDirectory("exoreg-settings");
    Path log = work.resolve("app.log");
    Path data = work.resolve("postgres");
    int dbPort = EmbeddedDatabase.freePort();
    Process app =
        PackagedAppIT.launch(
            log,
            EmbeddedDatabase.freePort(),
            Map.of(),
            List.of(
                "-Dexoreg.embedded.data-dir=" + data,
                "-Dexoreg.embedded.port=" + dbPort,
                "-Dexoreg.exit-once-started=true"));
    try {
      assertTrue(app.waitFor(90, TimeUnit.SECONDS), "still running: " + Files.readString(log));
      String logged = Files.readString(log);
      assertEquals(0, app.exitValue(), logged);
      assertTrue(
          logged.contains("Embedded PostgreSQL on port " + dbPort + " with its data in " + data),
          logged);
      assertTrue(logged.contains("Imported the default rule table"), logged);
      assertTrue(Files.exists(data.resolve("PG_VERSION")), "no cluster in " + data);
    } finally {
      app.destroyForcibly().waitFor();
    }
  }
}
