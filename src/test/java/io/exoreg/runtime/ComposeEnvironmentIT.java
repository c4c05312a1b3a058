package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * There is no container engine here, so the compose file is proven the other way round: the
 * packaged application runs with the environment {@code docker/compose.yaml} gives it, against a
 * PostgreSQL standing in for the compose database (the server that QUARKUS_DATASOURCE_JDBC_URL
 * names, else an embedded one) with the compose database's name, user and password. Only the
 * database's address and the HTTP port differ, so that the test needs neither a host named {@code
 * db} nor a free port 8080.
 */
class ComposeEnvironmentIT {
  private Process app;
  private EmbeddedDatabase embedded;

  @Test
  void thePackagedApplicationRunsWithTheComposeEnvironment() throws Exception {
    JsonNode compose =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker", "compose.yaml").toFile());
    JsonNode db = compose.at("/services/db/environment");
    Map<String, String> environment = new LinkedHashMap<>();
    compose
        .at("/services/exoreg/environment")
        .fields()
        .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
    assertTrue(
        compose.at("/services/exoreg/depends_on/db/condition").asText().equals("service_healthy"),
        "the application starts after the database is healthy");

    // the stand-in server, given the compose database's name, user and password
    String server = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    if (server == null) {
      embedded =
          EmbeddedDatabase.start(
              Files.createTempDirectory("exoreg-compose").resolve("postgres"),
              EmbeddedDatabase.freePort());
      server = embedded.jdbcUrl();
    }
    String user = db.get("POSTGRES_USER").asText();
    String password = db.get("POSTGRES_PASSWORD").asText();
    String database = db.get("POSTGRES_DB").asText();
    try (Connection admin = DriverManager.getConnection(server, "postgres", "");
        Statement sql = admin.createStatement()) {
      try (ResultSet role =
          sql.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + user + "'")) {
        if (!role.next()) {
          sql.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
        }
      }
      sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + database + " OWNER " + user);
    }
    URI standIn = URI.create(server.substring("jdbc:".length()));
    String url = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
    URI composed = URI.create(url.substring("jdbc:".length()));
    environment.put(
        "QUARKUS_DATASOURCE_JDBC_URL",
        url.replace(composed.getAuthority(), standIn.getAuthority()));
    int port = EmbeddedDatabase.freePort();
    environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));

    Path log = Files.createTempFile("exoreg-compose", ".log");
    app = PackagedAppIT.start(log, port, environment);
    given()
        .port(port)
        .get("/api/v1/status?jurisdiction=UK&source=salmon&deliveryMethod=scalp-injection")
        .then()
        .statusCode(200)
        .body("status", equalTo("NOT_APPROVED"));
    // the compose file asks for JSON logs: every line the application wrote is a JSON object
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(log)) {
      if (!line.isBlank()) {
        assertTrue(json.readTree(line).has("message"), "not a JSON log line: " + line);
      }
    }
  }

  @AfterEach
  void stop() throws Exception {
    PackagedAppIT.stop(app);
    if (embedded != null) {
      embedded.close();
    }
  }
}
