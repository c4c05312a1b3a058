package io.exoreg.http;

import static io.exoreg.ruleset.Rulesets.JSON;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * An example per operation, as the service answered it: {@code openapi-examples.json} holds, by
 * operation id, the status, media type and body of one real exchange on the default table, the body
 * sent with it and the path parameters it named (scripts/openapi-examples.py writes it from a
 * running instance; the suite checks every operation has one and each matches the document).
 */
final class ApiExamples {
  static final String RESOURCE = "openapi-examples.json";

  /** One exchange as recorded. */
  record Example(
      int status,
      String mediaType,
      Object response,
      Object request,
      Map<String, String> parameters) {}

  private ApiExamples() {}

  static void attach(OpenAPI openAPI) {
    Map<String, Example> examples = load();
    openAPI
        .getPaths()
        .getPathItems()
        .values()
        .forEach(
            item ->
                item.getOperations()
                    .values()
                    .forEach(
                        operation -> {
                          Example example = examples.get(operation.getOperationId());
                          if (example != null) {
                            attach(operation, example);
                          }
                        }));
  }

  private static void attach(Operation operation, Example example) {
    if (example.response() != null && operation.getResponses() != null) {
      APIResponse response =
          operation.getResponses().getAPIResponse(Integer.toString(example.status()));
      MediaType media =
          response == null || response.getContent() == null
              ? null
              : response.getContent().getMediaType(example.mediaType());
      if (media != null) {
        media.setExample(example.response());
      }
    }
    if (example.request() != null
        && operation.getRequestBody() != null
        && operation.getRequestBody().getContent() != null) {
      MediaType body = operation.getRequestBody().getContent().getMediaType("application/json");
      if (body != null) {
        body.setExample(example.request());
      }
    }
    if (example.parameters() != null && operation.getParameters() != null) {
      operation
          .getParameters()
          .forEach(
              parameter -> {
                String value = example.parameters().get(parameter.getName());
                if (value != null) {
                  parameter.setExample(value);
                }
              });
    }
  }

  private static Map<String, Example> load() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Map.of();
      }
      return JSON.readValue(in, new TypeReference<Map<String, Example>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
