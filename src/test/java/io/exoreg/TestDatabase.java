package io.exoreg;

import io.exoreg.runtime.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

/**
 * The PostgreSQL the tests run against: the server that QUARKUS_DATASOURCE_JDBC_URL names, or else
 * a new embedded one in a temporary folder. Either way the schema is wiped before the tests.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {
  private EmbeddedDatabase embedded;

  @Override
  public Map<String, String> start() {
    if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
      return Map.of();
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      int port = socket.getLocalPort();
      socket.close();
      embedded = EmbeddedDatabase.start(Files.createTempDirectory("exoreg-test-pg"), port);
      return embedded.datasourceProperties();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
