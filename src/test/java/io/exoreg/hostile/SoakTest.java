package io.exoreg.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.TestDatabase;
import io.exoreg.decision.Decision;
import io.exoreg.decision.Question;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Rulesets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readers and writers at once for a bounded time. Every answer read must be the one its reported
 * revision gives when re-derived from that revision's export; no request may fail; and the
 * revisions committed must be exactly the writes acknowledged, with the last acknowledged state of
 * each rule in the final table.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(HostileProfile.class)
class SoakTest {
  private static final Duration RUN = Duration.ofSeconds(Long.getLong("soak.seconds", 15));
  private static final String[] STATUSES = {"PERMITTED", "RESTRICTED", "PROHIBITED"};
  private static final String[] CODES = {"XSOAKA", "XSOAKB"};

  record Read(long revision, String jurisdiction, String status, List<String> deciding) {}

  record Ack(long revision, String rule, String status) {}

  @Test
  void readersAndWritersAtOnceLoseNothingAndReadOnlyCommittedRevisions() throws Exception {
    for (String code : CODES) {
      write("POST", "/api/v1/jurisdictions", null, jurisdiction(code)).then().statusCode(201);
      write("POST", "/api/v1/rules", null, rule(code, "PERMITTED")).then().statusCode(201);
    }
    long start = revision();
    List<Read> reads = new CopyOnWriteArrayList<>();
    List<Ack> acks = new CopyOnWriteArrayList<>();
    List<String> errors = new CopyOnWriteArrayList<>();
    Map<String, Integer> rejected = new ConcurrentHashMap<>();
    long until = System.nanoTime() + RUN.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<?>> work = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      int reader = r;
      work.add(pool.submit(() -> read(reader, until, reads, errors)));
    }
    for (String code : CODES) {
      work.add(pool.submit(() -> writeAll(code, until, acks, rejected, errors)));
    }
    for (Future<?> f : work) {
      f.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertEquals(List.of(), errors.subList(0, Math.min(errors.size(), 10)));
    System.out.printf(
        "soak: %d reads, %d acknowledged writes, %d rejected writes over %d s%n",
        reads.size(),
        acks.size(),
        rejected.values().stream().mapToInt(i -> i).sum(),
        RUN.toSeconds());
    assertTrue(acks.size() >= 20, "too few writes to mean anything: " + acks.size());
    // what makes the run mean something is reads interleaved with commits, not their number,
    // which is the machine's: many reads, over many revisions
    long revisionsRead = reads.stream().map(Read::revision).distinct().count();
    assertTrue(reads.size() >= 100, "too few reads to mean anything: " + reads.size());
    assertTrue(
        revisionsRead >= 20, "reads saw too few revisions to mean anything: " + revisionsRead);

    // every committed revision since the start is an acknowledged write, and nothing else
    long end = revision();
    List<Long> acknowledged = acks.stream().map(Ack::revision).sorted().toList();
    List<Long> committed = new ArrayList<>();
    for (long rev = start + 1; rev <= end; rev++) {
      committed.add(rev);
    }
    assertEquals(committed, acknowledged, "revisions committed vs writes acknowledged");
    JsonPath feed =
        given()
            .queryParam("since", start)
            .queryParam("size", 1000)
            .get("/api/v1/changes")
            .jsonPath();
    List<Integer> changed = feed.getList("changes.revision", Integer.class);
    assertEquals(acknowledged, changed.stream().map(Long::valueOf).toList());

    // the final table holds each rule's last acknowledged status
    for (String code : CODES) {
      String id = code + "-soak";
      String last =
          acks.stream()
              .filter(a -> a.rule().equals(id))
              .max(Comparator.comparingLong(Ack::revision))
              .orElseThrow()
              .status();
      assertEquals(last, given().get("/api/v1/rules/" + id).jsonPath().getString("status"));
    }

    // every answer is what its revision decides, re-derived from that revision's export
    Map<Long, RuleTable> tables = new TreeMap<>();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (Read read : reads) {
      RuleTable table =
          tables.computeIfAbsent(
              read.revision(),
              rev -> {
                byte[] export =
                    given()
                        .queryParam("revision", rev)
                        .get("/api/v1/ruleset")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
                return Rulesets.validate(Rulesets.parse(new ByteArrayInputStream(export)), rev);
              });
      Decision decision =
          table.decide(new Question("exosome", read.jurisdiction(), "salmon", "topical", today));
      assertEquals(decision.status().name(), read.status(), "at revision " + read.revision());
      assertEquals(
          decision.decidingRules().stream().map(Rule::id).toList(),
          read.deciding(),
          "at revision " + read.revision());
    }
    System.out.printf("soak: answers re-derived from %d revisions' exports%n", tables.size());
  }

