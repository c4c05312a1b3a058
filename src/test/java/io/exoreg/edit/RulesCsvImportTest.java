package io.exoreg.edit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.exoreg.TestDatabase;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules CSV that the export writes is what the import reads, and a bad line is named. */
@QuarkusTest
@TestProfile(EditingProfile.class)
@QuarkusTestResource(TestDatabase.class)
class RulesCsvImportTest {
  private static final String HEADER =
      "id,ingredient,jurisdiction,source,deliveryMethod,status,conditions,legalInstrument,"
          + "legalProvision,legalUrl,references,effectiveFrom,effectiveTo,confidence,verifiedOn,notes";

  @Inject ApiKeyStore keys;

  private String law;

  @BeforeEach
  void makeALawKey() {
    law = keys.create("law-" + UUID.randomUUID(), List.of("law"), "test").orElseThrow().secret();
  }

  private RequestSpecification csv(String body) {
    return given()
        .header("Authorization", "Bearer " + law)
        .contentType("text/csv; charset=UTF-8")
        .body(body);
  }

  private static String exportCsv() {
    return given()
        .accept("text/csv")
        .get("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .contentType(containsString("text/csv"))
        .extract()
        .asString();
  }

  private static String exportJson() {
    return given().accept("application/json").get("/api/v1/ruleset").then().extract().asString();
  }

  private static String rule(String id, String status, String notes) {
    return id
        + ",exosome,GB,plant,microneedling,"
        + status
        + ",\"Sold by professionals only\nWith a patch test\",Test Act,s. 1,https://example.org/act,,"
        + "2026-01-01,,high,2026-11-25,"
        + notes
        + "\n";
  }

  @Test
  void anExportedCsvImportsAsTheSameTableInEitherMode() {
    String csv = exportCsv();
    String json = exportJson();
    for (String mode : List.of("merge", "replace")) {
      csv(csv)
          .queryParam("mode", mode)
          .post("/api/v1/ruleset")
          .then()
          .statusCode(200)
          .body("mode", equalTo(mode))
          .body("applied", equalTo(false))
          .body("changes", equalTo(0));
    }
    assertEquals(csv, exportCsv());
    assertEquals(json, exportJson());
  }

  @Test
  void aRuleAddedAndOneChangedInTheCsvAreImportedAndExportedBack() {
    String exported = exportCsv();
    String json = exportJson();
    String id = "GB-csv-" + UUID.randomUUID().toString().substring(0, 8);
    String added = exported + rule(id, "RESTRICTED", "new");
    csv(added)
        .queryParam("dryRun", "true")
        .post("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .body("mode", equalTo("merge"))
        .body("dryRun", equalTo(true))
        .body("applied", equalTo(false))
        .body("diff.added.id", contains(id))
        .body("diff.removed", empty());
    assertEquals(json, exportJson(), "a dry run writes nothing");
    csv(added)
        .post("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .body("applied", equalTo(true))
        .body("diff.added.id", contains(id));
    given()
        .get("/api/v1/rules/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("RESTRICTED"))
        .body("conditions", contains("Sold by professionals only", "With a patch test"))
        .body("legalBasis.instrument", equalTo("Test Act"))
        .body("references", empty())
        .body("effectiveFrom", equalTo("2026-01-01"))
        .body("effectiveTo", equalTo(null))
        .body("notes", equalTo("new"));
    // what the export writes now imports as no change
    csv(exportCsv()).post("/api/v1/ruleset").then().statusCode(200).body("changes", equalTo(0));
    // a merge of one line changes that rule alone
    csv(HEADER + "\n" + rule(id, "PROHIBITED", "x"))
        .post("/api/v1/ruleset")
        .then()
        .statusCode(200)
        .body("diff.changed.id", contains(id))
        .body("diff.added", empty())
        .body("diff.removed", empty());
    given().get("/api/v1/rules/" + id).then().body("status", equalTo("PROHIBITED"));
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "a status that is not one",
            rule("GB-bad-1", "ALLOWED", "x"),
            2,
            "status",
            "'ALLOWED' is not a status"),
        Arguments.of(
            "a date that is not one",
            rule("GB-bad-2", "PERMITTED", "x").replace("2026-01-01", "2026-13-01"),
            2,
            "effectiveFrom",
            "YYYY-MM-DD"),
        Arguments.of(
            "a source the table does not have",
            rule("GB-bad-3", "PERMITTED", "x").replace(",plant,", ",unicorn,"),
            2,
            "source",
            "unicorn"),
        Arguments.of("a line with a cell too few", "GB-bad-4,exosome,GB\n", 2, "", "has 3 cells"),
        Arguments.of(
            "one id twice",
            rule("GB-bad-5", "PERMITTED", "x") + rule("GB-bad-5", "PERMITTED", "y"),
            4,
            "id",
            "also the id on line 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aBadLineIsRefusedByLineAndColumnAndNothingIsWritten(
      String description, String lines, int line, String column, String message) {
    String before = exportCsv();
    String field = "line " + line + (column.isEmpty() ? "" : ": " + column);
    csv(HEADER + "\n" + lines)
        .post("/api/v1/ruleset")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field))
        .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    assertEquals(before, exportCsv());
  }

  @Test
  void aHeaderWithAnUnknownOrMissingColumnIsRefused() {
    csv(HEADER.replace(",notes", ",colour") + "\n")
        .post("/api/v1/ruleset")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("line 1: colour", "line 1: notes"));
  }

  @Test
  void aCsvImportNeedsAKeyThatMayEditTheLaw() {
    given()
        .contentType("text/csv")
        .body(HEADER + "\n")
        .post("/api/v1/ruleset")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }
}
