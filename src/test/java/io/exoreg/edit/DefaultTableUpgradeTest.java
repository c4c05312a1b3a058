package io.exoreg.edit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.exoreg.TestDatabase;
import io.exoreg.decision.DecisionTest;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A database made from the earlier, exosome-only default table takes the current default the way
 * the README says: a dry-run merge shows the diff and changes nothing, the merge applies it as one
 * revision, and the table then answers as the current default does.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(DefaultTableUpgradeTest.Profile.class)
class DefaultTableUpgradeTest {
  /** A first start that imports the earlier default table, as existing databases were made. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("exoreg.default-ruleset", "exosome-ruleset.json");
    }
  }

  @Inject ApiKeyStore keys;

  @Test
  void aDatabaseMadeFromTheEarlierDefaultTakesTheCurrentOneByADryRunThenAMerge() {
    Bundle earlier = bundle("/exosome-ruleset.json");
    String currentJson = resource("/default-ruleset.json");
    Bundle current = Rulesets.parse(stream(currentJson));
    given().get("/api/v1/ingredients").then().statusCode(200).body("id", contains("exosome"));
    given().get("/api/v1/jurisdictions").then().body("", hasSize(earlier.jurisdictions().size()));
    long before = revision();
    String admin = keys.create("upgrade-admin", List.of("admin"), "test").orElseThrow().secret();

    ValidatableResponse dryRun =
        as(admin)
            .body(currentJson)
            .post("/api/v1/ruleset?mode=merge&dryRun=true")
            .then()
            .statusCode(200)
            .body("dryRun", equalTo(true))
            .body("applied", equalTo(false))
            .body("diff.removed", empty())
            .body(
                "diff.added.findAll { it.entity == 'rule' }.id",
                containsInAnyOrder(added(earlier.rules(), current.rules()).toArray()))
            .body(
                "diff.changed.findAll { it.entity == 'rule' }.id",
                containsInAnyOrder(changed(earlier.rules(), current.rules()).toArray()))
            .body("diff.added.findAll { it.entity == 'ingredient' }.id", contains("polynucleotide"))
            .body("diff.added.findAll { it.entity == 'jurisdiction' }.id", contains("GB-NIR"))
            .body("diff.added.findAll { it.entity == 'source' }.id", contains("trout"))
            .body("diff.changed.findAll { it.entity == 'ruleset' }.id", contains("metadata"));
    int changes = dryRun.extract().path("changes");
    assertEquals(before, revision(), "a dry run changes nothing");
    given().get("/api/v1/ingredients").then().body("id", contains("exosome"));

    as(admin)
        .body(currentJson)
        .post("/api/v1/ruleset?mode=merge")
        .then()
        .statusCode(200)
        .body("applied", equalTo(true))
        .body("changes", equalTo(changes))
        .body("rulesetRevision", equalTo((int) before + 1));

    assertEquals(before + 1, revision());
    given()
        .get("/api/v1/ingredients")
        .then()
        .body("id", containsInAnyOrder("exosome", "polynucleotide"));
    String exportedJson =
        given().get("/api/v1/ruleset").then().statusCode(200).extract().asString();
    JsonPath exported = JsonPath.from(exportedJson);
    assertEquals(
        byId(current.rules(), RuleEntry::id),
        byId(Rulesets.parse(stream(exportedJson)).rules(), RuleEntry::id),
        "the merged table holds the current default's rules, each as the default has it");
    assertEquals(current.jurisdictions().size(), exported.getList("jurisdictions").size());
    assertEquals(current.title(), exported.getString("title"));
    for (DecisionTest.Case c : DecisionTest.workedExamples().toList()) {
      String[] q = c.question().split(" ");
      given()
          .queryParam("jurisdiction", q[0])
          .queryParam("source", q[1])
          .queryParam("deliveryMethod", q[2])
          .queryParam("at", q[3])
          .get("/api/v1/status")
          .then()
          .statusCode(200)
          .body("status", equalTo(c.status().name()))
          .body("coverage", equalTo(c.coverage().word()))
          .body("decidingRules.id", containsInAnyOrder(c.deciding().toArray()));
    }
    as(admin)
        .body(currentJson)
        .post("/api/v1/ruleset?mode=merge&dryRun=true")
        .then()
        .statusCode(200)
        .body("changes", equalTo(0));
  }

  private static RequestSpecification as(String secret) {
    return given().header("Authorization", "Bearer " + secret).contentType("application/json");
  }

  private static long revision() {
    return given()
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .get("/api/v1/status")
        .jsonPath()
        .getLong("rulesetRevision");
  }

  /** Ids of entries the current table has and the earlier one does not. */
  private static Set<String> added(List<RuleEntry> earlier, List<RuleEntry> current) {
    Map<String, RuleEntry> was = byId(earlier, RuleEntry::id);
    return current.stream()
        .map(RuleEntry::id)
        .filter(id -> !was.containsKey(id))
        .collect(Collectors.toSet());
  }

  /** Ids of entries both tables have, with different content. */
  private static Set<String> changed(List<RuleEntry> earlier, List<RuleEntry> current) {
    Map<String, RuleEntry> was = byId(earlier, RuleEntry::id);
    return current.stream()
        .filter(r -> was.containsKey(r.id()) && !Objects.equals(was.get(r.id()), r))
        .map(RuleEntry::id)
        .collect(Collectors.toSet());
  }

  private static <T> Map<String, T> byId(List<T> entries, Function<T, String> id) {
    return entries.stream().collect(Collectors.toMap(id, Function.identity()));
  }

  private static Bundle bundle(String resource) {
    return Rulesets.parse(stream(resource(resource)));
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String resource(String name) {
    try (InputStream in = DefaultTableUpgradeTest.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
