package io.exoreg.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server, run from binaries shipped in the application, with its data in a folder
 * that outlives the process. The application stops it once it has stopped serving.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server on {@code dataDirectory}, creating the cluster there on first use. */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      return new EmbeddedDatabase(
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              // the library's defaults suit throwaway test servers: a commit acknowledged before
              // its WAL is written, and no fsync, lose acknowledged writes when the server is
              // killed or the machine stops
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "on")
              // stopped by the application after its last request, not by a racing JVM hook
              .setRegisterShutdownHook(false)
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The embedded PostgreSQL could not start on port " + port + " in " + dataDirectory, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  /** The datasource settings that point the application at this server. */
  public Map<String, String> datasourceProperties() {
    return Map.of(
        "quarkus.datasource.jdbc.url", jdbcUrl(),
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
}
