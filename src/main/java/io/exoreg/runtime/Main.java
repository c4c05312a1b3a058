package io.exoreg.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Starts exoreg. With no datasource URL configured, it first starts the embedded PostgreSQL, so
 * that the packaged application runs on a machine with no database installed.
 */
@QuarkusMain
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class);

  /** Where the embedded server keeps its data ({@code EXOREG_EMBEDDED_DATA_DIR}). */
  static final String DATA_DIR = "exoreg.embedded.data-dir";

  /** The embedded server's port ({@code EXOREG_EMBEDDED_PORT}). */
  static final String PORT = "exoreg.embedded.port";

  private Main() {}

  private static volatile EmbeddedDatabase embedded;

  public static void main(String... args) {
    if (setting("quarkus.datasource.jdbc.url", null) == null) {
      Path dataDirectory = Path.of(setting(DATA_DIR, "exoreg-data/postgres")).toAbsolutePath();
      int port = Integer.parseInt(setting(PORT, "54329"));
      embedded = EmbeddedDatabase.start(dataDirectory, port);
      embedded.datasourceProperties().forEach(System::setProperty);
      if (embedded.port() != port) {
        LOG.warnf(
            "Port %d (%s) is taken by another process; the embedded PostgreSQL listens on %d"
                + " instead",
            port, PORT, embedded.port());
      }
      LOG.infof(
          "Embedded PostgreSQL on port %d with its data in %s", embedded.port(), dataDirectory);
    }
    Quarkus.run(
        null,
        (exitCode, failure) -> {
          if (failure != null) {
            LOG.error("exoreg could not start", failure);
          }
          stopEmbedded();
          System.exit(exitCode);
        },
        args);
  }

  /**
   * Stops the embedded server, if this process started one. Called last on shutdown, once in-flight
   * requests have finished, and on an exit without a shutdown (a failed start).
   */
  static synchronized void stopEmbedded() {
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }

  /** A setting given as a system property or as its environment variable, before config exists. */
  private static String setting(String property, String fallback) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
