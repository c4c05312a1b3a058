package io.exoreg.receipt;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exoreg.TestDatabase;
import io.exoreg.decision.Status;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Receipts of status answers and check reports: signed so that an implementation of JOSE that
 * shares nothing with the signer verifies them, broken by any change to a byte of their payload,
 * still verifiable after the key is rotated, and checked against the rules' contents by {@code POST
 * /api/v1/receipts/verify}.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(ReceiptsTest.Profile.class)
class ReceiptsTest {
  private static final String ADMIN = "exo_receipts-admin-secret-for-tests-only";
  private static final String EDITOR = "exo_receipts-editor-secret-for-tests-only";
  private static final String QUESTION =
      "/api/v1/status?jurisdiction=UK&source=salmon&deliveryMethod=scalp-injection";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "exoreg.api-keys.receipts-admin.sha256",
          HexFormat.of().formatHex(ApiKeyStore.hash(ADMIN)),
          "exoreg.api-keys.receipts-admin.admin",
          "true",
          "exoreg.api-keys.receipts-editor.sha256",
          HexFormat.of().formatHex(ApiKeyStore.hash(EDITOR)),
          "exoreg.receipts.issuer",
          "https://exoreg.example/");
    }
  }

  @Test
  void aStatusReceiptVerifiesWithTheJdksOwnEcdsaAndNamesTheQuestionStatusAndRules()
      throws Exception {
    Response answer = given().get(QUESTION + "&receipt=true");
    answer.then().statusCode(200).header("Cache-Control", "no-store").header("ETag", nullValue());
    String receipt = answer.path("receipt");
    assertTrue(JdkJws.verifies(receipt, jwks()), receipt);

    JsonNode header = JdkJws.part(receipt, 0);
    assertEquals("ES256", header.get("alg").asText());
    assertEquals("exoreg-receipt+jwt", header.get("typ").asText());
    JsonNode claims = JdkJws.part(receipt, 1);
    assertEquals("https://exoreg.example/", claims.get("iss").asText());
    assertTrue(Math.abs(claims.get("iat").asLong() - System.currentTimeMillis() / 1000) < 60);
    assertEquals(
        JSON.readTree(
            "{\"ingredient\":\"exosome\",\"jurisdiction\":\"GB\",\"source\":\"salmon\","
                + "\"deliveryMethod\":\"scalp-injection\",\"at\":\""
                + answer.path("at")
                + "\"}"),
        claims.get("question"));
    assertEquals(answer.<String>path("status"), claims.get("status").asText());
    assertEquals(
        answer.<Integer>path("rulesetRevision").longValue(),
        claims.get("rulesetRevision").asLong());
    List<String> ids = answer.path("decidingRules.id");
    assertFalse(ids.isEmpty());
    JsonNode exported = JSON.readTree(given().get("/api/v1/ruleset").asString()).get("rules");
    List<String> signed = new ArrayList<>();
    for (JsonNode rule : claims.get("decidingRules")) {
      signed.add(rule.get("id").asText());
      JsonNode entry = null;
      for (JsonNode candidate : exported) {
        if (candidate.get("id").equals(rule.get("id"))) {
          entry = candidate;
        }
      }
      // the rule as the export writes it, compact, in the bundle's field order
      assertEquals(sha256(JSON.writeValueAsBytes(entry)), rule.get("sha256").asText());
    }
    assertEquals(ids, signed);

    // two receipts of one question are two receipts
    String again = given().get(QUESTION + "&receipt=true").path("receipt");
    assertNotEquals(receipt, again);
    assertNotEquals(claims.get("jti"), JdkJws.part(again, 1).get("jti"));
  }

  @Test
  void aReceiptFailsOnceAnyByteOfItsPayloadChanges() {
    String receipt = given().get(QUESTION + "&receipt=true").path("receipt");
    String jwks = jwks();
    String[] parts = receipt.split("\\.");
    byte[] payload = JdkJws.decode(parts[1]);
    assertTrue(JdkJws.verifies(receipt, jwks));
    for (int i = 0; i < payload.length; i++) {
      byte[] changed = payload.clone();
      changed[i] ^= 0x01;
      String forged = parts[0] + "." + JdkJws.encode(changed) + "." + parts[2];
      assertFalse(JdkJws.verifies(forged, jwks), "byte " + i + " changed, and it still verifies");
      if (i == 0 || i == payload.length / 2 || i == payload.length - 1) {
        verify(forged).then().statusCode(200).body("signatureValid", equalTo(false));
      }
    }
    verify(receipt).then().statusCode(200).body("signatureValid", equalTo(true));
  }

  @Test
  void aCheckReceiptHoldsTheSha256OfTheReportBytesReceived() throws Exception {
    byte[] catalogue = Files.readAllBytes(Path.of("examples/catalogue.json"));
    for (String format : List.of("json", "junit", "sarif", "text")) {
      Response checked =
          given()
              .contentType("application/json")
              .body(catalogue)
              .post("/api/v1/checks?receipt=true&format=" + format);
      checked.then().header("Cache-Control", "no-store");
      String receipt = checked.header("Exoreg-Receipt");
      assertTrue(JdkJws.verifies(receipt, jwks()), format);
      JsonNode report = JdkJws.part(receipt, 1).get("report");
      assertEquals(sha256(checked.asByteArray()), report.get("sha256").asText(), format);
      assertEquals(checked.statusCode() == 200, report.get("passed").asBoolean());
      assertTrue(checked.contentType().startsWith(report.get("mediaType").asText()), format);
      if (format.equals("json")) {
        JsonNode body = JSON.readTree(checked.asByteArray());
        assertEquals(body.get("summary"), report.get("summary"));
        Status worst = Status.PERMITTED;
        for (JsonNode result : body.get("results")) {
          Status status = Status.valueOf(result.get("status").asText());
          worst = status.compareTo(worst) > 0 ? status : worst;
        }
        assertEquals(worst.name(), JdkJws.part(receipt, 1).get("status").asText());
        List<String> cited = new ArrayList<>();
        body.get("rules").fieldNames().forEachRemaining(cited::add);
        List<String> signed = new ArrayList<>();
        JdkJws.part(receipt, 1).get("decidingRules").forEach(r -> signed.add(r.get("id").asText()));
        assertEquals(cited, signed);
      }
    }
    // without receipt=true, no receipt, and the report streams as before
    given()
        .contentType("application/json")
        .body(catalogue)
        .post("/api/v1/checks")
        .then()
        .header("Exoreg-Receipt", nullValue());
  }

  @Test
  void afterARotationOldReceiptsStillVerifyAndNewOnesCarryTheNewKid() {
    String before = given().get(QUESTION + "&receipt=true").path("receipt");
    String oldKid = JdkJws.part(before, 0).get("kid").asText();

    given().post("/api/v1/keys/signing/rotate").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + EDITOR)
        .post("/api/v1/keys/signing/rotate")
        .then()
        .statusCode(403);
    String newKid =
        given()
            .header("Authorization", "Bearer " + ADMIN)
            .post("/api/v1/keys/signing/rotate")
            .then()
            .statusCode(200)
            .extract()
            .path("kid");
    assertNotEquals(oldKid, newKid);

    String after = given().get(QUESTION + "&receipt=true").path("receipt");
    assertEquals(newKid, JdkJws.part(after, 0).get("kid").asText());
    String jwks = jwks();
    given()
        .get("/.well-known/jwks.json")
        .then()
        .body("keys[0].kid", equalTo(newKid))
        .body("keys.kid", hasItem(oldKid));
    assertTrue(JdkJws.verifies(before, jwks), "the receipt signed before the rotation");
    assertTrue(JdkJws.verifies(after, jwks), "the receipt signed after it");
    verify(before).then().body("signatureValid", equalTo(true)).body("kid", equalTo(oldKid));
    verify(after).then().body("signatureValid", equalTo(true)).body("kid", equalTo(newKid));
  }

  @Test
  void verifyingSaysWhetherTheDecidingRulesStillHaveTheirContents() throws Exception {
    String question = "/api/v1/status?jurisdiction=KR&source=salmon&deliveryMethod=microneedling";
    Response answer = given().get(question + "&receipt=true");
    String id = answer.path("decidingRules[0].id");
    String receipt = answer.path("receipt");
    verify(receipt)
        .then()
        .statusCode(200)
        .body("signatureValid", equalTo(true))
        .body("rulesMatchAtRevision", equalTo(true))
        .body("rulesUnchangedNow", equalTo(true))
        .body("rules[0].id", equalTo(id))
        .body("rules[0].matchesAtRevision", equalTo(true))
        .body("claims.rulesetRevision", equalTo(answer.path("rulesetRevision")));

    Response rule = given().get("/api/v1/rules/" + id);
    ObjectNode edited = null;
    for (JsonNode entry : JSON.readTree(given().get("/api/v1/ruleset").asString()).get("rules")) {
      if (entry.get("id").asText().equals(id)) {
        edited = (ObjectNode) entry;
      }
    }
    edited.put("notes", "Reviewed again for the receipts test.");
    given()
        .header("Authorization", "Bearer " + EDITOR)
        .header("If-Match", rule.header("ETag"))
        .contentType("application/json")
        .body(JSON.writeValueAsString(edited))
        .put("/api/v1/rules/" + id)
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);

    verify(receipt)
        .then()
        .statusCode(200)
        .body("signatureValid", equalTo(true))
        .body("rulesMatchAtRevision", equalTo(true))
        .body("rulesUnchangedNow", equalTo(false))
        .body("rules[0].matchesNow", equalTo(false));
    // a new receipt names the new content
    String fresh = given().get(question + "&receipt=true").path("receipt");
    verify(fresh).then().body("rulesUnchangedNow", equalTo(true));
    assertNotEquals(
        JdkJws.part(receipt, 1).get("decidingRules").get(0).get("sha256"),
        JdkJws.part(fresh, 1).get("decidingRules").get(0).get("sha256"));
  }

  @Test
  void badInputToVerifyIsAProblemNamingTheField() {
    for (String body :
        List.of(
            "{}",
            "{\"receipt\":\"\"}",
            "{\"receipt\":\"not-a-jws\"}",
            "{\"receipt\":\"a.b.c\"}",
            "{\"receipt\":5}",
            "{\"receipt\":[\"x\"]}")) {
      given()
          .contentType("application/json")
          .body(body)
          .post("/api/v1/receipts/verify")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("receipt"));
    }
    given()
        .contentType("application/json")
        .body("{\"receipt\":\"x\",\"extra\":1}")
        .post("/api/v1/receipts/verify")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("extra"));
    given()
        .contentType("application/json")
        .body("not json")
        .post("/api/v1/receipts/verify")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    // a JWS of another algorithm or key is refused, not an error
    String receipt = given().get(QUESTION + "&receipt=true").path("receipt");
    String[] parts = receipt.split("\\.");
    String none = JdkJws.encode("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
    verify(none).then().statusCode(400).body("errors[0].field", equalTo("receipt"));
    String hs256 = JdkJws.encode("{\"alg\":\"HS256\",\"kid\":\"x\"}".getBytes());
    verify(hs256 + "." + parts[1] + "." + parts[2])
        .then()
        .statusCode(200)
        .body("signatureValid", equalTo(false));
    String unknownKid =
        JdkJws.encode("{\"alg\":\"ES256\",\"kid\":\"nobody\"}".getBytes())
            + "."
            + parts[1]
            + "."
            + parts[2];
    verify(unknownKid)
        .then()
        .statusCode(200)
        .body("signatureValid", equalTo(false))
        .body("detail", notNullValue());
    given()
        .get(QUESTION + "&receipt=maybe")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("receipt"));
  }

  @Test
  void plainQuestionsAreAnsweredAsBeforeAndAReceiptIsNeverA304() {
    Response plain = given().get(QUESTION);
    plain
        .then()
        .statusCode(200)
        .header("ETag", notNullValue())
        .header("Cache-Control", not("no-store"))
        .body("$", not(hasKey("receipt")));
    String etag = plain.header("ETag");
    given().header("If-None-Match", etag).get(QUESTION).then().statusCode(304);
    given()
        .header("If-None-Match", etag)
        .get(QUESTION + "&receipt=true")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("receipt", notNullValue());
    // receipt=false is the plain answer, byte for byte
    assertEquals(plain.asString(), given().get(QUESTION + "&receipt=false").asString());
  }

  @Test
  void theJwksPublishesOnlyPublicP256Keys() {
    JsonNode keys = readTree(jwks()).get("keys");
    assertTrue(keys.size() >= 1);
    for (JsonNode key : keys) {
      assertEquals("EC", key.get("kty").asText());
      assertEquals("P-256", key.get("crv").asText());
      assertEquals("ES256", key.get("alg").asText());
      assertEquals("sig", key.get("use").asText());
      assertNull(key.get("d"), "a private key is published");
    }
  }

  private static Response verify(String receipt) {
    return given()
        .contentType("application/json")
        .body(Map.of("receipt", receipt))
        .post("/api/v1/receipts/verify");
  }

  private static String jwks() {
    return given()
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .asString();
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
