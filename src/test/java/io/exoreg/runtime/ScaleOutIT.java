package io.exoreg.runtime;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.receipt.JdkJws;
import io.exoreg.store.ApiKeyStore;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL: a write through one is answered by the other within a second,
 * and they sign receipts with keys the JWKS of each lists: started at once on an empty database
 * they make one key between them, a rotation through one reaches the other, and an instance given a
 * key in a PEM file signs with that key, which every instance then publishes.
 */
class ScaleOutIT {
  private static final String SECRET = "exo_scale-out-test-secret";
  private static final String ADMIN = "exo_receipts-scale-out-admin-secret";
  private static final String QUESTION =
      "/api/v1/status?jurisdiction=FR&source=human-adipose-msc&deliveryMethod=topical&receipt=true";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Process> apps = new ArrayList<>();
  private EmbeddedDatabase database;

  @Test
  void aWriteThroughOneInstanceIsAnsweredByTheOtherWithinOneSecond() throws Exception {
    Path work = Files.createTempDirectory("exoreg-scale-out");
    database = EmbeddedDatabase.start(work.resolve("postgres"), EmbeddedDatabase.freePort());
    Map<String, String> settings =
        Map.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            database.jdbcUrl(),
            "QUARKUS_DATASOURCE_USERNAME",
            "postgres",
            "EXOREG_API_KEYS_TESTER_SHA256",
            HexFormat.of().formatHex(ApiKeyStore.hash(SECRET)),
            "EXOREG_SYNC_CHECK_EVERY",
            "30s"); // notifications alone must do it
    int portA = EmbeddedDatabase.freePort();
    int portB = EmbeddedDatabase.freePort();
    apps.add(PackagedAppIT.start(work.resolve("a.log"), portA, settings));
    apps.add(PackagedAppIT.start(work.resolve("b.log"), portB, settings));

