package io.exoreg.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every answer a test receives from {@code /api/} is checked against the OpenAPI document the
 * answering application serves: a field the document does not declare, a wrong type, a null where
 * it promises a value, a status code or content type it does not list, each fails the test.
 * Requests are not checked, so that tests may send malformed ones on purpose.
 *
 * <p>It installs itself as a global REST-assured filter before each test: as a Quarkus callback for
 * {@code @QuarkusTest} classes, which run in the application's class loader, and as an
 * auto-detected JUnit extension for the others (the tests of the packaged application).
 */
public class ServedContract
    implements OrderedFilter, BeforeEachCallback, QuarkusTestBeforeEachCallback {
  private static final Map<String, OpenApiValidationFilter> BY_ORIGIN = new ConcurrentHashMap<>();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Override
  public void beforeEach(ExtensionContext context) {
    install();
  }

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    install();
  }

  /** Puts the check among REST-assured's global filters, once. */
  public static synchronized void install() {
    if (RestAssured.filters().stream().noneMatch(ServedContract.class::isInstance)) {
      RestAssured.filters(new ServedContract());
    }
  }

  /** The validator of a document: answers are checked, requests are not. */
  public static OpenApiInteractionValidator validator(String document) {
    return OpenApiInteractionValidator.createForInlineApiSpecification(document)
        .withLevelResolver(
            LevelResolver.create()
                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                .build())
        .build();
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext context) {
    URI uri = URI.create(request.getURI());
    if (!uri.getPath().startsWith("/api/")) {
      return context.next(request, response);
    }
    String origin = uri.getScheme() + "://" + uri.getAuthority();
    return BY_ORIGIN
        .computeIfAbsent(origin, o -> new OpenApiValidationFilter(validator(document(o))))
        .filter(request, response, context);
  }

  /** The OpenAPI document the application at this origin serves. */
  public static String document(String origin) {
    try {
      HttpResponse<String> served =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (served.statusCode() != 200) {
        throw new IllegalStateException(
            origin + "/q/openapi answered " + served.statusCode() + ": " + served.body());
      }
      return served.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int getOrder() {
    // outermost, so that it sees the answer exactly as the test will
    return OrderedFilter.HIGHEST_PRECEDENCE;
  }
}
