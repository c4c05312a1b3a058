package io.exoreg.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Starts exoreg. With no datasource URL configured, it also starts the embedded PostgreSQL, while
 * the application boots, so that the packaged application runs on a machine with no database
 * installed.
 */
@QuarkusMain
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class);

  /** Where the embedded server keeps its data ({@code EXOREG_EMBEDDED_DATA_DIR}). */
  static final String DATA_DIR = "exoreg.embedded.data-dir";

  static final String DEFAULT_DATA_DIR = "exoreg-data/postgres";

  /** The embedded server's port ({@code EXOREG_EMBEDDED_PORT}). */
  static final String PORT = "exoreg.embedded.port";

  static final String DEFAULT_PORT = "54329";

  /**
   * Set, the application stops as soon as it has started: the build starts it so once, on a
   * database of its own, to record the classes a start loads in the packaged class archive.
   */
  static final String EXIT_ONCE_STARTED = "exoreg.exit-once-started";

  /**
   * With {@link #EXIT_ONCE_STARTED}, the JVM's log of the classes the start loaded: they are linked
   * before the process exits, so that the class archive it records holds them all.
   */
  static final String CLASS_LOAD_LOG = "exoreg.class-load-log";

  private Main() {}

  /** The embedded server, starting or started, when this process runs one. */
  private static volatile CompletableFuture<EmbeddedDatabase> embedded;

  public static void main(String... args) {
    if (setting("quarkus.datasource.jdbc.url", null) == null) {
      Path dataDirectory = Path.of(setting(DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath();
      int port = Integer.parseInt(setting(PORT, DEFAULT_PORT));
      int chosen = EmbeddedDatabase.portFor(port, httpPort());
      EmbeddedDatabase.datasourceProperties(chosen).forEach(System::setProperty);
      if (port != 0 && chosen != port) {
        LOG.warnf(
            "Port %d (%s) is taken by another process; the embedded PostgreSQL listens on %d"
                + " instead",
            port, PORT, chosen);
      }
      // the server starts while the application boots: nothing asks for the database before the
      // table is loaded, which waits for it (awaitEmbedded)
      embedded =
          CompletableFuture.supplyAsync(
              () -> {
                EmbeddedDatabase started = EmbeddedDatabase.startOn(dataDirectory, chosen);
                LOG.infof(
                    "Embedded PostgreSQL on port %d with its data in %s",
                    started.port(), dataDirectory);
                return started;
              },
              task -> {
                Thread thread = new Thread(task, "exoreg-embedded-start");
                thread.setDaemon(true);
                thread.start();
              });
    }
    Quarkus.run(
        Boolean.parseBoolean(setting(EXIT_ONCE_STARTED, "false")) ? Started.class : Serving.class,
        (exitCode, failure) -> {
          if (failure != null) {
            LOG.error("exoreg could not start", failure);
          }
          stopEmbedded();
          System.exit(exitCode);
        },
        args);
  }

  /** Serves until the process is asked to stop. */
  static final class Serving implements QuarkusApplication {
    @Override
    public int run(String... args) {
      Quarkus.waitForExit();
      return 0;
    }
  }

  /** Stops as soon as the start is over. */
  static final class Started implements QuarkusApplication {
    @Override
    public int run(String... args) {
      String classLoadLog = setting(CLASS_LOAD_LOG, null);
      if (classLoadLog != null) {
        LoadedClasses.link(Path.of(classLoadLog));
      }
      return 0;
    }
  }

  /**
   * Waits until the embedded server, when this process starts one, has started; throws why it could
   * not, which no retry would mend.
   */
  public static void awaitEmbedded() {
    CompletableFuture<EmbeddedDatabase> starting = embedded;
    if (starting == null) {
      return;
    }
    try {
      starting.join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "The embedded PostgreSQL did not start: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Stops the embedded server, if this process started one. Called last on shutdown, once in-flight
   * requests have finished, and on an exit without a shutdown (a failed start).
   */
  static synchronized void stopEmbedded() {
    CompletableFuture<EmbeddedDatabase> starting = embedded;
    embedded = null;
    if (starting != null) {
      try {
        starting.join().close();
      } catch (CompletionException e) {
        // it never started: nothing to stop
      }
    }
  }

  /**
   * The port the HTTP server will take, which the embedded server must leave it; -1 when the
   * setting is not a number, which the configuration reports.
   */
  private static int httpPort() {
    try {
      return Integer.parseInt(setting("quarkus.http.port", "8080").strip());
    } catch (NumberFormatException e) {
      return -1;
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
