package io.exoreg.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.TestDatabase;
import io.exoreg.store.RulesetStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Generated requests to every operation the OpenAPI description lists: random and boundary codes
 * and dates, long and odd unicode strings, wrong types, malformed and deeply nested JSON, broken
 * CSV, wrong content types, bodies near the limit, repeated parameters and bad keys. No answer may
 * be a 5xx, every 4xx must be a problem document, and a refused write must leave the revision where
 * it was.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(HostileProfile.class)
class FuzzTest {
  private static final int CASES_PER_OPERATION = Integer.getInteger("fuzz.cases", 150);
  private static final long SEED = Long.getLong("fuzz.seed", 20261125L);
  private static final RestAssuredConfig RAW =
      RestAssuredConfig.config()
          .encoderConfig(
              EncoderConfig.encoderConfig()
                  .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                  .encodeContentTypeAs("application/csv", ContentType.TEXT)
                  .encodeContentTypeAs("text/csv", ContentType.TEXT)
                  .encodeContentTypeAs("application/xml", ContentType.TEXT)
                  .encodeContentTypeAs("application/x-anything", ContentType.TEXT));

  @Inject RulesetStore store;

  private final Random random = new Random(SEED);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void noGeneratedRequestGetsA5xxOrAnUndocumentedErrorOrChangesAnythingWhenRefused()
      throws Exception {
    JsonNode openapi = json.readTree(given().get("/q/openapi?format=json").asString());
    Map<String, Integer> casesPerOperation = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    LogCapture logs = LogCapture.start();
    for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String method = op.getKey().toUpperCase();
        if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
          continue;
        }
        for (int i = 0; i < CASES_PER_OPERATION; i++) {
          String outcome = attempt(method, path.getKey(), op.getValue());
          if (outcome != null && failures.size() < 20) {
            failures.add(outcome);
          }
        }
        casesPerOperation.put(method + " " + path.getKey(), CASES_PER_OPERATION);
      }
    }
    casesPerOperation.forEach((op, n) -> System.out.printf("fuzz: %5d cases  %s%n", n, op));
    System.out.printf(
        "fuzz: %d operations, %d cases in all, seed %d%n",
        casesPerOperation.size(), casesPerOperation.size() * CASES_PER_OPERATION, SEED);
    assertTrue(casesPerOperation.size() >= 20, "the OpenAPI description lists too few operations");
    assertEquals(List.of(), failures, "seed " + SEED);
    // generated paths must not each become a metrics tag
    logs.close();
    List<String> tagWarnings =
        logs.lines().stream().filter(line -> line.contains("maximum number")).toList();
    assertEquals(List.of(), tagWarnings);
    List<String> uris = ObservabilityTest.uriTags();
    assertTrue(uris.size() < 60, uris.toString());
  }

  @Test
  void secretsNeverReachTheLog() {
    try (LogCapture logs = LogCapture.start()) {
      String made =
          given()
              .header("Authorization", "Bearer " + HostileProfile.ADMIN_SECRET)
              .contentType("application/json")
              .body("{\"name\":\"log-probe\",\"admin\":false}")
              .post("/api/v1/keys")
              .then()
              .statusCode(201)
              // nor any cache on the way
              .header("Cache-Control", "no-store")
              .extract()
              .path("key");
      String wrong = "exo_wrong-secret-that-must-not-be-logged";
      for (String secret : List.of(made, wrong, HostileProfile.ADMIN_SECRET)) {
        given()
            .header("Authorization", "Bearer " + secret)
            .contentType("application/json")
            .body("{\"code\":\"??\"}")
            .post("/api/v1/jurisdictions")
            .then()
            .statusCode(lessThan(500));
      }
      given()
          .header("Authorization", "Bearer " + HostileProfile.ADMIN_SECRET)
          .delete("/api/v1/keys/log-probe")
          .then()
          .statusCode(204);
      for (String line : logs.lines()) {
        for (String secret : List.of(made, wrong, HostileProfile.ADMIN_SECRET)) {
          assertTrue(!line.contains(secret), "a secret was logged: " + line);
        }
      }
    }
  }

  /** One generated request; null when the answer is as it must be, else what went wrong. */
  private String attempt(String method, String template, JsonNode operation) {
    StringBuilder url = new StringBuilder();
    for (String part : template.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      url.append('/').append(part.startsWith("{") ? encode(value()) : part);
    }
    List<String> query = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      if ("query".equals(parameter.path("in").asText()) && random.nextInt(3) > 0) {
        String name = parameter.path("name").asText();
        query.add(name + "=" + encode(value()));
        if (random.nextInt(8) == 0) {
          query.add(name + "=" + encode(value())); // a repeated parameter
        }
      }
    }
    if (random.nextInt(6) == 0) {
      query.add(encode(value()) + "=" + encode(value())); // one nobody asked for
    }
    String target = url + (query.isEmpty() ? "" : "?" + String.join("&", query));
    RequestSpecification request = given().config(RAW).urlEncodingEnabled(false);
    switch (random.nextInt(6)) {
      case 0 -> {} // no key
      case 1 -> request.header("Authorization", "Bearer " + value());
      default -> request.header("Authorization", "Bearer " + HostileProfile.ADMIN_SECRET);
    }
    if (random.nextInt(3) == 0) {
      request.header("If-Match", random.nextBoolean() ? "*" : "\"" + value() + "\"");
    }
    if (random.nextInt(5) == 0) {
      request.header("Accept", pick("application/xml", "text/csv", "image/png", "*/*", value()));
    }
    boolean write = !method.equals("GET") && !template.startsWith("/api/v1/checks");
    if (!method.equals("GET")) {
      request.contentType(
          pick(
              "application/json",
              "application/json",
              "text/csv",
              "application/xml",
              "application/x-anything"));
      request.body(body().getBytes(StandardCharsets.UTF_8));
    }
    long before = write ? store.revision() : 0;
    Response response = request.request(method, target);
    int status = response.statusCode();
    String what = method + " " + target.substring(0, Math.min(target.length(), 200));
    if (status >= 500) {
      return what + " -> " + status + " " + response.asString();
    }
    if (status >= 400
        && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
      return what + " -> " + status + " as " + response.contentType();
    }
    if (write && status >= 400 && store.revision() != before) {
      return what + " -> " + status + " but the revision moved from " + before;
    }
    return null;
  }

  private String value() {
    return switch (random.nextInt(14)) {
      case 0 -> pick("GB", "FR", "EU", "US-FL", "KR", "gb", "uk", "ZZ", "EU-", "-", "A-B-C");
      case 1 -> pick("human", "salmon", "bovine-milk", "any-source", "plant", "unicorn");
      case 2 -> pick("topical", "microneedling", "scalp-injection", "any-route", "oral");
      case 3 ->
          pick(
              "2026-11-25",
              "2026-02-30",
              "2026-13-01",
              "0000-01-01",
              "9999-12-31",
              "+10000-01-01",
              "2026-11-25T00:00:00Z",
              "25/11/2026",
              "yesterday");
      case 4 -> pick("PERMITTED", "PROHIBITED", "UNKNOWN", "permitted", "MAYBE");
      case 5 -> pick("-1", "0", "1", "2147483648", "99999999999999999999", "1e9", "NaN", "0x10");
      case 6 -> pick("json", "junit", "sarif", "text", "github", "csv", "merge", "replace", "true");
      case 7 -> "A".repeat(random.nextInt(3) == 0 ? 5000 : 300);
      case 8 -> pick("우", "Ω", "🧪", "\u202Eevil", "e\u0301", "\uFEFF", "ǅ", "ı");
      case 9 -> pick("\u0000", "\u0001\u0002", "\r\n", "\t", " ", "");
      case 10 -> pick("../../etc/passwd", "%00", "' OR 1=1 --", "<script>x</script>", "${x}", "%s");
      default -> randomString();
    };
  }

  private String randomString() {
    int length = random.nextInt(40);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int c =
          switch (random.nextInt(4)) {
            case 0 -> 0x20 + random.nextInt(0x5F);
            case 1 -> random.nextInt(0x20);
            case 2 -> 0x80 + random.nextInt(0x780);
            default -> 0x1F300 + random.nextInt(0x200);
          };
      s.appendCodePoint(c);
    }
    return s.toString();
  }

  private String body() {
    return switch (random.nextInt(12)) {
      case 0 -> "";
      case 1 -> "{";
      case 2 -> "[".repeat(5000) + "]".repeat(5000);
      case 3 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
      case 4 -> pick("null", "true", "42", "\"string\"", "[]", "{}");
      case 5 -> "sku,name,ingredient,source,deliveryMethod,market\n" + "\"unterminated," + value();
      case 6 ->
          "{\"code\":\"%s\",\"name\":%s,\"aliases\":%s}"
              .formatted(
                  value().replace("\"", ""),
                  pick("null", "1", "[]", "\"x\""),
                  pick("null", "\"x\"", "[1]"));
      case 7 ->
          ("{\"id\":\"%s\",\"ingredient\":\"exosome\",\"jurisdiction\":\"%s\",\"source\":\"%s\","
                  + "\"deliveryMethod\":\"%s\",\"status\":\"%s\",\"conditions\":%s}")
              .formatted(value(), value(), value(), value(), value(), pick("[]", "null", "\"x\""))
              .replace("\\", "");
      case 8 ->
          "{\"products\":[{\"sku\":\"%s\",\"ingredients\":[{\"source\":\"%s\"}],\"deliveryMethods\":[\"%s\"],\"markets\":[\"%s\"]}]}"
              .formatted(value(), value(), value(), value())
              .replace("\\", "");
      case 9 -> "{\"name\":\"" + "x".repeat(200_000) + "\"}";
      case 10 ->
          new String(
              new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1);
      default -> "{\"format\":\"exoreg-ruleset/1\",\"rules\":" + pick("7", "[{}]", "\"x\"") + "}";
    };
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
