package io.exoreg.http;

import static io.restassured.RestAssured.given;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy, failed authentications are counted by the client the proxy forwarded for:
 * one client guessing keys does not lock out the writers behind the same proxy.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(TrustedProxyTest.Profile.class)
class TrustedProxyTest {
  static final String SECRET = "exo_proxy-test-secret";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return forwarding(Map.of("quarkus.http.proxy.trusted-proxies", "127.0.0.1,localhost"));
    }
  }

  /** X-Forwarded-For read, three failures allowed, a configured key, and {@code more}. */
  static Map<String, String> forwarding(Map<String, String> more) {
    Map<String, String> settings =
        new HashMap<>(
            Map.of(
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "exoreg.auth.max-failures", "3",
                "exoreg.api-keys.proxy-tester.sha256",
                    HexFormat.of().formatHex(ApiKeyStore.hash(SECRET))));
    settings.putAll(more);
    return settings;
  }

  @Test
  void aGuessingClientIsThrottledAndAnotherClientBehindTheSameProxyIsNot() {
    for (int i = 0; i < 3; i++) {
      write("198.51.100.7", "exo_guess-" + i, "XPA" + i).statusCode(401);
    }
    write("198.51.100.7", "exo_guess-3", "XPA3").statusCode(429);
    write("198.51.100.7", SECRET, "XPA4").statusCode(429);
    write("198.51.100.8", SECRET, "XPB").statusCode(201);
  }

  /** Adds a jurisdiction through the proxy, for the client it names. */
  static ValidatableResponse write(String client, String key, String code) {
    return given()
        .header("X-Forwarded-For", client)
        .header("Authorization", "Bearer " + key)
        .contentType("application/json")
        .body("{\"code\":\"" + code + "\",\"name\":\"Proxy land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then();
  }
}
