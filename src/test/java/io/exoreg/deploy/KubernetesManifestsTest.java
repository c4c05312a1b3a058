package io.exoreg.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests parse, and name the probes, port, settings and Secret keys that this
 * application really has: each probe answers, each environment variable is a setting the
 * application reads, each Secret key exists.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class KubernetesManifestsTest {
  private static final Path MANIFESTS = Path.of("docker", "kubernetes");

  @Test
  void theDeploymentNamesWhatTheApplicationReallyUses() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    for (String file : List.of("exoreg.yaml", "secret.yaml")) {
      documents.addAll(read(MANIFESTS.resolve(file)));
    }
    JsonNode deployment = kind(documents, "Deployment");
    JsonNode service = kind(documents, "Service");
    JsonNode secret = kind(documents, "Secret");

    assertTrue(deployment.at("/spec/replicas").asInt() >= 2, "at least two replicas");
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    JsonNode port = container.at("/ports/0");
    // the port the packaged application listens on (tests run on a port of their own)
    Properties application = new Properties();
    try (var in = getClass().getResourceAsStream("/application.properties")) {
      application.load(in);
    }
    assertEquals(
        application.getProperty("quarkus.http.port"),
        port.get("containerPort").asText(),
        "the port the application listens on");
    assertEquals(port.get("name").asText(), service.at("/spec/ports/0/targetPort").asText());
    assertEquals(
        deployment.at("/spec/selector/matchLabels"), service.at("/spec/selector"), "selector");

    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      JsonNode get = container.at("/" + probe + "/httpGet");
      assertEquals(port.get("name").asText(), get.get("port").asText(), probe + " port");
      String path = get.get("path").asText();
      assertTrue(path.startsWith("/q/health/"), probe + " on a health endpoint: " + path);
      given().get(path).then().statusCode(200);
    }
    assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
    assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());

    Set<String> secretKeys = new HashSet<>();
    secret.get("stringData").fieldNames().forEachRemaining(secretKeys::add);
    boolean credentialsFromSecret = false;
    for (JsonNode env : container.get("env")) {
      String name = env.get("name").asText();
      assertTrue(Settings.known(name), name + " is not a setting the application reads");
      JsonNode ref = env.at("/valueFrom/secretKeyRef");
      if (!ref.isMissingNode()) {
        assertEquals(secret.at("/metadata/name").asText(), ref.get("name").asText(), name);
        assertTrue(secretKeys.contains(ref.get("key").asText()), name + ": no such Secret key");
        credentialsFromSecret |= name.equals("QUARKUS_DATASOURCE_PASSWORD");
      }
    }
    assertTrue(credentialsFromSecret, "the database password comes from the Secret");
    assertFalse(container.at("/resources/requests/memory").isMissingNode(), "memory request");
    assertFalse(container.at("/resources/limits/memory").isMissingNode(), "memory limit");
    assertFalse(container.at("/resources/requests/cpu").isMissingNode(), "cpu request");
  }

  static List<JsonNode> read(Path file) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<JsonNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(Files.newBufferedReader(file))) {
      yaml.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    return documents;
  }

  private static JsonNode kind(List<JsonNode> documents, String kind) {
    return documents.stream()
        .filter(d -> kind.equals(d.path("kind").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + MANIFESTS));
  }
}
