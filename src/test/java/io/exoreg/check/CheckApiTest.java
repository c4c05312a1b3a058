package io.exoreg.check;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Catalogue checks over HTTP: each case is a request and the report it must produce. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class CheckApiTest {

  /** A request and what its JSON report must say, path by path. */
  record Case(
      String description,
      String query,
      String contentType,
      String body,
      int httpStatus,
      Map<String, Matcher<?>> report) {
    @Override
    public String toString() {
      return description;
    }
  }

  static String product(String sku, String sources, String methods, String markets) {
    String ingredients =
        Stream.of(sources.split(","))
            .map(s -> "{\"ingredient\":\"exosome\",\"source\":\"" + s + "\"}")
            .collect(Collectors.joining(","));
    return "{\"sku\":\"%s\",\"name\":\"%s product\",\"ingredients\":[%s],\"deliveryMethods\":[%s],\"markets\":[%s]}"
        .formatted(sku, sku, ingredients, quoted(methods), quoted(markets));
  }

  static String catalogue(String... products) {
    return "{\"at\":\"2026-11-25\",\"products\":[" + String.join(",", products) + "]}";
  }

  private static String quoted(String list) {
    return Stream.of(list.split(",")).map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
  }

  static Map<String, Matcher<?>> expect(Object... pathsAndMatchers) {
    Map<String, Matcher<?>> expected = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndMatchers.length; i += 2) {
      expected.put((String) pathsAndMatchers[i], (Matcher<?>) pathsAndMatchers[i + 1]);
    }
    return expected;
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "a product failing in one market and passing in another",
            "",
            "application/json",
            catalogue(product("SERUM", "salmon", "topical", "GB,SG")),
            422,
            expect(
                "passed", equalTo(false),
                "results.market", contains("GB", "SG"),
                "results.status", contains("PERMITTED", "UNKNOWN"),
                "results.outcome", contains("pass", "fail"),
                "results[0].findings[0].decidingRules",
                    containsInAnyOrder("GB-non-human-topical", "GB-animal-skin-application"),
                "results[1].findings[0].decidingRules", hasSize(0),
                "results[0].findings[0].coverage", equalTo("rules"),
                "results[0].findings[0].decidingCases.source", contains("salmon"),
                "results[1].findings[0].coverage", equalTo("none"),
                "summary.PERMITTED", equalTo(1),
                "summary.UNKNOWN", equalTo(1),
                "failures", equalTo(1))),
        new Case(
            "only RESTRICTED results pass, with warnings",
            "",
            "application/json",
            catalogue(product("BOOST", "Bos taurus", "topical,microneedling", "UK,EU")),
            200,
            expect(
                "passed", equalTo(true),
                "results.status", contains("RESTRICTED", "RESTRICTED"),
                "results.outcome", contains("warn", "warn"),
                "warnings", equalTo(2),
                "results[1].findings.find { it.deliveryMethod == 'microneedling' }.decidingRules",
                    containsInAnyOrder("EU-bovine-skin-application", "EU-non-human-microneedling"),
                "results[1].findings.find { it.deliveryMethod == 'microneedling' }.conditions",
                    hasSize(2),
                "rules.'EU-bovine-skin-application'.legalBasis.url", startsWith("https://"))),
        new Case(
            "a product declared with a broad source and method fails at failOn=RESTRICTED and"
                + " names the narrower cases its status comes from",
            "failOn=RESTRICTED",
            "application/json",
            catalogue(product("ANIMAL", "animal", "skin-application", "GB")),
            422,
            expect(
                "passed", equalTo(false),
                "results[0].status", equalTo("RESTRICTED"),
                "results[0].outcome", equalTo("fail"),
                "results[0].findings[0].decidingCases.source", contains("bovine", "animal"),
                "results[0].findings[0].decidingCases.deliveryMethod",
                    contains("skin-application", "microneedling"),
                "results[0].findings[0].decidingCases.status", contains("RESTRICTED", "RESTRICTED"),
                "results[0].findings[0].coverage", equalTo("rules"),
                "results[0].findings[0].decidingRules",
                    contains("GB-bovine-skin-application", "GB-non-human-microneedling"),
                "results[0].findings[0].explanation",
                    containsString(
                        "RESTRICTED for bovine x skin-application (GB-bovine-skin-application)"
                            + " and for animal x microneedling (GB-non-human-microneedling)"))),
        new Case(
            "a polynucleotide skin booster: a device in Korea and Great Britain, not approved in"
                + " the United States",
            "failOn=NOT_APPROVED",
            "application/json",
            "{\"at\":\"2026-11-25\",\"products\":[{\"sku\":\"PN-BOOST\",\"ingredients\":"
                + "[{\"ingredient\":\"PDRN\",\"source\":\"salmon\"}],"
                + "\"deliveryMethods\":[\"skin booster injection\"],"
                + "\"markets\":[\"South Korea\",\"UK\",\"USA\"]}]}",
            422,
            expect(
                "results.market", contains("KR", "GB", "US"),
                "results.status", contains("RESTRICTED", "RESTRICTED", "NOT_APPROVED"),
                "results.outcome", contains("warn", "warn", "fail"),
                "results[0].findings[0].ingredient", equalTo("polynucleotide"),
                "results[0].findings[0].deliveryMethod", equalTo("intradermal-injection"),
                "results[0].findings[0].decidingRules",
                    contains("KR-polynucleotide-any-source-injection"),
                "results[2].findings[0].decidingRules",
                    contains("US-polynucleotide-any-source-injection"))),
        new Case(
            "UNKNOWN fails by default",
            "",
            "application/json",
            catalogue(product("PLANT", "plant", "topical", "SG")),
            422,
            expect(
                "passed",
                equalTo(false),
                "failOn",
                equalTo("UNKNOWN"),
                "results[0].status",
                equalTo("UNKNOWN"))),
        new Case(
            "failOn=PROHIBITED lets NOT_APPROVED pass, as a warning",
            "failOn=PROHIBITED",
            "application/json",
            catalogue(product("SCALP", "salmon", "scalp-injection", "GB")),
            200,
            expect(
                "passed", equalTo(true),
                "failOn", equalTo("PROHIBITED"),
                "results[0].status", equalTo("NOT_APPROVED"),
                "results[0].outcome", equalTo("warn"),
                "results[0].findings[0].decidingRules", contains("GB-any-source-injection"))),
        new Case(
            "the same NOT_APPROVED fails by default",
            "",
            "application/json",
            catalogue(product("SCALP", "salmon", "scalp-injection", "GB")),
            422,
            expect("results[0].outcome", equalTo("fail"))),
        new Case(
            "several ingredients and methods in one product: the most severe decides",
            "",
            "application/json",
            catalogue(product("DUO", "salmon,human-adipose-msc", "topical,microneedling", "FR")),
            422,
            expect(
                "results", hasSize(1),
                "results[0].status", equalTo("PROHIBITED"),
                "results[0].findings", hasSize(4),
                "results[0].findings.status",
                    contains("PERMITTED", "RESTRICTED", "PROHIBITED", "PROHIBITED"),
                "results[0].findings.source",
                    contains("salmon", "salmon", "human-adipose-msc", "human-adipose-msc"),
                "results[0].findings.deliveryMethod",
                    contains("topical", "microneedling", "topical", "microneedling"),
                "summary.PROHIBITED", equalTo(1))),
        new Case(
            "warnOn=NOT_APPROVED keeps RESTRICTED silent",
            "warnOn=NOT_APPROVED",
            "application/json",
            catalogue(product("BOOST", "bovine", "topical", "GB")),
            200,
            expect("results[0].outcome", equalTo("pass"), "warnings", equalTo(0))),
        new Case(
            "a CSV catalogue with aliases, grouped by sku",
            "at=2026-11-25",
            "text/csv",
            "sku,name,ingredient,source,deliveryMethod,market\n"
                + "A,\"Serum, 30 ml\",EVs,E50,serum,uk\n"
                + "A,\"Serum, 30 ml\",exosome,salmon,microneedling,uk\n"
                + "B,Booster,exosome,plant,mesotherapy,fr\n",
            422,
            expect(
                "results.sku", contains("A", "B"),
                "results[0].name", equalTo("Serum, 30 ml"),
                "results[0].market", equalTo("GB"),
                "results[0].findings.deliveryMethod", contains("topical", "microneedling"),
                "results[0].status", equalTo("RESTRICTED"),
                "results[1].findings[0].deliveryMethod", equalTo("intradermal-injection"),
                "results[1].status", equalTo("NOT_APPROVED"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void producesTheExpectedReport(Case c) {
    ValidatableResponse response =
        given()
            .contentType(c.contentType())
            .body(c.body())
            .post("/api/v1/checks" + (c.query().isEmpty() ? "" : "?" + c.query()))
            .then()
            .statusCode(c.httpStatus())
            .contentType(startsWith("application/json"))
            .body("rulesetRevision", equalTo(1))
            .body("at", equalTo("2026-11-25"));
    c.report().forEach((path, matcher) -> response.body(path, matcher));
  }

  @Test
  void theCsvFormOfTheExampleCatalogueGivesTheSameReportAsItsJsonForm() throws IOException {
    String json = Files.readString(Path.of("examples", "catalogue.json"));
    String csv = Files.readString(Path.of("examples", "catalogue.csv"));
    String fromJson =
        given()
            .contentType("application/json")
            .body(json)
            .post("/api/v1/checks?at=2026-11-25")
            .asString();
    String fromCsv =
        given().contentType("text/csv").body(csv).post("/api/v1/checks?at=2026-11-25").asString();
    assertEquals(JsonPath.from(fromJson).getMap(""), JsonPath.from(fromCsv).getMap(""));
    JsonPath report = JsonPath.from(fromJson);
    assertEquals(14, report.getList("results").size());
    assertEquals(
        List.of("RESTRICTED", "RESTRICTED", "NOT_APPROVED"),
        report.getList("results.findAll { it.sku == 'PN-BOOSTER-2ML' }.status"));
    assertEquals(
        List.of("polynucleotide"),
        report.getList("results.findAll { it.sku == 'PDRN-CREAM-50' }.findings.ingredient").stream()
            .flatMap(i -> ((List<?>) i).stream())
            .distinct()
            .toList());
  }

  record BadCase(
      String description, String contentType, String body, String field, String message) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<BadCase> badCatalogues() {
    String header = "sku,name,ingredient,source,deliveryMethod,market\n";
    return Stream.of(
        new BadCase(
            "malformed JSON", "application/json", "{\"products\": [", "body", "not valid JSON"),
        new BadCase("an empty body", "application/json", "", "body", "empty"),
        new BadCase(
            "an unknown source, named with its sku",
            "application/json",
            catalogue(product("SERUM", "unicorn", "topical", "GB")),
            "products[0].ingredients[0].source",
            "product SERUM: unknown source 'unicorn'"),
        new BadCase(
            "an unknown market",
            "application/json",
            catalogue(product("SERUM", "salmon", "topical", "XX")),
            "products[0].markets[0]",
            "product SERUM: unknown jurisdiction 'XX'"),
        new BadCase(
            "a missing field",
            "application/json",
            "{\"products\":[{\"sku\":\"S1\",\"ingredients\":[{\"source\":\"salmon\"}],\"deliveryMethods\":[\"topical\"]}]}",
            "products[0].markets",
            "product S1: is required"),
        new BadCase(
            "a misspelt field",
            "application/json",
            "{\"products\":[{\"sku\":\"S1\",\"market\":[\"GB\"]}]}",
            "products[0].market",
            "is not a field"),
        new BadCase(
            "a field of the wrong type",
            "application/json",
            "{\"products\":[{\"sku\":\"S1\",\"markets\":\"GB\"}]}",
            "products[0].markets",
            "wrong type"),
        new BadCase(
            "a CSV line with an unknown source",
            "text/csv",
            header + "A,Serum,exosome,salmon,topical,GB\nA,Serum,exosome,unicorn,topical,GB\n",
            "line 3, source",
            "product A: unknown source 'unicorn'"),
        new BadCase(
            "a CSV line with a missing field",
            "text/csv",
            header + "A,Serum,exosome,salmon,topical\n",
            "line 2",
            "each line needs 6"),
        new BadCase(
            "a CSV with the wrong header",
            "text/csv",
            "sku,name,source,method,market\nA,Serum,salmon,topical,GB\n",
            "line 1",
            "the header must be"),
        new BadCase(
            "a CSV with an unterminated quote",
            "text/csv",
            header + "A,\"Serum,exosome,salmon,topical,GB\n",
            "line",
            "not valid CSV"),
        new BadCase(
            "an unknown format",
            "application/json",
            catalogue(product("S", "salmon", "topical", "GB")),
            "format",
            "'pdf' is not one of"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCatalogues")
  void refusesABadCatalogueNamingTheProductOrLineAndTheField(BadCase c) {
    given()
        .contentType(c.contentType())
        .body(c.body())
        .post("/api/v1/checks" + (c.field().equals("format") ? "?format=pdf" : ""))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(startsWith(c.field())))
        .body("errors.message", hasItem(containsString(c.message())));
  }

  @Test
  void overTheProductLimitIs413QuotingTheLimitBeforeAnyCodeIsRead() {
    String products =
        IntStream.range(0, 10_001)
            .mapToObj(i -> product("P" + i, "unicorn", "nowhere", "XX"))
            .collect(Collectors.joining(","));
    given()
        .contentType("application/json")
        .body(catalogue(products))
        .post("/api/v1/checks")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", containsString("10001 products; the limit is 10000 per request"));
  }

  @Test
  void overTheCombinationLimitIs413() {
    String sources =
        IntStream.range(0, 1001).mapToObj(i -> "s" + i).collect(Collectors.joining(","));
    String methods =
        IntStream.range(0, 1000).mapToObj(i -> "m" + i).collect(Collectors.joining(","));
    given()
        .contentType("application/json")
        .body(catalogue(product("BIG", sources, methods, "GB")))
        .post("/api/v1/checks")
        .then()
        .statusCode(413)
        .body("detail", containsString("1001000 combinations"))
        .body("detail", containsString("the limit is 1000000"));
  }

  @Test
  void acceptChoosesTheFormatAndFormatOverridesAccept() {
    String body = catalogue(product("SERUM", "salmon", "topical", "GB"));
    given()
        .accept("application/sarif+json")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/checks")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/sarif+json"))
        .body("version", equalTo("2.1.0"));
    given()
        .accept("application/xml")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/checks")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/xml"));
    given()
        .accept("text/plain")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/checks")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/plain"))
        .body(startsWith("exoreg catalogue check: PASSED"));
    given()
        .accept("application/xml")
        .contentType("application/json")
        .body(body)
        .post("/api/v1/checks?format=json")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"))
        .body("passed", equalTo(true));
  }

  @Test
  void theTextReportIsReadableInACiLog() {
    String text =
        given()
            .contentType("application/json")
            .body(
                catalogue(
                    product("SERUM", "salmon", "topical,scalp-injection", "GB,KR"),
                    product("BOOST", "bovine", "topical", "GB")))
            .post("/api/v1/checks?format=text")
            .then()
            .statusCode(422)
            .contentType(startsWith("text/plain"))
            .extract()
            .asString();
    assertTrue(text.startsWith("exoreg catalogue check: FAILED\n"), text);
    assertTrue(text.contains("3 product x market results: 2 failed, 1 warned, 0 passed"), text);
    assertTrue(text.contains("FAIL  SERUM/GB  NOT_APPROVED  SERUM product"), text);
    assertTrue(
        text.contains("exosome/salmon x scalp-injection: NOT_APPROVED (GB-any-source-injection)"),
        text);
    assertTrue(text.contains("WARN  BOOST/GB  RESTRICTED"), text);
    assertTrue(text.contains("condition: "), text);
    assertTrue(text.contains("basis: "), text);
  }

  @Test
  void theGithubReportIsWorkflowCommands() {
    String lines =
        given()
            .contentType("application/json")
            .body(
                catalogue(
                    product("SERUM", "salmon", "scalp-injection", "GB"),
                    product("BOOST", "bovine", "topical", "GB"),
                    product("OK", "salmon", "topical", "GB")))
            .post("/api/v1/checks?format=github")
            .then()
            .statusCode(422)
            .extract()
            .asString();
    List<String> commands = lines.lines().toList();
    assertEquals(3, commands.size(), lines);
    assertTrue(
        commands
            .get(0)
            .startsWith("::error title=SERUM/GB NOT_APPROVED::exosome/salmon x scalp-injection"),
        lines);
    assertTrue(commands.get(1).startsWith("::warning title=BOOST/GB RESTRICTED::"), lines);
    assertTrue(
        commands
            .get(2)
            .startsWith(
                "::notice title=exoreg catalogue check::failed: 3 product x market results, 1 failed, 1 warned"),
        lines);
  }

  @Test
  void theExampleCataloguesFailAndPassAsTheReadmeSays() throws IOException {
    for (String[] example :
        new String[][] {
          {"examples/catalogue.json", "application/json"},
          {"examples/catalogue.csv", "text/csv"}
        }) {
      JsonPath failing =
          given()
              .contentType(example[1])
              .body(Files.readString(Path.of(example[0])))
              .post("/api/v1/checks?at=2026-12-01")
              .then()
              .statusCode(422)
              .extract()
              .jsonPath();
      List<String> failed =
          failing.getList(
              "results.findAll { it.outcome == 'fail' }.collect { it.sku + '/' + it.market }");
      assertEquals(
          List.of("HAIR-ASCE-KIT/KR", "HAIR-ASCE-KIT/JP", "PN-BOOSTER-2ML/US"), failed, example[0]);
    }
    given()
        .contentType("application/json")
        .body(Files.readString(Path.of("examples/catalogue-passing.json")))
        .post("/api/v1/checks?at=2026-12-01")
        .then()
        .statusCode(200)
        .body("passed", equalTo(true))
        .body("results.market", containsInAnyOrder("GB", "FR", "DE"));
  }
}
