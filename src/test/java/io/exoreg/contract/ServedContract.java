package io.exoreg.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Map<String, OpenApiInteractionValidator> BY_ORIGIN =
      new ConcurrentHashMap<>();
  private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
  private static final Pattern URI_PARTS = Pattern.compile("([a-z]+://[^/?#]+)([^?#]*).*");

  /** No operation can be matched to a path that does not decode; the service answers 400. */
  private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

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
    // a test may send a request line no URI parser takes (a broken escape): read it as text
    Matcher uri = URI_PARTS.matcher(request.getURI());
    if (!uri.matches()
        || !uri.group(2).startsWith("/api/")
        || BROKEN_ESCAPE.matcher(request.getURI()).find()) {
      return context.next(request, response);
    }
    OpenApiInteractionValidator validator =
        BY_ORIGIN.computeIfAbsent(uri.group(1), origin -> validator(document(origin)));
    Response answer = context.next(request, response);
    // the same answer to the same request is checked once: a soak test reads one export often
    String exchange =
        String.join(
            " ",
            request.getMethod(),
            request.getURI(),
            Integer.toString(answer.statusCode()),
            String.valueOf(answer.contentType()),
            digest(answer.asByteArray()));
    if (!CHECKED.contains(exchange)) {
      ValidationReport report =
          validator.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(answer));
      if (report.hasErrors()) {
        throw new OpenApiValidationFilter.OpenApiValidationException(report);
      }
      if (CHECKED.size() < 100_000) {
        CHECKED.add(exchange);
      }
    }
    return answer;
  }

  private static String digest(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
