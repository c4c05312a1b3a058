package io.exoreg.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.TestDatabase;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleEdits;
import io.exoreg.ruleset.BundleEdits.Kind;
import io.exoreg.ruleset.Change;
import io.exoreg.ruleset.InvalidRulesetException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.ruleset.TableEdit;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The store against a real PostgreSQL: an edit writes only what it changes, yet every past revision
 * exports exactly as it did; a change that fails writes nothing and installs no snapshot.
 */
@QuarkusTest
@TestProfile(StoreTest.Profile.class)
@QuarkusTestResource(TestDatabase.class)
class StoreTest {
  private static final String SECRET = "exo_store-test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checkpoints every few revisions, so that exports are rebuilt across several of them. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "exoreg.store.checkpoint-every",
          "7",
          "exoreg.api-keys.store-test.sha256",
          HexFormat.of().formatHex(ApiKeyStore.hash(SECRET)));
    }
  }

  /** Fails a commit after its rows are written, before it commits, when told to. */
  @ApplicationScoped
  static class FailingCommit {
    private volatile boolean armed;

    void arm() {
      armed = true;
    }

    void beforeCommit(@Observes(during = TransactionPhase.IN_PROGRESS) CommittedTable committed) {
      if (armed && committed.table().revision() > 1) {
        armed = false;
        throw new IllegalStateException("the commit fails after writing its rows");
      }
    }
  }

  @Inject RulesetStore store;
  @Inject CurrentTable current;
  @Inject FailingCommit failing;

  private static RequestSpecification writer() {
    return given().header("Authorization", "Bearer " + SECRET).contentType("application/json");
  }

  private static String rule(String id, String jurisdiction, String source, String method) {
    return """
        {"id": "%s", "ingredient": "exosome", "jurisdiction": "%s", "source": "%s",
         "deliveryMethod": "%s", "status": "RESTRICTED", "conditions": ["a condition"],
         "legalBasis": {"instrument": "Store Test Act", "provision": null, "url": null},
         "references": [], "effectiveFrom": null, "effectiveTo": null, "confidence": "low",
         "verifiedOn": "2026-11-30", "notes": null}
        """
        .formatted(id, jurisdiction, source, method);
  }

  private static String etag(String path) {
    return given().get(path).then().statusCode(200).extract().header("ETag");
  }

  @Test
  void afterFiftyRandomEditsEveryRevisionExportsAsItWasExportedThen() {
    Random random = new Random(20261201);
    List<String> codes = List.of("GB", "FR", "US", "KR", "JP");
    List<String> sources = List.of("salmon", "bovine", "plant", "yeast");
    List<String> methods = List.of("topical", "microneedling", "injection");
    List<String> mine = new ArrayList<>();
    Map<Long, String> exports = new LinkedHashMap<>();
    int n = 0;
    while (exports.size() < 50) {
      int move = random.nextInt(10);
      Response response;
      if (move < 4 || mine.isEmpty()) {
        String id = "store-random-" + n++;
        response =
            writer()
                .body(
                    rule(
                        id,
                        codes.get(random.nextInt(codes.size())),
                        sources.get(random.nextInt(sources.size())),
                        methods.get(n % methods.size())))
                .post("/api/v1/rules");
        if (response.statusCode() == 201) {
          mine.add(id);
        }
      } else if (move < 7) {
        String id = mine.get(random.nextInt(mine.size()));
        String path = "/api/v1/rules/" + id;
        JsonPath read = given().get(path).jsonPath();
        String body =
            rule(
                    id,
                    read.getString("jurisdiction"),
                    read.getString("source"),
                    read.getString("deliveryMethod"))
                .replace("\"notes\": null", "\"notes\": \"edit " + n++ + "\"");
        response = writer().header("If-Match", etag(path)).body(body).put(path);
      } else if (move < 9) {
        String id = mine.remove(random.nextInt(mine.size()));
        String path = "/api/v1/rules/" + id;
        response = writer().header("If-Match", etag(path)).delete(path);
      } else {
        String code = "ZS" + n++;
        response =
            writer()
                .body(
                    "{\"code\":\""
                        + code
                        + "\",\"name\":\"Store land "
                        + code
                        + "\",\"aliases\":[]}")
                .post("/api/v1/jurisdictions");
      }
      if (response.statusCode() >= 300) {
        continue; // an overlap or a clash the random walk made; nothing was written
      }
      Response export = given().get("/api/v1/ruleset");
      exports.put(Long.parseLong(export.header("Exoreg-Revision")), export.asString());
    }
    exports.forEach(
        (revision, exported) ->
            assertEquals(
                JsonPath.from(exported).getMap(""),
                export(revision),
                "the export of revision " + revision));

    // a start reads the table from the last checkpoint and the changes after it, or, with that
    // checkpoint never written, from the one before and more changes: both are the rows' table
    Bundle now = Rulesets.toBundle(current.require());
    assertEquals(now, Rulesets.toBundle(store.readRows()), "the rows");
    assertEquals(now, Rulesets.toBundle(store.load()), "the table a start reads");
    long last =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Panache.getEntityManager()
                        .createQuery(
                            "select max(revision) from RevisionRow where checkpoint is not null",
                            Long.class)
                        .getSingleResult());
    assertTrue(last > 1, "a checkpoint after the first import's: " + last);
    QuarkusTransaction.requiringNew()
        .run(() -> RevisionRow.update("checkpoint = null where revision = ?1", last));
    assertEquals(
        now, Rulesets.toBundle(store.load()), "the table a start reads, one checkpoint lost");
  }

  @Test
  void aCommitThatFailsAfterWritingItsRowsLeavesNothingAndInstallsNoSnapshot() {
    RuleTable before = current.require();
    long changes = store.changesSince(0, 0, 1).total();
    failing.arm();
    RuleEntry entry =
        JsonPath.from(rule("store-rolled-back", "GB", "salmon", "topical"))
            .getObject("", RuleEntry.class);
    assertThrows(
        IllegalStateException.class,
        () ->
            store.commit(
                "test",
                "a change that fails",
                table -> TableEdit.editing(table, Kind.RULE, entry.id(), entry)));
    assertSame(before, current.require());
    assertEquals(before.revision(), store.revision());
    assertEquals(changes, store.changesSince(0, 0, 1).total());
    given().get("/api/v1/rules/store-rolled-back").then().statusCode(404);
    assertEquals(Rulesets.toBundle(before), Rulesets.toBundle(store.load()));
  }

  @Test
  void aChangeThatBreaksAValidationRuleWritesNothing() {
    RuleTable before = current.require();
    RuleEntry entry =
        JsonPath.from(rule("store-invalid", "GB", "no-such-source", "topical"))
            .getObject("", RuleEntry.class);
    InvalidRulesetException refused =
        assertThrows(
            InvalidRulesetException.class,
            () ->
                store.commit(
                    "test",
                    "an invalid change",
                    table -> TableEdit.editing(table, Kind.RULE, entry.id(), entry)));
    assertTrue(refused.violations().get(0).message().contains("no-such-source"));
    assertSame(before, current.require());
    assertEquals(before.revision(), store.revision());
  }

  @Test
  void aRuleEditKeepsItsChangeAndNoCopyOfTheTable() {
    if ((store.revision() + 1) % 7 == 0) { // that revision keeps a checkpoint
      writer().body(rule("store-spacer", "JP", "plant", "topical")).post("/api/v1/rules");
    }
    writer()
        .body(rule("store-one-change", "KR", "plant", "topical"))
        .post("/api/v1/rules")
        .then()
        .statusCode(201);
    long revision = store.revision();
    assertFalse(
        QuarkusTransaction.requiringNew()
            .call(() -> RevisionRow.<RevisionRow>findById(revision).checkpoint != null));
    assertEquals(
        1L, QuarkusTransaction.requiringNew().call(() -> ChangeRow.count("revision", revision)));
  }

  @Test
  void aLargeImportWrittenInBulkReadsBackExactlyAndKeepsItsForeignKeys() throws Exception {
    String keys = foreignKeys();
    String before = given().get("/api/v1/ruleset").asString();
    Bundle large = largeBundle(12_000);

    failing.arm(); // a bulk write that fails leaves the table, and its keys, as they were
    assertThrows(
        IllegalStateException.class,
        () ->
            store.commit(
                "test",
                "a bulk write that fails",
                table ->
                    TableEdit.replacing(
                        table, BundleEdits.merge(Rulesets.toBundle(table), large))));
    assertEquals(keys, foreignKeys());
    assertEquals(
        JsonPath.from(before).getMap(""), given().get("/api/v1/ruleset").jsonPath().getMap(""));

    long revision = merge(large);
    assertEquals(keys, foreignKeys());
    RuleTable snapshot = current.require();
    assertEquals(revision, snapshot.revision());
    assertEquals(
        Rulesets.toBundle(snapshot), Rulesets.toBundle(store.readRows()), "the rows read back");
    assertEquals(
        Rulesets.toBundle(snapshot), Rulesets.toBundle(store.load()), "the import's checkpoint");
    RuleEntry tricky =
        Rulesets.toBundle(snapshot).rules().stream()
            .filter(r -> r.id().equals("store-bulk-0"))
            .findFirst()
            .orElseThrow();
    assertEquals(large.rules().get(0), tricky);

    writer().body(before).post("/api/v1/ruleset").then().statusCode(200);
    assertEquals(keys, foreignKeys());
    assertEquals(
        JsonPath.from(before).getMap(""), given().get("/api/v1/ruleset").jsonPath().getMap(""));
  }

  @Test
  void aLargeImportKeepsNoCopyOfItsEntriesYetItsFeedAndHistoriesShowEachStateAfter()
      throws Exception {
    String before = given().get("/api/v1/ruleset").asString();
    Bundle large = largeBundle(11_000);
    long revision = merge(large);
    String entries = "revision = ?1 and entity <> ?2";
    assertEquals(
        11_110L,
        QuarkusTransaction.requiringNew()
            .call(() -> ChangeRow.count(entries, revision, Change.RULESET)));
    assertEquals(
        0L,
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ChangeRow.count(entries + " and after is not null", revision, Change.RULESET)),
        "the import's rows keep no entry's state after: its checkpoint has it");

    // one imported rule changed since, one removed: their state after the import is the state
    // before of their next change; the others' is their row's
    String edited = "/api/v1/rules/store-bulk-1";
    String editedBody =
        JSON.writeValueAsString(large.rules().get(1))
            .replace("\"notes\":null", "\"notes\":\"edited\"");
    writer().header("If-Match", etag(edited)).body(editedBody).put(edited).then().statusCode(200);
    String removed = "/api/v1/rules/store-bulk-2";
    writer().header("If-Match", etag(removed)).delete(removed).then().statusCode(204);

    Map<String, Object> expected = new LinkedHashMap<>();
    large.jurisdictions().forEach(j -> expected.put(j.code(), JSON.convertValue(j, Map.class)));
    large.rules().forEach(r -> expected.put(r.id(), JSON.convertValue(r, Map.class)));
    Map<String, Object> shown = new LinkedHashMap<>();
    for (int page = 0; shown.size() < expected.size(); page++) {
      JsonPath feed =
          given()
              .queryParam("since", revision - 1)
              .queryParam("size", 1000)
              .queryParam("page", page)
              .get("/api/v1/changes")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<Map<String, Object>> changes = feed.getList("changes");
      assertFalse(changes.isEmpty(), "the feed ended after " + shown.size() + " changes");
      for (Map<String, Object> change : changes) {
        if (((Number) change.get("revision")).longValue() == revision
            && !Change.RULESET.equals(change.get("entity"))) {
          assertEquals("added", change.get("action"));
          shown.put((String) change.get("id"), change.get("after"));
        }
      }
    }
    assertEquals(expected, shown, "the import's state after of every entry, in the feed");

    List<Map<String, Object>> history =
        given()
            .get(edited + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("changes");
    assertEquals(List.of("added", "changed"), history.stream().map(c -> c.get("action")).toList());
    assertEquals(expected.get("store-bulk-1"), history.get(0).get("after"));
    assertEquals(history.get(0).get("after"), history.get(1).get("before"));
    assertEquals("edited", ((Map<?, ?>) history.get(1).get("after")).get("notes"));
    List<Map<String, Object>> gone =
        given()
            .get(removed + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("changes");
    assertEquals(expected.get("store-bulk-2"), gone.get(0).get("after"));
    assertEquals(expected.get("store-bulk-2"), gone.get(1).get("before"));

    assertEquals(
        given().get("/api/v1/ruleset").jsonPath().getMap(""),
        export(revision + 2),
        "the export of the revision after the edits");
    writer().body(before).post("/api/v1/ruleset").then().statusCode(200);
  }

  /** The export of the table at a revision. */
  private static Map<String, Object> export(long revision) {
    return given()
        .queryParam("revision", revision)
        .get("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("");
  }

  /** Merges the bundle into the table through the API; returns the revision it made. */
  private static long merge(Bundle bundle) throws Exception {
    return writer()
        .body(JSON.writeValueAsString(bundle))
        .queryParam("mode", "merge")
        .post("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("rulesetRevision");
  }

  /** The foreign keys of the rule and change tables, as PostgreSQL states them. */
  private static String foreignKeys() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Panache.getEntityManager()
                    .createNativeQuery(
                        "SELECT string_agg(conrelid::regclass || ' ' || conname || ' '"
                            + " || pg_get_constraintdef(oid), '; ' ORDER BY conrelid::regclass::text,"
                            + " conname) FROM pg_constraint WHERE contype = 'f'",
                        String.class)
                    .getSingleResult()
                    .toString());
  }

  /**
   * New jurisdictions with a hundred rules each, over the default vocabularies; the first rule's
   * texts hold what the text format of COPY escapes, quotes, braces and characters beyond ASCII.
   */
  private static Bundle largeBundle(int rules) {
    List<Bundle.JurisdictionEntry> jurisdictions = new ArrayList<>();
    List<RuleEntry> entries = new ArrayList<>();
    for (int i = 0; i < rules; i++) {
      String code = "ZB" + (i / 100);
      if (i % 100 == 0) {
        jurisdictions.add(
            new Bundle.JurisdictionEntry(code, "Bulk land " + code, null, null, null, List.of()));
      }
      int year = 1900 + i % 100;
      boolean tricky = i == 0;
      entries.add(
          new RuleEntry(
              "store-bulk-" + i,
              "exosome",
              code,
              "salmon",
              "topical",
              "RESTRICTED",
              tricky
                  ? List.of("a \\ backslash, a \"quote\", {braces}", "tab\there\nand a new line")
                  : List.of("a condition"),
              new Bundle.LegalBasisEntry("Bulk Act", tricky ? "s. 1\r\n(2)" : null, null),
              List.of(),
              year + "-01-01",
              year + "-12-31",
              "low",
              "2026-11-30",
              tricky ? "Zulässig \u2713 \uD835\uDD18 \\N not a null" : null));
    }
    return new Bundle(
        Bundle.FORMAT,
        null,
        null,
        null,
        Map.of(),
        List.of(),
        jurisdictions,
        List.of(),
        List.of(),
        List.of(),
        entries);
  }
}
