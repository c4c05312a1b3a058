package io.exoreg.watch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the setting as it ships, a webhook on a loopback, private, link-local or metadata address,
 * or over plain http, is refused at creation, naming the field and the setting; a public https one
 * is taken.
 */
@QuarkusTest
@TestProfile(PublicWebhooksProfile.class)
@QuarkusTestResource(TestDatabase.class)
class PrivateWebhookTest {
  @Inject ApiKeyStore keys;

  private RequestSpecification owner() {
    String secret =
        keys.create("hooks-" + UUID.randomUUID(), List.of("watch"), "test").orElseThrow().secret();
    return given().header("Authorization", "Bearer " + secret).contentType("application/json");
  }

  private static String watch(String url) {
    return """
        {"name": "Hooked", "catalogue": %s, "webhook": {"url": "%s"}}
        """
        .formatted(WatchTest.catalogue("GB"), url);
  }

  @Test
  void aWebhookOnAPrivateAddressIsRefused() {
    RequestSpecification owner = owner();
    for (String url :
        List.of(
            "https://127.0.0.1:8443/hook",
            "https://localhost/hook",
            "https://10.0.0.7/hook",
            "https://172.16.1.1/hook",
            "https://192.168.1.20/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/hook",
            "https://[::1]/hook",
            "https://[fd00:ec2::254]/hook",
            "https://[::ffff:10.0.0.1]/hook",
            "https://0.0.0.0/hook")) {
      given()
          .spec(owner)
          .body(watch(url))
          .post("/api/v1/watches")
          .then()
          .statusCode(400)
          .body("errors[0].field", equalTo("webhook.url"))
          .body("errors[0].message", containsString("exoreg.webhooks.allow-private-addresses"))
          .body("errors[0].message", containsString("resolves to"));
    }
  }

  @Test
  void plainHttpIsRefusedAndAPublicHttpsAddressTaken() {
    RequestSpecification owner = owner();
    given()
        .spec(owner)
        .body(watch("http://93.184.216.34/hook"))
        .post("/api/v1/watches")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("webhook.url"))
        .body("errors[0].message", containsString("must be https"));
    given()
        .spec(owner)
        .body(watch("https://user:pass@93.184.216.34/hook"))
        .post("/api/v1/watches")
        .then()
        .statusCode(400)
        .body("errors[0].message", containsString("user or password"));
    given()
        .spec(owner)
        .body(watch("https://93.184.216.34/hook"))
        .post("/api/v1/watches")
        .then()
        .statusCode(201)
        .body("webhook.url", equalTo("https://93.184.216.34/hook"));
  }
}
