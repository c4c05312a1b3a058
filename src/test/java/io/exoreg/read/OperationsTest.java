package io.exoreg.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, OpenAPI and Swagger UI. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class OperationsTest {

  @Test
  void readyOnceTheSnapshotIsLoaded() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'rule-table' }.data.revision", equalTo(1));
  }

  @Test
  void openApiDescribesEveryEndpointWithParametersAndSchemas() {
    var api = given().accept("application/json").get("/q/openapi").then().statusCode(200);
    for (String path :
        new String[] {
          "/api/v1/status",
          "/api/v1/matrix",
          "/api/v1/jurisdictions",
          "/api/v1/jurisdictions/{id}",
          "/api/v1/ingredients",
          "/api/v1/sources",
          "/api/v1/delivery-methods",
          "/api/v1/rules",
          "/api/v1/rules/{id}",
          "/api/v1/sources/{id}",
          "/api/v1/delivery-methods/{id}",
          "/api/v1/ingredients/{id}",
          "/api/v1/changes",
          "/api/v1/rules/{id}/history",
          "/api/v1/keys"
        }) {
      api.body("paths", hasKey(path));
      api.body(
          "paths.'" + path + "'.get.responses.'200'.content.'application/json'.schema",
          notNullValue());
    }
    api.body(
        "paths.'/api/v1/status'.get.parameters.name",
        hasItems("jurisdiction", "source", "deliveryMethod", "ingredient", "at"));
    api.body("components.schemas", hasKey("StatusAnswer"));
    api.body("components.schemas", hasKey("Problem"));
    api.body("paths.'/api/v1/rules'.post.requestBody", notNullValue());
    api.body("paths.'/api/v1/rules/{id}'.put", notNullValue());
    api.body("paths.'/api/v1/checks'.post.responses", hasKey("422"));
    api.body("paths.'/api/v1/ruleset'.post.parameters.name", hasItems("mode", "dryRun"));
    api.body("components.securitySchemes", hasKey("apiKey"));
  }

  @Test
  void openApiDescribesDecidingCasesAndCoverageInEveryStatusAnswer() {
    var api = given().accept("application/json").get("/q/openapi").then().statusCode(200);
    for (String schema : new String[] {"StatusAnswer", "MatrixCell", "Finding"}) {
      String properties = "components.schemas." + schema + ".properties";
      api.body(properties + ".decidingCases.type", equalTo("array"));
      api.body(properties + ".decidingCases.description", containsString("narrower"));
      api.body(properties + ".coverage.enum", contains("rules", "none"));
      api.body("components.schemas." + schema + ".required", hasItems("decidingCases", "coverage"));
    }
    api.body("components.schemas.Matrix.properties.coverage.enum", contains("rules", "none"));
    api.body(
        "components.schemas.DecidingCaseView.properties",
        allOf(hasKey("source"), hasKey("deliveryMethod"), hasKey("status")));
    api.body(
        "components.schemas.CaseFinding.properties",
        allOf(hasKey("source"), hasKey("deliveryMethod"), hasKey("status")));
  }

  @Test
  void swaggerUiIsServed() {
    // the page, and the document it loads: this service's own
    given()
        .get("/q/swagger-ui/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("swagger-ui"))
        .body(containsString("/q/openapi"));
  }
}
