package io.exoreg.edit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a read of an entry answers goes back with PUT as it is: read, edit one field, write with the
 * ETag, for every kind of entry; and the README's edit flow, followed literally.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
@QuarkusTestResource(TestDatabase.class)
class OneShapeTest {
  @Inject ApiKeyStore keys;

  private String key;

  @BeforeEach
  void makeAKey() {
    key = keys.create("editor-" + UUID.randomUUID(), List.of("law"), "test").orElseThrow().secret();
  }

  private ValidatableResponse put(String path, String etag, Object body) {
    return given()
        .header("Authorization", "Bearer " + key)
        .header("If-Match", etag)
        .contentType("application/json")
        .body(body)
        .put("/api/v1/" + path)
        .then();
  }

  static Stream<Arguments> entries() {
    return Stream.of(
        Arguments.of("rules/GB-any-source-injection", "notes"),
        Arguments.of("jurisdictions/GB", "regulator"),
        Arguments.of("ingredients/exosome", "label"),
        Arguments.of("sources/salmon", "label"),
        Arguments.of("delivery-methods/topical", "label"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void anEntryAsReadIsWrittenBackWithOneFieldEdited(String path, String field) {
    Response read = given().get("/api/v1/" + path).then().statusCode(200).extract().response();
    Map<String, Object> entry = new LinkedHashMap<>(read.jsonPath().getMap(""));
    String edited = "edited " + UUID.randomUUID();
    entry.put(field, edited);
    put(path, read.header("ETag"), entry)
        .statusCode(200)
        .body(field, equalTo(edited))
        .header("ETag", not(equalTo(read.header("ETag"))));
    given().get("/api/v1/" + path).then().statusCode(200).body(field, equalTo(edited));
  }

  @Test
  void theReadOnlyFieldsAreIgnoredOnWrite() {
    Response read = given().get("/api/v1/jurisdictions/FR").then().extract().response();
    Map<String, Object> entry = new LinkedHashMap<>(read.jsonPath().getMap(""));
    entry.put("chain", List.of("made", "up"));
    entry.put("rules", 12345);
    put("jurisdictions/FR", read.header("ETag"), entry)
        .statusCode(200)
        .body("chain", equalTo(read.jsonPath().getList("chain")))
        .body("rules", equalTo(read.jsonPath().getInt("rules")));
  }

  /**
   * The README's flow: add examples/rule.json, read it with its ETag, edit a field, PUT it back.
   */
  @Test
  void theReadmeEditFlowWorksAsWritten() throws Exception {
    String rule = Files.readString(Path.of("examples", "rule.json"));
    String id = JsonPath.from(rule).getString("id");
    given()
        .header("Authorization", "Bearer " + key)
        .contentType("application/json")
        .body(rule)
        .post("/api/v1/rules")
        .then()
        .statusCode(201)
        .header("Location", notNullValue())
        .body("citations.id", hasItem("EU-REG"));
    Response read = given().get("/api/v1/rules/" + id).then().statusCode(200).extract().response();
    String edited = read.asString().replace("\"confidence\":\"low\"", "\"confidence\":\"medium\"");
    put("rules/" + id, read.header("ETag"), edited)
        .statusCode(200)
        .body("confidence", equalTo("medium"));
    put("rules/" + id, read.header("ETag"), edited).statusCode(412);
  }
}
