package io.exoreg;

import io.exoreg.runtime.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    try {
      embedded =
          EmbeddedDatabase.start(
              Files.createTempDirectory("exoreg-test-pg"), EmbeddedDatabase.freePort());
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
