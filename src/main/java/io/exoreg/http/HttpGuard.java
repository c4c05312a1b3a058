package io.exoreg.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.decision.RuleTable;
import io.exoreg.problem.Problem;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.DatabaseState;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The first route of every request. It names the request ({@value #REQUEST_ID}, in the response and
 * in every log line), refuses over-long request lines and bodies over the limit with a problem
 * document, refuses {@code TRACE}, and on every response sets the security headers and, while the
 * database cannot be reached, {@value #STALE} with the snapshot's revision and age in seconds:
 * {@code Exoreg-Stale: true; revision=12; age=34}.
 */
@ApplicationScoped
public class HttpGuard {
  static final String STALE = "Exoreg-Stale";

  /** The request's id: the client's, when it sends a sane one, else one made here. */
  static final String REQUEST_ID = "X-Request-Id";

  /**
   * Where the HTTP metrics look for the path template a request matched; the metrics tests read the
   * tags back, so a change of this key fails them.
   */
  private static final String URL_TEMPLATE = "UrlPathTemplate";

  /** The metrics tag of requests refused here, whatever their path. */
  static final String REFUSED = "REFUSED";

  /** The metrics tag of errors on paths that match no route template. */
  static final String UNMATCHED = "UNMATCHED";

  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence X_CONTENT_TYPE_OPTIONS =
      HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
  private static final CharSequence REFERRER_POLICY =
      HttpHeaders.createOptimized("Referrer-Policy");
  private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
  private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
  private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");

  /** The page loads its own script, style and data and nothing else, and is framed by no one. */
  static final String PAGE_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** Swagger UI runs an inline script to start. */
  static final String SWAGGER_POLICY =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

  private static final CharSequence PAGE_POLICY_VALUE = HttpHeaders.createOptimized(PAGE_POLICY);
  private static final CharSequence SWAGGER_POLICY_VALUE =
      HttpHeaders.createOptimized(SWAGGER_POLICY);

  private final CurrentTable current;
  private final DatabaseState database;
  private final ObjectMapper json;
  private final long maxBody;
  private final int maxUri;
  private final String instance =
      Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL, 36) + "-";
  private final AtomicLong sequence = new AtomicLong();

  public HttpGuard(
      CurrentTable current, DatabaseState database, ObjectMapper json, ExoregConfig config) {
    this.current = current;
    this.database = database;
    this.json = json;
    this.maxBody = config.maxBodySize().asLongValue();
    this.maxUri = config.maxUriLength();
  }

  /**
   * Where the guard stands among the routes: before authentication ({@code -200}) and everything
   * after it, so that it sees every request first.
   */
  public static final int ORDER = -210;

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::guard);
    router.route().order(ORDER).failureHandler(this::failed);
  }

  /** Tags the request in the HTTP metrics with the path template it matched. */
  public static void tagTemplate(String template) {
    Context vertx = Vertx.currentContext();
    if (vertx != null) {
      vertx.putLocal(URL_TEMPLATE, template);
    }
  }

  private void guard(RoutingContext context) {
    HttpServerRequest request = context.request();
    String requestId = request.getHeader(REQUEST_ID);
    if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
      requestId = instance + Long.toString(sequence.incrementAndGet(), 36);
    }
    // every log line of this request carries it, whichever thread writes the line
    MDC.put("requestId", requestId);
    context.response().putHeader(REQUEST_ID, requestId);
    context.addHeadersEndHandler(
        ignored -> {
          headers(request, context.response().headers());
          tagUnmatched(context.response().getStatusCode());
        });
    if (request.method() == HttpMethod.TRACE) {
      context.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, DELETE, OPTIONS");
      problem(context, 405, "TRACE is not served");
      return;
    }
    if (request.uri().length() > maxUri) {
      problem(
          context,
          414,
          "The request line is longer than " + maxUri + " characters; ask fewer questions at once");
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && tooLong(length)) {
      context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      problem(
          context,
          413,
          "The request body is larger than the limit of "
              + maxBody
              + " bytes (exoreg.http.max-body-size); split it");
      return;
    }
    context.next();
  }

  /**
   * An error on a path no route template matched (a 405 on {@code /api/v1/rules/x/y}, a 400 for a
   * broken escape) would be tagged in the HTTP metrics by its path, which any client can vary
   * without end; such answers share one tag instead.
   */
  private static void tagUnmatched(int status) {
    Context vertx = Vertx.currentContext();
    if (status >= 400 && vertx != null && vertx.getLocal(URL_TEMPLATE) == null) {
      vertx.putLocal(URL_TEMPLATE, UNMATCHED);
    }
  }

  private boolean tooLong(String length) {
    try {
      return Long.parseLong(length.strip()) > maxBody;
    } catch (NumberFormatException e) {
      return false; // the HTTP layer refuses a malformed length itself
    }
  }

  private void headers(HttpServerRequest request, MultiMap headers) {
    headers.set(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
    headers.set(REFERRER_POLICY, NO_REFERRER);
    headers.set(FRAME_OPTIONS, DENY);
    headers.set(
        CSP, request.path().startsWith("/q/swagger-ui") ? SWAGGER_POLICY_VALUE : PAGE_POLICY_VALUE);
    if (!database.reachable()) {
      RuleTable table = current.get().orElse(null);
      if (table != null) {
        headers.set(
            STALE,
            "true; revision=%d; age=%d"
                .formatted(table.revision(), database.snapshotAge().toSeconds()));
      }
    }
  }

  /**
   * Failures the HTTP layer raises before a resource is reached (a malformed percent-escape, a body
   * over its limit) become problem documents like every other error.
   */
  private void failed(RoutingContext context) {
    if (context.response().headWritten()) {
      context.next();
      return;
    }
    int status =
        context.failure() instanceof HttpException http
            ? http.getStatusCode()
            : context.statusCode();
    if (status < 400 || status >= 500) {
      context.next();
      return;
    }
    problem(
        context,
        status,
        switch (status) {
          case 400 -> "The request is malformed, for example a percent-escape that is not one";
          case 413 -> "The request body is larger than the limit of " + maxBody + " bytes";
          default -> "The request could not be served";
        });
  }

  private void problem(RoutingContext context, int status, String detail) {
    // the HTTP metrics tag a refused request by this, not by a path any client can vary
    tagTemplate(REFUSED);
    try {
      context
          .response()
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .end(Buffer.buffer(json.writeValueAsBytes(Problem.of(status, detail, null))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
