package io.exoreg.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL server, run from binaries shipped in the application, with its data in a folder
 * that outlives the process. It never shares another server's port: a port already taken gives way
 * to a free one, and the server that answers must be the one with this folder. The application
 * stops it once it has stopped serving.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server on {@code dataDirectory}, creating the cluster there on first use, on {@code
   * port} or, when another process holds that port, on a free one ({@link #port()} tells which).
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    return startOn(dataDirectory, portFor(port));
  }

  /** {@code port} when no process listens on it, else (and for 0, any port) a free one. */
  static int portFor(int port) {
    return portFor(port, -1);
  }

  /**
   * {@code port} when no process listens on it, else (and for 0) a free port other than {@code
   * reserved}: the port the application's HTTP server is about to take, free until it does.
   */
  static int portFor(int port, int reserved) {
    if (port != 0 && port != reserved && isFree(port)) {
      return port;
    }
    int free = freePort();
    while (free == reserved) {
      free = freePort();
    }
    return free;
  }

  /** Starts a server on {@code dataDirectory}, on exactly {@code chosen}. */
  static EmbeddedDatabase startOn(Path dataDirectory, int chosen) {
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(dataDirectory);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(chosen)
              // the library's defaults suit throwaway test servers: a commit acknowledged before
              // its WAL is written, and no fsync, lose acknowledged writes when the server is
              // killed or the machine stops
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              // stopped by the application after its last request, not by a racing JVM hook
              .setRegisterShutdownHook(false)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The embedded PostgreSQL could not start on port " + chosen + " in " + dataDirectory, e);
    }
    EmbeddedDatabase database = new EmbeddedDatabase(postgres);
    database.checkServes(dataDirectory);
    return database;
  }

  /** The port the server listens on. */
  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return jdbcUrl(postgres.getPort());
  }

  private static String jdbcUrl(int port) {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** The datasource settings that point the application at this server. */
  public Map<String, String> datasourceProperties() {
    return datasourceProperties(port());
  }

  /** The datasource settings that point the application at a server on {@code port}. */
  static Map<String, String> datasourceProperties(int port) {
    return Map.of(
        "quarkus.datasource.jdbc.url", jdbcUrl(port),
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Refuses a server that keeps its data elsewhere: another one that took the port between the
   * check and the start would otherwise be written into.
   */
  private void checkServes(Path dataDirectory) {
    String served;
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW data_directory")) {
      row.next();
      served = row.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The embedded PostgreSQL on port " + port() + " does not answer", e);
    }
    try {
      if (!Path.of(served).toRealPath().equals(dataDirectory.toRealPath())) {
        throw new IllegalStateException(
            "The PostgreSQL on port "
                + port()
                + " keeps its data in "
                + served
                + ", not in "
                + dataDirectory
                + "; set exoreg.embedded.port (EXOREG_EMBEDDED_PORT) to a free port");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether no process listens on the port, on any local address. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port that no process listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