    for (int round = 0; round < 3; round++) {
      String code = "SO" + round;
      given()
          .port(portA)
          .header("Authorization", "Bearer " + SECRET)
          .contentType("application/json")
          .body("{\"code\":\"" + code + "\",\"name\":\"Scale-out land\",\"aliases\":[]}")
          .post("/api/v1/jurisdictions")
          .then()
          .statusCode(201);
      long committed = System.nanoTime();
      long seen = -1;
      while (System.nanoTime() - committed < Duration.ofSeconds(5).toNanos()) {
        if (given().port(portB).get("/api/v1/jurisdictions/" + code).statusCode() == 200) {
          seen = System.nanoTime();
          break;
        }
        Thread.sleep(10);
      }
      assertTrue(seen > 0, "instance B never answered the new jurisdiction " + code);
      long millis = Duration.ofNanos(seen - committed).toMillis();
      System.out.printf(
          "round %d: instance B answered the write %d ms after it committed%n", round, millis);
      assertTrue(millis < 1000, "instance B took " + millis + " ms");
    }
    // B applied each edit's change to its snapshot rather than read the table again
    String log = Files.readString(work.resolve("b.log"));
    assertTrue(log.contains("by applying 1 change(s)"), log);
    assertTrue(!log.contains("read whole"), log);
  }

  @Test
  void instancesOnOneDatabaseSignWithKeysTheJwksLists() throws Exception {
    Path work = Files.createTempDirectory("exoreg-receipts-scale-out");
    database = EmbeddedDatabase.start(work.resolve("postgres"), EmbeddedDatabase.freePort());
    Map<String, String> settings = new HashMap<>();
    settings.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
    settings.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    settings.put("EXOREG_API_KEYS_ADMIN_SHA256", HexFormat.of().formatHex(ApiKeyStore.hash(ADMIN)));
    settings.put("EXOREG_API_KEYS_ADMIN_ADMIN", "true");
    settings.put("EXOREG_SYNC_CHECK_EVERY", "1s");
    int portA = EmbeddedDatabase.freePort();
    int portB = EmbeddedDatabase.freePort();
    // one after the other, as the write test starts them: two started at the same moment on an
    // empty database are left to the key store's lock and unique index
    apps.add(PackagedAppIT.start(work.resolve("a.log"), portA, settings));
    apps.add(PackagedAppIT.start(work.resolve("b.log"), portB, settings));

    JsonNode keysA = JSON.readTree(jwks(portA)).get("keys");
    assertEquals(1, keysA.size(), "two instances on an empty database made one key: " + keysA);
    assertEquals(keysA, JSON.readTree(jwks(portB)).get("keys"));
    String kid = keysA.get(0).get("kid").asText();
    assertEquals(thumbprint(keysA.get(0)), kid, "the kid is the key's RFC 7638 thumbprint");
    String fromA = receipt(portA);
    String fromB = receipt(portB);
    assertEquals(kid, JdkJws.part(fromA, 0).get("kid").asText());
    assertEquals(kid, JdkJws.part(fromB, 0).get("kid").asText());
    assertTrue(JdkJws.verifies(fromA, jwks(portB)), "A's receipt against B's keys");
    assertTrue(JdkJws.verifies(fromB, jwks(portA)), "B's receipt against A's keys");

    // a rotation through A reaches B
    String rotated =
        given()
            .port(portA)
            .header("Authorization", "Bearer " + ADMIN)
            .post("/api/v1/keys/signing/rotate")
            .then()
            .statusCode(200)
            .extract()
            .path("kid");
    assertNotEquals(kid, rotated);
    String newFromB =
        await("B signs with the new key")
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> receipt(portB), r -> rotated.equals(JdkJws.part(r, 0).get("kid").asText()));
    for (int port : List.of(portA, portB)) {
      String keys = jwks(port);
      for (String receipt : List.of(fromA, fromB, newFromB)) {
        assertTrue(JdkJws.verifies(receipt, keys), "port " + port + ": " + receipt);
        verify(port, receipt).then().statusCode(200).body("signatureValid", equalTo(true));
      }
    }

    // an instance given a PEM file signs with that key, and the others publish it
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Path pem = work.resolve("receipts.pem");
    Files.writeString(
        pem,
        pem("PRIVATE KEY", pair.getPrivate().getEncoded())
            + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Map<String, String> withFile = new HashMap<>(settings);
    withFile.put("EXOREG_RECEIPTS_SIGNING_KEY_FILE", pem.toString());
    int portC = EmbeddedDatabase.freePort();
    apps.add(PackagedAppIT.start(work.resolve("c.log"), portC, withFile));
    String fromC = receipt(portC);
    String fileKid = JdkJws.part(fromC, 0).get("kid").asText();
    assertEquals(thumbprint((ECPublicKey) pair.getPublic()), fileKid);
    assertTrue(JdkJws.verifies(fromC, jwks(portC)));
    assertTrue(JdkJws.verifies(fromA, jwks(portC)), "C publishes the keys kept in the database");
    given()
        .port(portC)
        .header("Authorization", "Bearer " + ADMIN)
        .post("/api/v1/keys/signing/rotate")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    await("A publishes the file's key")
        .atMost(Duration.ofSeconds(10))
        .until(() -> JdkJws.verifies(fromC, jwks(portA)));
    verify(portA, fromC).then().body("signatureValid", equalTo(true));
  }

  private static String receipt(int port) {
    return given().port(port).get(QUESTION).then().statusCode(200).extract().path("receipt");
  }

  private static String jwks(int port) {
    return given()
        .port(port)
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static Response verify(int port, String receipt) {
    return given()
        .port(port)
        .contentType("application/json")
        .body(Map.of("receipt", receipt))
        .post("/api/v1/receipts/verify");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** RFC 7638: the SHA-256 of the required members in lexical order, without whitespace. */
  private static String thumbprint(JsonNode jwk) throws Exception {
    return thumbprint(jwk.get("x").asText(), jwk.get("y").asText());
  }

  private static String thumbprint(ECPublicKey key) throws Exception {
    return thumbprint(coordinate(key.getW().getAffineX()), coordinate(key.getW().getAffineY()));
  }

  private static String thumbprint(String x, String y) throws Exception {
    String members = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
    return JdkJws.encode(
        MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8)));
  }

  private static String coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
    return JdkJws.encode(fixed);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process app : apps) {
      PackagedAppIT.stop(app);
    }
    if (database != null) {
      database.close();
    }
  }
}
