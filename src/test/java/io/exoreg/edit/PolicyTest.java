package io.exoreg.edit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Policies: a retailer's own rules on top of the law. The answer keeps the law's under {@code law},
 * adds the policy's under {@code policy}, and its status is the more severe of the two; a policy is
 * an entry of the table like any other, written by a key scoped to it.
 */
@QuarkusTest
@TestProfile(EditingProfile.class)
@QuarkusTestResource(TestDatabase.class)
class PolicyTest {
  @Inject ApiKeyStore keys;

  private String key(String... scopes) {
    return keys.create("key-" + UUID.randomUUID(), List.of(scopes), "test").orElseThrow().secret();
  }

  private static RequestSpecification as(String secret) {
    return given().header("Authorization", "Bearer " + secret).contentType("application/json");
  }

  private static String unique(String stem) {
    return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A policy rule; a null jurisdiction is written as JSON null: everywhere. */
  private static String rule(
      String id, String jurisdiction, String source, String method, String status) {
    return """
        {"id": "%s", "ingredient": "exosome", "jurisdiction": %s, "source": "%s",
         "deliveryMethod": "%s", "status": "%s", "conditions": [],
         "rationale": "Our standard sells nothing from this source", "legalBasis": null,
         "references": [], "effectiveFrom": null, "effectiveTo": null, "confidence": "high",
         "verifiedOn": "2026-12-01", "notes": null}
        """
        .formatted(
            id, jurisdiction == null ? "null" : "\"" + jurisdiction + "\"", source, method, status);
  }

  private static String policy(String id, String... rules) {
    return """
        {"id": "%s", "name": "Acme vegan standard", "description": "No animal-derived ingredients",
         "rules": [%s]}
        """
        .formatted(id, String.join(",", rules));
  }

  /** Creates a policy with an admin key; answers its id. */
  private String create(String id, String... rules) {
    as(key("admin"))
        .body(policy(id, rules))
        .post("/api/v1/policies")
        .then()
        .statusCode(201)
        .header("ETag", not(nullValue()));
    return id;
  }

  private static JsonPath status(String jurisdiction, String source, String method, String policy) {
    return given()
        .queryParam("jurisdiction", jurisdiction)
        .queryParam("source", source)
        .queryParam("deliveryMethod", method)
        .queryParam("policy", policy)
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aVeganPolicyProhibitsSalmonInGbWhileTheLawPermitsIt() {
    String id =
        create(
            unique("vegan"),
            rule(unique("vegan-animal"), null, "animal", "any-route", "PROHIBITED"));
    JsonPath answer = status("GB", "salmon", "topical", id);
    assertEquals("PROHIBITED", answer.getString("status"));
    assertEquals("PERMITTED", answer.getString("law.status"));
    assertEquals("PROHIBITED", answer.getString("policy.status"));
    assertEquals(id, answer.getString("policy.id"));
    // the deciding rules are the policy's, which reached the status; the law's stay under law
    List<String> deciding = answer.getList("decidingRules.id");
    assertEquals(answer.getList("policy.decidingRules.id"), deciding);
    assertEquals(
        List.of("GB-animal-skin-application", "GB-non-human-topical"),
        answer.getList("law.decidingRules.id"));
    assertEquals(
        "Our standard sells nothing from this source",
        answer.getString("policy.decidingRules[0].rationale"));
    assertNull(answer.get("policy.decidingRules[0].jurisdiction"));
    assertThat(answer.getString("explanation"), containsString("policy " + id + ": everywhere: "));

    // without the policy the answer is the law's alone, with neither part
    JsonPath law = status("GB", "salmon", "topical", null);
    assertEquals("PERMITTED", law.getString("status"));
    assertNull(law.get("law"));
    assertNull(law.get("policy"));
  }

  @Test
  void aPermittingPolicyCannotLoosenAProhibitingLaw() {
    String id =
        create(
            unique("lenient"),
            rule(unique("lenient-human"), "GB", "human", "any-route", "PERMITTED"));
    JsonPath answer = status("GB", "human-adipose-msc", "topical", id);
    assertEquals("PROHIBITED", answer.getString("law.status"));
    assertEquals("PERMITTED", answer.getString("policy.status"));
    assertEquals("PROHIBITED", answer.getString("status"));
    assertEquals(answer.getList("law.decidingRules.id"), answer.getList("decidingRules.id"));
  }

  @Test
  void aSilentPolicyLeavesTheLawsAnswerAndSaysItsStatusIsNull() {
    String id =
        create(
            unique("silent"),
            rule(unique("silent-human"), null, "human", "injection", "PROHIBITED"));
    JsonPath answer = status("GB", "salmon", "topical", id);
    assertEquals("PERMITTED", answer.getString("status"));
    assertEquals("PERMITTED", answer.getString("law.status"));
    assertNull(answer.get("policy.status"));
    assertEquals(List.of(), answer.getList("policy.decidingRules"));
    // the whole answer is the law's, not UNKNOWN for want of a policy rule
    assertEquals(answer.getList("law.decidingRules.id"), answer.getList("decidingRules.id"));
  }

  @Test
  void aRuleForEverywhereAppliesInEveryChain() {
    String id =
        create(
            unique("everywhere"),
            rule(unique("everywhere-marine"), null, "marine", "any-route", "NOT_APPROVED"));
    for (String market : List.of("FR", "US-FL", "KR")) {
      JsonPath answer = status(market, "salmon", "topical", id);
      assertEquals("NOT_APPROVED", answer.getString("policy.status"), market);
      assertThat(market, answer.getString("status"), oneOf("NOT_APPROVED", "PROHIBITED"));
    }
  }

  private static Response check(String catalogue, String policy, String format) {
    return given()
        .contentType("application/json")
        .queryParam("policy", policy)
        .queryParam("format", format)
        .body(catalogue)
        .post("/api/v1/checks");
  }

  @Test
  void aCheckWithThePolicyFailsAndItsReportsNameThePolicyRule() {
    String ruleId = unique("check-animal");
    String id = create(unique("check"), rule(ruleId, null, "animal", "any-route", "PROHIBITED"));
    String catalogue =
        """
        {"products": [{"sku": "SERUM-1", "name": "Salmon serum",
          "ingredients": [{"ingredient": "exosome", "source": "salmon"}],
          "deliveryMethods": ["topical"], "markets": ["GB"]}]}
        """;
    // the law alone passes it
    given()
        .contentType("application/json")
        .body(catalogue)
        .post("/api/v1/checks")
        .then()
        .statusCode(200);
    check(catalogue, id, "json")
        .then()
        .statusCode(422)
        .body("policy.id", equalTo(id))
        .body("results[0].status", equalTo("PROHIBITED"))
        .body("results[0].findings[0].decidedBy", equalTo("policy"))
        .body("results[0].findings[0].law.status", equalTo("PERMITTED"))
        .body("results[0].findings[0].policy.decidingRules", contains(ruleId))
        .body("rules." + ruleId + ".policy", equalTo(id))
        .body("rules." + ruleId + ".rationale", containsString("Our standard"));
    String junit = check(catalogue, id, "junit").then().statusCode(422).extract().asString();
    assertThat(junit, containsString(ruleId));
    assertThat(junit, containsString("<property name=\"policy\" value=\"" + id + "\""));
    assertThat(
        junit,
        containsString(
            "policy " + id + ", " + ruleId + ": Our standard sells nothing from this source"));
    String github = check(catalogue, id, "github").then().statusCode(422).extract().asString();
    assertThat(github, containsString("[by the policy]"));
    assertThat(
        github, containsString("policy " + id + ", " + ruleId + ": Our standard sells nothing"));
    JsonPath sarif = check(catalogue, id, "sarif").then().statusCode(422).extract().jsonPath();
    assertEquals(List.of(ruleId), sarif.getList("runs[0].results.ruleId"));
    assertEquals(
        "Policy " + id + ": Our standard sells nothing from this source",
        sarif.getString(
            "runs[0].tool.driver.rules.find { it.id == '" + ruleId + "' }.fullDescription.text"));
    String text = check(catalogue, id, "text").then().statusCode(422).extract().asString();
    assertThat(text, containsString("[by the policy]"));
    assertThat(text, containsString("Our standard sells nothing"));
  }

  @Test
  void aKeyScopedToAPolicyEditsItAndNothingElse() {
    long before = given().get("/api/v1/changes?size=1").jsonPath().getLong("rulesetRevision");
    String id = unique("scoped");
    String other =
        create(
            unique("other"),
            rule(unique("other-animal"), null, "animal", "any-route", "PROHIBITED"));
    String owner = key("policy:" + id);
    Response made =
        as(owner)
            .body(
                policy(
                    id, rule(unique("scoped-animal"), null, "animal", "any-route", "PROHIBITED")))
            .post("/api/v1/policies");
    assertEquals(201, made.statusCode(), made.asString());
    String tag = made.header("ETag");
    // its own policy, replaced with its tag
    Response replaced =
        as(owner)
            .header("If-Match", tag)
            .body(
                policy(
                    id, rule(unique("scoped-bovine"), null, "bovine", "any-route", "PROHIBITED")))
            .put("/api/v1/policies/" + id);
    assertEquals(200, replaced.statusCode(), replaced.asString());
    assertNotEquals(tag, replaced.header("ETag"));
    // the law: 403 naming the scope it needs
    as(owner)
        .body("{\"code\":\"XPOL\",\"name\":\"Policy land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("'law'"));
    // another policy: 403 naming that policy's scope
    String otherTag = given().get("/api/v1/policies/" + other).header("ETag");
    as(owner)
        .header("If-Match", otherTag)
        .delete("/api/v1/policies/" + other)
        .then()
        .statusCode(403)
        .body("detail", containsString("'policy:" + other + "'"));
    // a law key may not write a policy either
    as(key("law"))
        .body(
            policy(
                unique("by-law"),
                rule(unique("by-law-animal"), null, "animal", "any-route", "PROHIBITED")))
        .post("/api/v1/policies")
        .then()
        .statusCode(403);
    // the change feed names the policy's key as the actor of its writes
    given()
        .queryParam("since", before)
        .queryParam("size", 1000)
        .get("/api/v1/changes")
        .then()
        .statusCode(200)
        .body(
            "changes.findAll { it.entity == 'policy' && it.id == '" + id + "' }.action",
            contains("added", "changed"));
    // and its own policy may be deleted by it
    as(owner)
        .header("If-Match", replaced.header("ETag"))
        .delete("/api/v1/policies/" + id)
        .then()
        .statusCode(204);
    given().get("/api/v1/policies/" + id).then().statusCode(404);
  }

  @Test
  void anExportImportedBackKeepsThePolicyAndMakesNoRevision() {
    String id =
        create(
            unique("roundtrip"),
            rule(unique("roundtrip-animal"), null, "animal", "any-route", "PROHIBITED"));
    String exported = given().get("/api/v1/ruleset").then().statusCode(200).extract().asString();
    assertThat(exported, containsString("\"policies\""));
    String admin = key("admin");
    as(admin)
        .body(exported)
        .post("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .body("applied", equalTo(false))
        .body("changes", equalTo(0));
    // a bundle of the law alone leaves the policies as they are
    Map<String, Object> bundle = new JsonPath(exported).getMap("");
    bundle.remove("policies");
    as(admin)
        .body(bundle)
        .post("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .body("changes", equalTo(0));
    given().get("/api/v1/policies/" + id).then().statusCode(200);
    // a law key's import may not change a policy: that needs the policy's own scope
    bundle.put("policies", List.of());
    as(key("law"))
        .body(bundle)
        .post("/api/v1/ruleset")
        .then()
        .statusCode(403)
        .body("detail", containsString("'policy:"));
    given().get("/api/v1/policies/" + id).then().statusCode(200);
  }

  @Test
  void twoPoliciesAtOnceAreRefusedOnePerRequest() {
    String a =
        create(
            unique("first"),
            rule(unique("first-animal"), null, "animal", "any-route", "PROHIBITED"));
    String b =
        create(
            unique("second"),
            rule(unique("second-human"), null, "human", "any-route", "PROHIBITED"));
    given()
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .queryParam("policy", a, b)
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains("policy"))
        .body("errors[0].message", containsString("one policy per request"));
    given()
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .queryParam("policy", "no-such-policy")
        .get("/api/v1/status")
        .then()
        .statusCode(400)
        .body("errors.field", contains("policy"))
        .body("errors[0].message", containsString("GET /api/v1/policies"));
  }

  @Test
  void aPolicyIsValidatedLikeTheLawWithItsOwnAllowances() {
    String admin = key("admin");
    // a rule id the law already uses
    as(admin)
        .body(
            policy(
                unique("taken"),
                rule("GB-non-human-topical", null, "animal", "any-route", "PROHIBITED")))
        .post("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("rules[0].id"))
        .body("errors.message", hasItem(containsString("law rule 'GB-non-human-topical'")));
    // neither a rationale nor a legal basis
    String bare =
        rule(unique("bare"), null, "animal", "any-route", "PROHIBITED")
            .replace("\"rationale\": \"Our standard sells nothing from this source\",", "");
    as(admin)
        .body(policy(unique("bare"), bare))
        .post("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("rules[0].rationale"));
    // an unknown source, and a law rule that gives a rationale
    as(admin)
        .body(
            policy(
                unique("unknown"),
                rule(unique("unknown-rule"), null, "unicorn", "any-route", "PROHIBITED")))
        .post("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("rules[0].source"));
    as(admin)
        .body(
            rule(unique("law-rationale"), "GB", "plant", "topical", "PERMITTED")
                .replace(
                    "\"legalBasis\": null",
                    "\"legalBasis\": {\"instrument\": \"An Act\", \"provision\": null, \"url\": null}"))
        .post("/api/v1/rules")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("rationale"));
    // two rules of one policy in force together on the same pair
    String twice = unique("twice");
    as(admin)
        .body(
            policy(
                twice,
                rule(twice + "-a", null, "animal", "any-route", "PROHIBITED"),
                rule(twice + "-b", null, "animal", "any-route", "RESTRICTED")))
        .post("/api/v1/policies")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("rules[1].effectiveFrom"));
    // nothing refused left a trace
    given()
        .get("/api/v1/policies")
        .then()
        .statusCode(200)
        .body("id", everyItem(not(containsString("bare"))));
  }

  @Test
  void theMatrixWithAPolicyGivesEachCellBothParts() {
    String id =
        create(
            unique("matrix"),
            rule(unique("matrix-animal"), null, "animal", "any-route", "PROHIBITED"));
    JsonPath matrix =
        given()
            .queryParam("jurisdiction", "GB")
            .queryParam("policy", id)
            .get("/api/v1/matrix")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(id, matrix.getString("policy"));
    Map<String, Object> salmon =
        matrix.getMap("cells.find { it.source == 'salmon' && it.deliveryMethod == 'topical' }");
    assertEquals("PROHIBITED", salmon.get("status"));
    assertEquals("PERMITTED", ((Map<?, ?>) salmon.get("law")).get("status"));
    Map<String, Object> plant =
        matrix.getMap("cells.find { it.source == 'plant' && it.deliveryMethod == 'topical' }");
    assertNull(((Map<?, ?>) plant.get("policy")).get("status"));
  }

  @Test
  void anAnswerWithAPolicyHasItsOwnTagKeptAndRenewedWithTheRevision() {
    String id =
        create(
            unique("cached"),
            rule(unique("cached-animal"), null, "animal", "any-route", "PROHIBITED"));
    RequestSpecification question =
        given()
            .queryParam("jurisdiction", "GB")
            .queryParam("source", "salmon")
            .queryParam("deliveryMethod", "topical");
    String plain = question.get("/api/v1/status").header("ETag");
    Response first = given().spec(question).queryParam("policy", id).get("/api/v1/status");
    String tag = first.header("ETag");
    assertNotEquals(plain, tag);
    // asked again, it is the answer kept, byte for byte, and a client holding it gets a 304
    Response again = given().spec(question).queryParam("policy", id).get("/api/v1/status");
    assertEquals(first.asString(), again.asString());
    assertEquals(tag, again.header("ETag"));
    given()
        .spec(question)
        .queryParam("policy", id)
        .header("If-None-Match", tag)
        .get("/api/v1/status")
        .then()
        .statusCode(304);
    // an edit of the policy is a new revision: a new answer and a new tag
    as(key("admin"))
        .header("If-Match", given().get("/api/v1/policies/" + id).header("ETag"))
        .body(policy(id, rule(unique("cached-human"), null, "human", "any-route", "PROHIBITED")))
        .put("/api/v1/policies/" + id)
        .then()
        .statusCode(200);
    Response after = given().spec(question).queryParam("policy", id).get("/api/v1/status");
    assertNotEquals(tag, after.header("ETag"));
    assertEquals("PERMITTED", after.jsonPath().getString("status"));
  }

  /** The README's vegan example, as written there. */
  @Test
  void theVeganExampleRunsAsTheReadmeShowsIt() throws Exception {
    String owner = key("policy:acme-vegan");
    as(owner)
        .body(Files.readString(Path.of("examples/policy-vegan.json")))
        .post("/api/v1/policies")
        .then()
        .statusCode(201);
    JsonPath answer =
        given()
            .get(
                "/api/v1/status?jurisdiction=UK&source=salmon&deliveryMethod=topical&policy=acme-vegan")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("PROHIBITED", answer.getString("status"));
    assertEquals("PERMITTED", answer.getString("law.status"));
    assertThat(
        answer.getString("explanation"),
        containsString(
            "; policy acme-vegan: everywhere: acme-vegan-animal (animal x any-route) covers salmon"
                + " x topical: PROHIBITED"));
    given()
        .contentType("application/json")
        .body(Files.readString(Path.of("examples/catalogue.json")))
        .queryParam("format", "text")
        .queryParam("policy", "acme-vegan")
        .post("/api/v1/checks")
        .then()
        .statusCode(422);
  }

  @Test
  void aReceiptOfAnAnswerWithAPolicySignsBothPartsAndVerifies() {
    String ruleId = unique("signed-animal");
    String id = create(unique("signed"), rule(ruleId, null, "animal", "any-route", "PROHIBITED"));
    String receipt =
        given()
            .queryParam("jurisdiction", "GB")
            .queryParam("source", "salmon")
            .queryParam("deliveryMethod", "topical")
            .queryParam("policy", id)
            .queryParam("receipt", "true")
            .get("/api/v1/status")
            .then()
            .statusCode(200)
            .body("status", equalTo("PROHIBITED"))
            .extract()
            .path("receipt");
    given()
        .contentType("application/json")
        .body(Map.of("receipt", receipt))
        .post("/api/v1/receipts/verify")
        .then()
        .statusCode(200)
        .body("signatureValid", equalTo(true))
        .body("rulesMatchAtRevision", equalTo(true))
        .body("claims.status", equalTo("PROHIBITED"))
        .body("claims.law.status", equalTo("PERMITTED"))
        .body("claims.policy.id", equalTo(id))
        .body("claims.policy.decidingRules.id", contains(ruleId))
        .body("rules.id", contains(ruleId));
  }
}
