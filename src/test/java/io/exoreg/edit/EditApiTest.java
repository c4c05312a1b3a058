package io.exoreg.edit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes over HTTP: keys, validation, If-Match, revisions, import and export, the change feed. */
@QuarkusTest
@TestProfile(EditingProfile.class)
@QuarkusTestResource(TestDatabase.class)
class EditApiTest {
  @Inject ApiKeyStore keys;

  private String admin;

  @BeforeEach
  void makeAnAdminKey() {
    admin =
        keys.create("admin-" + UUID.randomUUID(), List.of("admin"), "test").orElseThrow().secret();
  }

  private RequestSpecification as(String secret) {
    return given().header("Authorization", "Bearer " + secret).contentType("application/json");
  }

  /** The revision the table is at, as an answer gives it. */
  private static long revision() {
    return given()
        .queryParam("jurisdiction", "GB")
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("rulesetRevision");
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String rule(
      String id, String jurisdiction, String source, String method, String status, String notes) {
    return """
        {"id": "%s", "ingredient": "exosome", "jurisdiction": "%s", "source": "%s", "deliveryMethod": "%s",
         "status": "%s", "conditions": ["a condition"],
         "legalBasis": {"instrument": "Test Act", "provision": "s. 1", "url": "https://example.org/act"},
         "references": [], "effectiveFrom": null, "effectiveTo": null, "confidence": "high",
         "verifiedOn": "2026-11-25", "notes": "%s"}
        """
        .formatted(id, jurisdiction, source, method, status, notes);
  }

  /** A code of two to eight capitals that no other test uses. */
  private static String code() {
    StringBuilder code = new StringBuilder("X");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 6; i++) {
      code.append((char) ('A' + random.nextInt(26)));
    }
    return code.toString();
  }

