package io.exoreg.edit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a key may do is its scopes: law edits the table, admin manages keys and does everything; a
 * write outside them is a 403 that names the scope it needs.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
@QuarkusTestResource(TestDatabase.class)
class KeyScopesTest {
  @Inject ApiKeyStore keys;

  private String key(String... scopes) {
    return keys.create("key-" + UUID.randomUUID(), List.of(scopes), "test").orElseThrow().secret();
  }

  private static RequestSpecification as(String secret) {
    return given().header("Authorization", "Bearer " + secret).contentType("application/json");
  }

  private static String code() {
    StringBuilder code = new StringBuilder("XS");
    Random random = new Random();
    for (int i = 0; i < 5; i++) {
      code.append((char) ('A' + random.nextInt(26)));
    }
    return code.toString();
  }

  private static String jurisdiction() {
    return jurisdiction(code());
  }

  private static String jurisdiction(String code) {
    return "{\"code\":\"" + code + "\",\"name\":\"Scope land\",\"aliases\":[]}";
  }

  @Test
  void aLawKeyEditsTheTableButManagesNoKeys() {
    String law = key("law");
    as(law).body(jurisdiction()).post("/api/v1/jurisdictions").then().statusCode(201);
    as(law)
        .get("/api/v1/keys")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403))
        .body("detail", containsString("'admin'"));
    as(law)
        .body("{\"name\":\"" + UUID.randomUUID() + "\"}")
        .post("/api/v1/keys")
        .then()
        .statusCode(403)
        .body("detail", containsString("'admin'"));
    as(law).delete("/api/v1/keys/ci-bot").then().statusCode(403);
  }

  @Test
  void anAdminKeyMayAlsoEditTheTable() {
    as(key("admin")).body(jurisdiction()).post("/api/v1/jurisdictions").then().statusCode(201);
  }

  @Test
  @TestSecurity(user = "reader")
  void anIdentityWithoutLawMayNotWriteTheTableAndIsToldTheScope() {
    given()
        .contentType("application/json")
        .body(jurisdiction())
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("'law'"));
    given()
        .contentType("application/json")
        .body("{\"format\":\"exoreg-ruleset/1\"}")
        .post("/api/v1/ruleset")
        .then()
        .statusCode(403)
        .body("detail", containsString("'law'"));
  }

  @Test
  @TestSecurity(
      user = "law-bot",
      roles = {"law"})
  void anIdentityWithLawIsTheActorOfItsWrite() {
    long before = given().get("/api/v1/changes?size=1").jsonPath().getLong("rulesetRevision");
    String code = code();
    given()
        .contentType("application/json")
        .body(jurisdiction(code))
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(201);
    given()
        .queryParam("since", before)
        .queryParam("size", 1000)
        .get("/api/v1/changes")
        .then()
        .statusCode(200)
        .body("changes.findAll { it.id == '" + code + "' }.actor", contains("law-bot"));
  }

  @Test
  void aNewKeyHasTheScopesAskedForAndLawWhenNoneAre() {
    String admin = key("admin");
    as(admin)
        .body("{\"name\":\"" + UUID.randomUUID() + "\",\"scopes\":[\"law\",\"admin\",\"law\"]}")
        .post("/api/v1/keys")
        .then()
        .statusCode(201)
        .header("Cache-Control", "no-store")
        .body("scopes", contains("law", "admin"));
    String plain =
        as(admin)
            .body("{\"name\":\"" + UUID.randomUUID() + "\"}")
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .body("scopes", contains("law"))
            .extract()
            .path("key");
    as(plain).get("/api/v1/keys").then().statusCode(403);
    String made =
        as(admin)
            .body("{\"name\":\"" + UUID.randomUUID() + "\",\"admin\":true}")
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .body("scopes", contains("admin"))
            .extract()
            .path("key");
    as(made).get("/api/v1/keys").then().statusCode(200).body("scopes", hasItem(contains("law")));
  }

  static Stream<Arguments> badScopes() {
    return Stream.of(
        Arguments.of("a misspelt scope", "[\"lwa\"]", "scopes[0]", "did you mean 'law'?"),
        Arguments.of("no scope at all", "[]", "scopes", "at least one scope"),
        Arguments.of("a blank scope", "[\"law\", \" \"]", "scopes[1]", "is empty"),
        Arguments.of("a policy scope with no id", "[\"policy:\"]", "scopes[0]", "policy:ID"),
        Arguments.of("a scope that is not text", "[\"law\", 3]", "scopes[1]", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badScopes")
  void badScopesAreRefusedNamingTheField(
      String description, String scopes, String field, String message) {
    as(key("admin"))
        .body("{\"name\":\"" + UUID.randomUUID() + "\",\"scopes\":" + scopes + "}")
        .post("/api/v1/keys")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains(field))
        .body("errors[0].message", containsString(message));
  }

  @Test
  void aConfiguredKeyHasTheScopesItsSettingsGive() {
    given()
        .header("Authorization", "Bearer " + EditingProfile.CONFIGURED_ADMIN_SECRET)
        .get("/api/v1/keys")
        .then()
        .statusCode(200);
  }
}