  private static void read(int reader, long until, List<Read> reads, List<String> errors) {
    Random random = new Random(reader);
    while (System.nanoTime() < until) {
      String code = CODES[random.nextInt(CODES.length)];
      // the load itself goes unvalidated: checking each answer against the document would
      // measure the validator; the checks after it, like every other test, are validated
      Response response =
          given()
              .noFilters()
              .queryParam("jurisdiction", code)
              .queryParam("source", "salmon")
              .queryParam("deliveryMethod", "topical")
              .get("/api/v1/status");
      if (response.statusCode() != 200) {
        errors.add("read " + code + ": " + response.statusCode() + " " + response.asString());
        continue;
      }
      JsonPath body = response.jsonPath();
      reads.add(
          new Read(
              body.getLong("rulesetRevision"),
              code,
              body.getString("status"),
              body.getList("decidingRules.id", String.class)));
    }
  }

  /** Replaces its own rule's status over and over; now and then sends a write that must fail. */
  private static void writeAll(
      String code, long until, List<Ack> acks, Map<String, Integer> rejected, List<String> errors) {
    String id = code + "-soak";
    Random random = new Random(code.hashCode());
    String tag = given().get("/api/v1/rules/" + id).then().extract().header("ETag");
    String last = "PERMITTED";
    int n = 0;
    while (System.nanoTime() < until) {
      n++;
      if (n % 5 == 0) {
        // an invalid status and a stale tag: both refused, neither may leave a trace
        Response bad =
            write(
                "PUT", "/api/v1/rules/" + id, tag, rule(code, "MAYBE").replace(code + "-soak", id));
        Response stale = write("PUT", "/api/v1/rules/" + id, "\"stale\"", rule(code, "PERMITTED"));
        if (bad.statusCode() != 400 || stale.statusCode() != 412) {
          errors.add("refused writes answered " + bad.statusCode() + " and " + stale.statusCode());
        }
        rejected.merge(code, 2, Integer::sum);
        continue;
      }
      // always a real change: a write that changes nothing commits no revision
      String status;
      do {
        status = STATUSES[random.nextInt(STATUSES.length)];
      } while (status.equals(last));
      Response response = write("PUT", "/api/v1/rules/" + id, tag, rule(code, status));
      if (response.statusCode() != 200) {
        errors.add("write " + id + ": " + response.statusCode() + " " + response.asString());
        continue;
      }
      tag = response.header("ETag");
      last = status;
      acks.add(new Ack(Long.parseLong(response.header("Exoreg-Revision")), id, status));
    }
  }

  private static Response write(String method, String path, String ifMatch, String body) {
    var request =
        given()
            .noFilters()
            .header("Authorization", "Bearer " + HostileProfile.ADMIN_SECRET)
            .contentType("application/json")
            .body(body);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return request.request(method, path);
  }

  private static long revision() {
    return given().get("/api/v1/changes?since=0&size=1").jsonPath().getLong("rulesetRevision");
  }

  private static String jurisdiction(String code) {
    return "{\"code\":\"%s\",\"name\":\"Soak land %s\",\"parent\":\"EU\",\"aliases\":[]}"
        .formatted(code, code);
  }

  private static String rule(String code, String status) {
    return """
        {"id": "%s-soak", "ingredient": "exosome", "jurisdiction": "%s", "source": "salmon",
         "deliveryMethod": "topical", "status": "%s", "conditions": ["a condition"],
         "legalBasis": {"instrument": "Soak Act", "provision": "s. 1", "url": "https://example.org/act"},
         "references": [], "effectiveFrom": null, "effectiveTo": null, "confidence": "high",
         "verifiedOn": "2026-11-25", "notes": null}
        """
        .formatted(code, code, status);
  }
}
