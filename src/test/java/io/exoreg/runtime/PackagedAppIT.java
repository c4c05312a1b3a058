package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged application as a user runs it: no datasource configured, so it starts its embedded
 * PostgreSQL, imports the default table once, and keeps it across a restart.
 */
class PackagedAppIT {
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private Process app;

  @Test
  void startsOnTheEmbeddedDefaultAndKeepsItsDataAcrossARestart() throws Exception {
    Path data = Files.createTempDirectory("exoreg-packaged");
    int httpPort = EmbeddedDatabase.freePort();
    int dbPort = EmbeddedDatabase.freePort();

    app = start(data, httpPort, dbPort);
    assertSalmonScalpInjectionInTheUk(httpPort);
    stop();

    app = start(data, httpPort, dbPort);
    assertSalmonScalpInjectionInTheUk(httpPort);
    given()
        .port(httpPort)
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'rule-table' }.data.revision", equalTo(1));
  }

  private static void assertSalmonScalpInjectionInTheUk(int port) {
    given()
        .port(port)
        .queryParam("jurisdiction", "UK")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "scalp-injection")
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("jurisdiction", equalTo("GB"))
        .body("status", equalTo("NOT_APPROVED"))
        .body("decidingRules.id", contains("GB-any-source-injection"))
        .body("rulesetRevision", equalTo(1));
  }

  private static Process start(Path data, int httpPort, int dbPort) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("EXOREG_EMBEDDED_DATA_DIR", data.resolve("postgres").toString());
    env.put("EXOREG_EMBEDDED_PORT", Integer.toString(dbPort));
    return start(data.resolve("app.log"), httpPort, env);
  }

  /** Starts the packaged application with these settings and waits until it is ready. */
  static Process start(Path log, int httpPort, Map<String, String> settings) throws Exception {
    return awaitReady(launch(log, httpPort, settings), httpPort, log);
  }

  /** Starts the packaged application with these settings. */
  static Process launch(Path log, int httpPort, Map<String, String> settings) throws Exception {
    return launch(log, httpPort, settings, List.of());
  }

  /** Starts the packaged application with these settings and JVM options (-D...). */
  static Process launch(
      Path log, int httpPort, Map<String, String> settings, List<String> jvmOptions)
      throws Exception {
    assertTrue(Files.exists(JAR), "package the application first: " + JAR);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + JAR.resolveSibling("jvm.options"));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
    builder.environment().remove("QUARKUS_DATASOURCE_USERNAME");
    builder.environment().remove("QUARKUS_DATASOURCE_PASSWORD");
    builder.environment().putAll(settings);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    return builder.start();
  }

  /** Waits until the application is ready, or fails with its log. */
  static Process awaitReady(Process process, int httpPort, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application exited: " + Files.readString(log));
      }
      try {
        if (given().port(httpPort).get("/q/health/ready").statusCode() == 200) {
          return process;
        }
      } catch (Exception notYetListening) {
        // keep polling until the deadline
      }
      Thread.sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException("not ready within 90 s: " + Files.readString(log));
  }

  @AfterEach
  void stop() throws InterruptedException {
    stop(app);
    app = null;
  }

  /** Stops the application as a supervisor would: SIGTERM, and SIGKILL after 30 s. */
  static void stop(Process app) throws InterruptedException {
    if (app != null && app.isAlive()) {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly().waitFor();
      }
    }
  }
}
