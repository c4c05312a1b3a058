package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
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
    int dbPort = EmbeddedDatabase.portFor(0, httpPort);

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

  /**
   * The largest check a request may ask for (10,000 products in 10 markets, 600,000 decisions),
   * signed, under the heap the application ships with: the report is hundreds of megabytes, and a
   * receipt holds the digest of all of it, yet the service answers and keeps running.
   */
  @Test
  void theLargestCheckARequestMayHoldIsAnsweredSignedUnderTheShippedHeap() throws Exception {
    Path data = Files.createTempDirectory("exoreg-large-check");
    int httpPort = EmbeddedDatabase.freePort();
    app = start(data, httpPort, EmbeddedDatabase.portFor(0, httpPort));
    List<String> markets = List.of("GB", "FR", "DE", "US", "US-FL", "KR", "JP", "CN", "CA", "SG");
    List<String> sources = List.of("salmon", "bovine-milk", "plant", "human-adipose-msc", "yeast");
    List<Map<String, Object>> products = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String ingredient = i % 2 == 0 ? "exosome" : "polynucleotide";
      products.add(
          Map.of(
              "sku",
              "SKU-" + i,
              "name",
              "Product " + i,
              "ingredients",
              List.of(
                  Map.of("ingredient", ingredient, "source", sources.get(i % sources.size())),
                  Map.of(
                      "ingredient", ingredient, "source", sources.get((i + 1) % sources.size()))),
              "deliveryMethods",
              List.of("topical", "microneedling", "scalp-injection"),
              "markets",
              markets));
    }
    Response checked =
        given()
            .port(httpPort)
            .contentType("application/json")
            .body(Map.of("at", "2026-11-25", "products", products))
            .post("/api/v1/checks?receipt=true");
    assertEquals(422, checked.statusCode(), () -> checked.asString());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (InputStream body = checked.asInputStream()) {
      body.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
    }
    String payload = checked.header("Exoreg-Receipt").split("\\.")[1];
    String receipt = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    assertTrue(
        receipt.contains("\"sha256\":\"" + HexFormat.of().formatHex(sha256.digest()) + "\""),
        receipt);
    assertTrue(app.isAlive(), "the application stopped");
    assertSalmonScalpInjectionInTheUk(httpPort);
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
