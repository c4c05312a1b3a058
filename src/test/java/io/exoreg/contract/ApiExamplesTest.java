package io.exoreg.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the served document carries an example (of its answer, of the body it takes,
 * or of the path parameter it names), and every example of an answer is one the document allows.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ApiExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METHODS = List.of("get", "post", "put", "delete");

  @Test
  void everyOperationHasAnExampleAndEachAnswerExampleMatchesTheDocument() throws Exception {
    String served =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    JsonNode document = JSON.readTree(served);
    OpenApiInteractionValidator validator = ServedContract.validator(served);
    List<String> without = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    int answers = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : METHODS) {
        JsonNode operation = path.getValue().get(method);
        if (operation == null) {
          continue;
        }
        String id = operation.get("operationId").asText();
        boolean found = false;
        for (JsonNode parameter : operation.path("parameters")) {
          found |= parameter.has("example");
        }
        found |=
            operation.path("requestBody").path("content").path("application/json").has("example");
        for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
            responses.hasNext(); ) {
          Map.Entry<String, JsonNode> response = responses.next();
          for (Iterator<Map.Entry<String, JsonNode>> types =
                  response.getValue().path("content").fields();
              types.hasNext(); ) {
            Map.Entry<String, JsonNode> type = types.next();
            if (!type.getValue().has("example")) {
              continue;
            }
            found = true;
            answers++;
            ValidationReport report =
                validator.validateResponse(
                    path.getKey(),
                    Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
                    SimpleResponse.Builder.status(Integer.parseInt(response.getKey()))
                        .withContentType(type.getKey())
                        .withBody(JSON.writeValueAsString(type.getValue().get("example")))
                        .build());
            if (report.hasErrors()) {
              invalid.add(id + ": " + report.getMessages());
            }
          }
        }
        if (!found) {
          without.add(id);
        }
      }
    }
    assertEquals(List.of(), without, "operations without an example");
    assertEquals(List.of(), invalid, "examples the document does not allow");
    assertFalse(answers < 30, "too few answer examples to mean anything: " + answers);
  }
}