  private String newJurisdiction() {
    String code = code();
    as(admin)
        .body(
            "{\"code\":\""
                + code
                + "\",\"name\":\"Test land\",\"parent\":null,\"regulator\":null,\"notes\":null,\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(201);
    return code;
  }

  /** Every write path, with a body that would be valid. */
  static List<String[]> writes() {
    String body =
        rule("GB-any-source-injection", "GB", "any-source", "injection", "NOT_APPROVED", "x");
    return List.of(
        new String[] {"POST", "/api/v1/rules", body},
        new String[] {"PUT", "/api/v1/rules/GB-any-source-injection", body},
        new String[] {"DELETE", "/api/v1/rules/GB-any-source-injection", ""},
        new String[] {
          "POST", "/api/v1/jurisdictions", "{\"code\":\"QQ\",\"name\":\"Q\",\"aliases\":[]}"
        },
        new String[] {
          "PUT",
          "/api/v1/jurisdictions/SG",
          "{\"code\":\"SG\",\"name\":\"Singapore\",\"aliases\":[]}"
        },
        new String[] {"DELETE", "/api/v1/jurisdictions/SG", ""},
        new String[] {
          "POST", "/api/v1/ingredients", "{\"id\":\"retinol\",\"label\":\"Retinol\",\"aliases\":[]}"
        },
        new String[] {
          "PUT",
          "/api/v1/ingredients/exosome",
          "{\"id\":\"exosome\",\"label\":\"E\",\"aliases\":[]}"
        },
        new String[] {"DELETE", "/api/v1/ingredients/exosome", ""},
        new String[] {
          "POST",
          "/api/v1/sources",
          "{\"id\":\"ovine\",\"parent\":\"animal\",\"label\":\"Sheep\",\"aliases\":[]}"
        },
        new String[] {
          "PUT",
          "/api/v1/sources/yeast",
          "{\"id\":\"yeast\",\"parent\":\"microbial\",\"label\":\"Y\",\"aliases\":[]}"
        },
        new String[] {"DELETE", "/api/v1/sources/yeast", ""},
        new String[] {
          "POST",
          "/api/v1/delivery-methods",
          "{\"id\":\"oral\",\"parent\":\"any-route\",\"label\":\"Oral\",\"aliases\":[]}"
        },
        new String[] {
          "PUT",
          "/api/v1/delivery-methods/intravenous",
          "{\"id\":\"intravenous\",\"parent\":\"injection\",\"label\":\"IV\",\"aliases\":[]}"
        },
        new String[] {"DELETE", "/api/v1/delivery-methods/intravenous", ""},
        new String[] {"POST", "/api/v1/ruleset", "{\"format\":\"exoreg-ruleset/1\"}"},
        new String[] {"POST", "/api/v1/keys", "{\"name\":\"intruder\",\"admin\":true}"},
        new String[] {"DELETE", "/api/v1/keys/ci-bot", ""});
  }

  @Test
  void everyWritePathRefusesNoKeyAWrongKeyAndARevokedKeyAndChangesNothing() {
    String revokedName = unique("revoked");
    String revoked = keys.create(revokedName, List.of("admin"), "test").orElseThrow().secret();
    as(admin).delete("/api/v1/keys/" + revokedName).then().statusCode(204);
    String before = export();
    long revision = revision();
    for (String[] write : writes()) {
      for (String authorization :
          new String[] {null, "Bearer exo_wrong", "Bearer " + revoked, "Basic abc", "Bearer "}) {
        RequestSpecification request =
            given().contentType("application/json").header("If-Match", "*");
        if (authorization != null) {
          request.header("Authorization", authorization);
        }
        if (!write[2].isEmpty()) {
          request.body(write[2]);
        }
        request
            .request(write[0], write[1])
            .then()
            .statusCode(401)
            .contentType("application/problem+json")
            .header("WWW-Authenticate", startsWith("Bearer"));
      }
    }
    assertEquals(revision, revision());
    assertEquals(before, export());
  }

  @Test
  void aValidWriteBumpsTheRevisionOnceAndTheNextAnswerReflectsIt() {
    long before = revision();
    revision(); // asked twice, so the answer is kept for this revision
    String code = newJurisdiction();
    assertEquals(before + 1, revision(), "a kept answer of the old revision must not be served");
    String id = code + "-any-source-topical";
    as(admin)
        .body(rule(id, code, "any-source", "topical", "PROHIBITED", "new"))
        .post("/api/v1/rules")
        .then()
        .statusCode(201)
        .header("ETag", notNullValue())
        .header("Location", containsString("/api/v1/rules/" + id))
        .header("Exoreg-Revision", String.valueOf(before + 2))
        .body("id", equalTo(id));
    given()
        .queryParam("jurisdiction", code.toLowerCase())
        .queryParam("source", "salmon")
        .queryParam("deliveryMethod", "topical")
        .get("/api/v1/status")
        .then()
        .statusCode(200)
        .body("status", equalTo("PROHIBITED"))
        .body("decidingRules.id", contains(id))
        .body("rulesetRevision", equalTo((int) before + 2));
  }

  @Test
  void aConfiguredKeyWritesUnderItsName() {
    long before = revision();
    String code = code();
    given()
        .header("Authorization", "Bearer " + EditingProfile.CONFIGURED_SECRET)
        .contentType("application/json")
        .body("{\"code\":\"" + code + "\",\"name\":\"Configured\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(201);
    given()
        .queryParam("since", before)
        .get("/api/v1/changes")
        .then()
        .statusCode(200)
        .body("changes", hasSize(1))
        .body("changes[0].actor", equalTo("ci-bot"));
    given()
        .header("Authorization", "Bearer " + EditingProfile.CONFIGURED_SECRET)
        .get("/api/v1/keys")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void putAndDeleteNeedIfMatch() {
    String code = newJurisdiction();
    String body = "{\"code\":\"" + code + "\",\"name\":\"Renamed\",\"aliases\":[]}";
    as(admin)
        .body(body)
        .put("/api/v1/jurisdictions/" + code)
        .then()
        .statusCode(428)
        .contentType("application/problem+json");
    as(admin)
        .header("If-Match", "\"e0000\"")
        .body(body)
        .put("/api/v1/jurisdictions/" + code)
        .then()
        .statusCode(412);
    as(admin).delete("/api/v1/jurisdictions/" + code).then().statusCode(428);
    String etag =
        given()
            .get("/api/v1/jurisdictions/" + code)
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    String changed =
        as(admin)
            .header("If-Match", etag)
            .body(body)
            .put("/api/v1/jurisdictions/" + code)
            .then()
            .statusCode(200)
            .body("name", equalTo("Renamed"))
            .extract()
            .header("ETag");
    given()
        .get("/api/v1/jurisdictions/" + code)
        .then()
        .header("ETag", equalTo(changed))
        .body("name", equalTo("Renamed"));
    given()
        .header("If-None-Match", changed)
        .get("/api/v1/jurisdictions/" + code)
        .then()
        .statusCode(304);
    as(admin)
        .header("If-Match", etag)
        .delete("/api/v1/jurisdictions/" + code)
        .then()
        .statusCode(412);
    as(admin)
        .header("If-Match", changed)
        .delete("/api/v1/jurisdictions/" + code)
        .then()
        .statusCode(204);
    given().get("/api/v1/jurisdictions/" + code).then().statusCode(404);
  }

  @Test
  void twoPutsWithTheSameIfMatchMakeOneSuccessAndOne412() throws Exception {
    String code = newJurisdiction();
    String id = code + "-plant-topical";
    as(admin)
        .body(rule(id, code, "plant", "topical", "PERMITTED", "first"))
        .post("/api/v1/rules")
        .then()
        .statusCode(201);
    String etag =
        given().get("/api/v1/rules/" + id).then().statusCode(200).extract().header("ETag");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> answers = new ArrayList<>();
    for (String notes : new String[] {"edit A", "edit B"}) {
      Callable<Integer> put =
          () -> {
            start.await();
            return as(admin)
                .header("If-Match", etag)
                .body(rule(id, code, "plant", "topical", "PERMITTED", notes))
                .put("/api/v1/rules/" + id)
                .statusCode();
          };
      answers.add(pool.submit(put));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get());
    }
    pool.shutdown();
    assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
  }

  @Test
  void anInvalidWriteChangesNothingAndNamesTheField() {
    long before = revision();
    as(admin)
        .body(rule(unique("GB-bad"), "GB", "unicorn", "topical", "PERMITTED", "x"))
        .post("/api/v1/rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("source"))
        .body("errors.message", hasItem(containsString("source 'unicorn' does not exist")));
    as(admin)
        .body(rule(unique("GB-dup"), "GB", "any-source", "injection", "PERMITTED", "x"))
        .post("/api/v1/rules")
        .then()
        .statusCode(400)
        .body(
            "errors.message",
            hasItem(containsString("overlaps that of rule GB-any-source-injection")));
    as(admin)
        .body("{\"id\":\"x\",\"stauts\":1}")
        .post("/api/v1/rules")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("stauts"));
    as(admin)
        .body("{not json")
        .post("/api/v1/rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(admin)
        .body(rule("GB-any-source-injection", "GB", "any-source", "injection", "NOT_APPROVED", "x"))
        .post("/api/v1/rules")
        .then()
        .statusCode(409);
    assertEquals(before, revision());
  }

  @Test
  void anUnknownRuleWithAnEmptyLegalBasisIsStoredAsNoneSoRewritingItChangesNothing() {
    String code = newJurisdiction();
    String id = code + "-plant-microneedling";
    String body =
        rule(id, code, "plant", "microneedling", "UNKNOWN", "unclear")
            .replaceFirst("\"legalBasis\": \\{[^}]*}", "\"legalBasis\": {}");
    as(admin)
        .body(body)
        .post("/api/v1/rules")
        .then()
        .statusCode(201)
        .body("legalBasis", nullValue());
    long revision = revision();
    String etag = given().get("/api/v1/rules/" + id).header("ETag");
    as(admin)
        .header("If-Match", etag)
        .body(body)
        .put("/api/v1/rules/" + id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo(etag))
        .header("Exoreg-Revision", String.valueOf(revision));
    assertEquals(revision, revision());
  }

  @Test
  void vocabularyPathsTakeAliasesInAnyCaseAndAFailedIfMatchOnAReadIs412() {
    String code = newJurisdiction();
    String etag =
        given()
            .get("/api/v1/jurisdictions/" + code.toLowerCase())
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    as(admin)
        .header("If-Match", etag)
        .body("{\"name\":\"Lower-case path\",\"aliases\":[]}")
        .put("/api/v1/jurisdictions/" + code.toLowerCase())
        .then()
        .statusCode(200)
        .body("code", equalTo(code));
    given()
        .header("If-Match", "\"nope\"")
        .get("/api/v1/rules/GB-any-source-injection")
        .then()
        .statusCode(412);
    given()
        .header("Authorization", "Bearer " + admin)
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .header("ETag", nullValue())
        .header("Cache-Control", nullValue());
    as(admin)
        .body("{\"name\":\"x\",\"isAdmin\":true}")
        .post("/api/v1/keys")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("isAdmin"));
    as(admin).body("{\"name\":\"ci-bot\"}").post("/api/v1/keys").then().statusCode(409);
  }

  @Test
  void deletingANodeInUseIsRefusedNamingItsUsers() {
    String etag =
        given().get("/api/v1/sources/bovine").then().statusCode(200).extract().header("ETag");
    as(admin)
        .header("If-Match", etag)
        .delete("/api/v1/sources/bovine")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("bovine-milk"))
        .body("errors.field", hasItem("rules[GB-bovine-skin-application]"));
  }

  @Test
  void aBundleWithOneBadRuleAmongManyIsRefusedWholeAndTheRevisionStays() {
    long before = revision();
    String exported = export();
    String broken =
        exported
            .replace("\"notes\":\"Standard cosmetic", "\"notes\":\"Edited cosmetic")
            .replaceFirst("\"source\":\"non-human\"", "\"source\":\"unicorn\"");
    as(admin)
        .body(broken)
        .post("/api/v1/ruleset")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.message", hasItem(containsString("source 'unicorn' does not exist")));
    assertEquals(before, revision());
    assertEquals(exported, export());
  }

  @Test
  void exportThenImportIsANoOp() {
    long before = revision();
    as(admin)
        .body(export())
        .post("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .body("applied", equalTo(false))
        .body("changes", equalTo(0))
        .body("rulesetRevision", equalTo((int) before));
    assertEquals(before, revision());
  }

  @Test
  void theDryRunDiffOfAnEditedExportListsExactlyTheEdits() {
    long before = revision();
    JsonPath bundle = JsonPath.from(export());
    List<Map<String, Object>> rules = new ArrayList<>(bundle.getList("rules"));
    Map<String, Object> changed = new LinkedHashMap<>(rules.get(0));
    changed.put("notes", "edited in a dry run");
    rules.set(0, changed);
    Map<String, Object> removed = rules.remove(1);
    Map<String, Object> added = new LinkedHashMap<>(rules.get(2));
    added.put("id", "EU-added-in-dry-run");
    added.put("jurisdiction", "SG");
    rules.add(added);
    Map<String, Object> edited = new LinkedHashMap<>(bundle.getMap(""));
    edited.put("rules", rules);
    as(admin)
        .body(edited)
        .post("/api/v1/ruleset?dryRun=true")
        .then()
        .statusCode(200)
        .body("dryRun", equalTo(true))
        .body("applied", equalTo(false))
        .body("diff.changed.id", contains(changed.get("id")))
        .body("diff.changed[0].before.notes", equalTo(bundle.getString("rules[0].notes")))
        .body("diff.changed[0].after.notes", equalTo("edited in a dry run"))
        .body("diff.removed.id", contains(removed.get("id")))
        .body("diff.added.id", contains("EU-added-in-dry-run"))
        .body("changes", equalTo(3));
    assertEquals(before, revision());
  }

  @Test
  void anExportAtARevisionEqualsWhatWasExportedThen() {
    long revision = revision();
    String then = export();
    newJurisdiction();
    String atRevision =
        given()
            .queryParam("revision", revision)
            .get("/api/v1/ruleset")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertEquals(JsonPath.from(then).getMap(""), JsonPath.from(atRevision).getMap(""));
    assertEquals(then, atRevision);
    given()
        .queryParam("revision", 999999)
        .get("/api/v1/ruleset")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .queryParam("revision", "one")
        .get("/api/v1/ruleset")
        .then()
        .statusCode(400)
        .body("errors.field", contains("revision"));
  }

  @Test
  void mergeAddsAndReplacesEntriesAndKeepsTheRest() {
    String code = code();
    String bundle =
        """
        {"format": "exoreg-ruleset/1",
         "jurisdictions": [{"code": "%s", "name": "Merged land", "parent": null, "regulator": null, "notes": null, "aliases": []}],
         "rules": [%s]}
        """
            .formatted(
                code,
                rule(
                    code + "-human-injection",
                    code,
                    "human",
                    "injection",
                    "NOT_APPROVED",
                    "merged"));
    long before = revision();
    int rulesBefore = JsonPath.from(export()).getList("rules").size();
    as(admin)
        .body(bundle)
        .post("/api/v1/ruleset?mode=merge")
        .then()
        .statusCode(200)
        .body("applied", equalTo(true))
        .body("rulesetRevision", equalTo((int) before + 1))
        .body("diff.added.id", containsInAnyOrder(code, code + "-human-injection"))
        .body("diff.removed", empty());
    assertEquals(rulesBefore + 1, JsonPath.from(export()).getList("rules").size());
    as(admin)
        .body(bundle)
        .post("/api/v1/ruleset?mode=sideways")
        .then()
        .statusCode(400)
        .body("errors.field", contains("mode"));
  }

  @Test
  void anImportOfMoreThanAThousandChangesCountsThemAndNamesTheFeedThatListsThem() {
    String table = export();
    String prefix = code().substring(0, 4); // and four digits: eight capitals and digits in all
    StringBuilder jurisdictions = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      jurisdictions
          .append(i == 0 ? "" : ",")
          .append(
              """
              {"code": "%s%04d", "name": "Imported land %d", "parent": null, "regulator": null,
               "notes": null, "aliases": []}"""
                  .formatted(prefix, i, i));
    }
    String bundle = "{\"format\": \"exoreg-ruleset/1\", \"jurisdictions\": [%s]}";
    String body = bundle.formatted(jurisdictions);
    long before = revision();
    // a dry run shows every change, however many
    as(admin)
        .body(body)
        .post("/api/v1/ruleset?mode=merge&dryRun=true")
        .then()
        .statusCode(200)
        .body("diff.added", hasSize(1001))
        .body("counts.added.jurisdiction", equalTo(1001))
        .body("changesFeed", nullValue());
    as(admin)
        .body(body)
        .post("/api/v1/ruleset?mode=merge")
        .then()
        .statusCode(200)
        .body("applied", equalTo(true))
        .body("changes", equalTo(1001))
        .body("counts.added", equalTo(Map.of("jurisdiction", 1001)))
        .body("counts.changed", equalTo(Map.of()))
        .body("diff", nullValue())
        .body("changesFeed", equalTo("/api/v1/changes?since=" + before));
    Response feed = given().queryParam("size", 1000).get("/api/v1/changes?since=" + before);
    feed.then().statusCode(200).body("total", equalTo(1001)).body("hasMore", equalTo(true));
    assertEquals(
        List.of(before + 1),
        feed.jsonPath().getList("changes.revision", Long.class).stream().distinct().toList());
    assertEquals(prefix + "0000", feed.jsonPath().getString("changes[0].id"));
    // the table as it was: the imported jurisdictions go again
    as(admin)
        .body(table)
        .post("/api/v1/ruleset?mode=replace")
        .then()
        .statusCode(200)
        .body("counts.removed.jurisdiction", equalTo(1001))
        .body("diff", nullValue());
  }

  @Test
  void theChangeFeedAndARulesHistoryRecordWhoChangedWhatFromWhatToWhat() {
    String name = unique("editor");
    String secret =
        as(admin)
            .body("{\"name\":\"" + name + "\"}")
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .body("key", startsWith("exo_"))
            .body("scopes", contains("law"))
            .extract()
            .path("key");
    long before = revision();
    String code = code();
    as(secret)
        .body("{\"code\":\"" + code + "\",\"name\":\"Feed land\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(201);
    String id = code + "-yeast-topical";
    as(secret)
        .body(rule(id, code, "yeast", "topical", "RESTRICTED", "v1"))
        .post("/api/v1/rules")
        .then()
        .statusCode(201);
    String etag = given().get("/api/v1/rules/" + id).header("ETag");
    as(secret)
        .header("If-Match", etag)
        .body(rule(id, code, "yeast", "topical", "PERMITTED", "v2"))
        .put("/api/v1/rules/" + id)
        .then()
        .statusCode(200);
    given()
        .queryParam("since", before)
        .get("/api/v1/changes")
        .then()
        .statusCode(200)
        .body("changes", hasSize(3))
        .body("changes.revision", contains((int) before + 1, (int) before + 2, (int) before + 3))
        .body("changes.actor", everyItem(equalTo(name)))
        .body("changes.action", contains("added", "added", "changed"))
        .body("changes.entity", contains("jurisdiction", "rule", "rule"))
        .body("changes[2].before.status", equalTo("RESTRICTED"))
        .body("changes[2].after.status", equalTo("PERMITTED"))
        .body("changes[0].time", notNullValue());
    given()
        .get("/api/v1/rules/" + id + "/history")
        .then()
        .statusCode(200)
        .body("changes.action", contains("added", "changed"))
        .body("changes[1].after.notes", equalTo("v2"));
    given().get("/api/v1/rules/never-was/history").then().statusCode(404);
    as(secret)
        .body("{\"name\":\"sneaky\",\"admin\":true}")
        .post("/api/v1/keys")
        .then()
        .statusCode(403);
    as(admin).delete("/api/v1/keys/" + name).then().statusCode(204);
    as(secret)
        .body("{\"code\":\"" + code() + "\",\"name\":\"Too late\",\"aliases\":[]}")
        .post("/api/v1/jurisdictions")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer " + admin)
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .body("find { it.name == '" + name + "' }.revokedAt", notNullValue())
        .body("findAll { it.secretHash != null }", empty());
  }

  @Test
  void rulesExportAsCsv() {
    String csv =
        given()
            .accept("text/csv")
            .get("/api/v1/ruleset")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    assertEquals(
        "id,ingredient,jurisdiction,source,deliveryMethod,status,conditions,legalInstrument,legalProvision,legalUrl,references,effectiveFrom,effectiveTo,confidence,verifiedOn,notes",
        csv.lines().findFirst().orElseThrow());
    assertTrue(
        csv.contains("GB-any-source-injection,exosome,GB,any-source,injection,NOT_APPROVED"), csv);
  }

  private static String export() {
    Response response = given().accept("application/json").get("/api/v1/ruleset");
    response.then().statusCode(200);
    return response.asString();
  }

  static List<String[]> writesForParams() {
    return writes();
  }
}
