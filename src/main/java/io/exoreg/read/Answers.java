package io.exoreg.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.decision.RuleTable;
import io.exoreg.metrics.DecisionMetrics;
import io.exoreg.runtime.ExoregConfig;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Serialized answers, kept per snapshot for today's questions: the first ask of a question decides
 * and serializes it, later asks send the same bytes. A new snapshot or a new day starts afresh;
 * questions about another day are answered exactly, and not kept.
 */
@ApplicationScoped
public class Answers {
  /** Enough for every source x method x jurisdiction of several ingredients, and bounded. */
  private static final int MAX_KEPT = 200_000;

  private final ObjectMapper json;
  private final Clock clock;
  private final String cacheControl;
  private volatile Generation generation = new Generation(null, null);

  public Answers(ObjectMapper json, Clock clock, ExoregConfig config) {
    this.json = json;
    this.clock = clock;
    this.cacheControl = "public, max-age=" + config.httpMaxAge();
  }

  /**
   * One answer as sent: its JSON, its strong tag, which names the revision and the question, and
   * the decisions it carries, counted each time it is served. The tag as the ETag header carries
   * it, and the body as a buffer the event loop sends read-only slices of, are made once here.
   */
  public static final class Answer {
    private final byte[] body;
    private final EntityTag tag;
    private final DecisionMetrics.Tally tally;
    private final String header;
    private final Buffer buffer;

    Answer(byte[] body, EntityTag tag, DecisionMetrics.Tally tally) {
      this.body = body;
      this.tag = tag;
      this.tally = tally;
      this.header = "\"" + tag.getValue() + "\"";
      this.buffer = Buffer.buffer(body);
    }

    byte[] body() {
      return body;
    }

    EntityTag tag() {
      return tag;
    }

    DecisionMetrics.Tally tally() {
      return tally;
    }

    String header() {
      return header;
    }

    Buffer buffer() {
      return buffer;
    }
  }

  /** The key of a status question, the same on every path that answers it. */
  static String statusKey(
      String ingredient, String jurisdiction, String source, String method, LocalDate at) {
    return "status:" + ingredient + ":" + jurisdiction + ":" + source + ":" + method + ":" + at;
  }

  /** The answer kept for this question of today, if it was asked of this snapshot before. */
  Answer kept(RuleTable table, String key) {
    Generation g = current(table);
    return g == null ? null : g.answers().get(key);
  }

  /** The answer kept for a query spelled exactly so, today, from this snapshot. */
  Answer keptForQuery(RuleTable table, String query) {
    Generation g = current(table);
    return g == null || query == null ? null : g.byQuery().get(query);
  }

  /** Remembers which answer a query, valid in full, spelled so, was given. */
  void rememberQuery(RuleTable table, String query, Answer answer) {
    Generation g = current(table);
    if (g != null && query != null && g.byQuery().size() < MAX_KEPT) {
      g.byQuery().putIfAbsent(query, answer);
    }
  }

  private Generation current(RuleTable table) {
    Generation g = generation;
    return g.table() == table && today().equals(g.day()) ? g : null;
  }

  String cacheControl() {
    return cacheControl;
  }

  /**
   * The answers of one snapshot on one day: by question, and by the exact query text that asked for
   * them (a request spelled as before needs no parsing at all).
   */
  private record Generation(
      RuleTable table,
      LocalDate day,
      ConcurrentHashMap<String, Answer> answers,
      ConcurrentHashMap<String, Answer> byQuery) {
    Generation(RuleTable table, LocalDate day) {
      this(table, day, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** What an answer is made of: the view to send, and the tally of the decisions in it. */
  record Computed(Object view, DecisionMetrics.Tally tally) {}

  /** The answer to the question {@code key} about day {@code at}, from {@code table}. */
  Answer answer(RuleTable table, String key, LocalDate at, Supplier<Computed> compute) {
    LocalDate today = today();
    if (!at.equals(today)) {
      return make(table, key, compute);
    }
    Generation g = generation;
    if (g.table() != table || !today.equals(g.day())) {
      g = new Generation(table, today);
      generation = g;
    }
    Answer answer = g.answers().get(key);
    if (answer == null) {
      answer = make(table, key, compute);
      if (g.answers().size() < MAX_KEPT) {
        g.answers().putIfAbsent(key, answer);
      }
    }
    return answer;
  }

  /** 304 when the client holds this answer already, else the answer with its tag. */
  Response respond(Answer answer, HttpHeaders headers) {
    answer.tally().record();
    String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && HttpCaching.matches(ifNoneMatch, answer.tag())) {
      return Response.notModified(answer.tag())
          .header(HttpHeaders.CACHE_CONTROL, cacheControl)
          .build();
    }
    return Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .tag(answer.tag())
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .build();
  }

  private Answer make(RuleTable table, String key, Supplier<Computed> compute) {
    try {
      Computed computed = compute.get();
      return new Answer(
          json.writeValueAsBytes(computed.view()),
          new EntityTag("r" + table.revision() + ":" + key),
          computed.tally());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An answer could not be written", e);
    }
  }
}
