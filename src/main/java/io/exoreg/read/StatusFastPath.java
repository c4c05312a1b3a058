package io.exoreg.read;

import io.exoreg.decision.Policy;
import io.exoreg.decision.RuleTable;
import io.exoreg.http.Accept;
import io.exoreg.http.HttpGuard;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * A front for {@code GET /api/v1/status} on the event loop: a valid question of today whose answer
 * this snapshot already holds is sent straight from memory, with its tag and a 304 when the client
 * holds it. Everything else (a first ask, another day, any invalid, unknown or repeated parameter)
 * goes on to {@link StatusResource}, which decides, keeps the answer and reports errors. The two
 * answer alike, byte for byte.
 */
@ApplicationScoped
public class StatusFastPath {
  private final CurrentTable current;
  private final Answers answers;
  private final String defaultIngredient;
  private final Set<String> parameters = QueryParameters.known(StatusResource.class, "status");

  public StatusFastPath(CurrentTable current, Answers answers, ExoregConfig config) {
    this.current = current;
    this.answers = answers;
    this.defaultIngredient = config.defaultIngredient();
  }

  private static final String PATH = "/api/v1/status";

  void install(@Observes Router router) {
    // Right after the guard: a kept answer needs no identity (reads are public and authentication
    // is not proactive), and the metrics get its template from here rather than from matching the
    // path against every resource on each request.
    router.get(PATH).order(HttpGuard.ORDER + 1).handler(this::answer);
  }

  private void answer(RoutingContext context) {
    String accept = context.request().getHeader(HttpHeaders.ACCEPT);
    if (accept != null && !Accept.of(accept).accepts(MediaType.APPLICATION_JSON)) {
      context.next(); // the resource says what it can offer instead
      return;
    }
    RuleTable table = current.get().orElse(null);
    if (table == null) {
      context.next();
      return;
    }
    String query = context.request().query();
    Answers.Answer answer = answers.keptForQuery(table, query);
    if (answer == null) {
      String key = key(table, context.queryParams());
      answer = key == null ? null : answers.kept(table, key);
      if (answer == null) {
        context.next();
        return;
      }
      answers.rememberQuery(table, query, key);
    }
    answer.tally().record();
    HttpGuard.tagTemplate(PATH);
    String tag = answer.header();
    String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    var response =
        context
            .response()
            .putHeader(HttpHeaders.ETAG, tag)
            .putHeader(HttpHeaders.CACHE_CONTROL, answers.cacheControl());
    if (ifNoneMatch != null && HttpCaching.matches(ifNoneMatch, answer.tag())) {
      response.setStatusCode(304).end();
    } else {
      response
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
          .end(answer.buffer());
    }
  }

  /**
   * The canonical question of a valid question of today, or null for the resource to answer. A
   * question that asks for a receipt is never one: its answer is signed anew each time, so its
   * query is never remembered either.
   */
  private String key(RuleTable table, MultiMap params) {
    if (params.contains("receipt")) {
      return null;
    }
    for (String name : params.names()) {
      if (params.getAll(name).size() > 1 || !parameters.contains(name)) {
        return null; // the resource names it
      }
    }
    String at = params.get("at");
    LocalDate today = answers.today();
    if (at != null && !at.isBlank()) {
      try {
        if (!LocalDate.parse(at.strip()).equals(today)) {
          return null;
        }
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    String ingredient = params.get("ingredient");
    String ingredientId =
        table
            .ingredients()
            .resolve(ingredient == null || ingredient.isBlank() ? defaultIngredient : ingredient)
            .orElse(null);
    String jurisdiction = table.jurisdictions().resolve(params.get("jurisdiction")).orElse(null);
    String source = table.sources().resolve(params.get("source")).orElse(null);
    String method = table.deliveryMethods().resolve(params.get("deliveryMethod")).orElse(null);
    if (ingredientId == null || jurisdiction == null || source == null || method == null) {
      return null;
    }
    String policy = params.get("policy");
    String policyId = null;
    if (policy != null && !policy.isBlank()) {
      policyId = table.policy(policy.strip()).map(Policy::id).orElse(null);
      if (policyId == null) {
        return null; // another spelling, or no such policy: the resource finds or names it
      }
    }
    return Answers.statusKey(ingredientId, jurisdiction, source, method, today, policyId);
  }
}
