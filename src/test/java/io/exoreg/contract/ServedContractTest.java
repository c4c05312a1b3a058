package io.exoreg.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check every test's answers go through refuses an answer that strays from the served document
 * in any way: a field it does not declare, a wrong type, a null it does not allow, a status code or
 * a content type it does not list.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ServedContractTest {
  private static final String RULE = "/api/v1/rules/GB-any-source-injection";

  private OpenApiInteractionValidator validator;
  private String rule;

  @BeforeEach
  void readTheDocumentAndARule() {
    validator =
        ServedContract.validator(
            ServedContract.document(RestAssured.baseURI + ":" + RestAssured.port));
    rule = given().get(RULE).then().statusCode(200).extract().asString();
  }

  private List<String> problems(int status, String contentType, String body) {
    ValidationReport report =
        validator.validate(
            new SimpleRequest.Builder(Request.Method.GET, RULE).build(),
            SimpleResponse.Builder.status(status)
                .withContentType(contentType)
                .withBody(body)
                .build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(ValidationReport.Message::getKey)
        .toList();
  }

  @Test
  void theRuleAsServedMatchesTheDocument() {
    assertEquals(List.of(), problems(200, "application/json", rule));
  }

  @Test
  void aFieldTheDocumentDoesNotDeclareIsRefused() {
    assertTrue(
        problems(200, "application/json", rule.replaceFirst("\\{", "{\"stray\":1,"))
            .contains("validation.response.body.schema.additionalProperties"));
  }

  @Test
  void aValueOfTheWrongTypeIsRefused() {
    assertTrue(
        problems(
                200,
                "application/json",
                rule.replace("\"status\":\"NOT_APPROVED\"", "\"status\":3"))
            .stream()
            .anyMatch(key -> key.startsWith("validation.response.body.schema")));
  }

  @Test
  void aValueOutsideItsEnumIsRefused() {
    assertTrue(
        problems(
                200,
                "application/json",
                rule.replace("\"confidence\":\"medium\"", "\"confidence\":\"certain\""))
            .contains("validation.response.body.schema.enum"));
  }

  @Test
  void aNullWhereTheDocumentPromisesAValueIsRefused() {
    assertTrue(
        problems(
                200,
                "application/json",
                rule.replace("\"id\":\"GB-any-source-injection\"", "\"id\":null"))
            .contains("validation.response.body.schema.type"));
  }

  @Test
  void aMissingRequiredFieldIsRefused() {
    assertTrue(
        problems(200, "application/json", rule.replaceFirst("\"notes\":(null|\"[^\"]*\"),?", ""))
            .contains("validation.response.body.schema.required"));
  }

  @Test
  void aStatusCodeTheDocumentDoesNotListIsRefused() {
    assertEquals(
        List.of("validation.response.status.unknown"),
        problems(418, "application/problem+json", "{}"));
  }

  @Test
  void aContentTypeTheDocumentDoesNotListIsRefused() {
    assertTrue(
        problems(200, "text/html", "<p>a rule</p>")
            .contains("validation.response.contentType.notAllowed"));
  }
}
