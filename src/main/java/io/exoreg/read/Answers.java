package io.exoreg.read;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exoreg.decision.RuleTable;
import io.exoreg.metrics.DecisionMetrics;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.runtime.ExoregConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.quarkus.runtime.Startup;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serialized answers, kept per snapshot for today's questions: the first ask of a question decides
 * and serializes it, later asks send the same bytes. A new snapshot or a new day starts afresh;
 * questions about another day are answered exactly, and not kept.
 *
 * <p>Answers are kept by canonical question (ids after aliases, case and trimming), so every
 * spelling of one question shares one entry, in a cache bounded by the bytes it holds ({@code
 * exoreg.kept-answers.max-size}). The exact query strings that asked for them are kept apart, by
 * the canonical question they name, within a byte bound of their own: any client can invent new
 * spellings without end, and they must not crowd out answers or the heap.
 *
 * <p>The rules an answer cites are most of its bytes, and the same for every answer that cites
 * them: a kept answer holds its own bytes and shares each cited rule's, serialized once per
 * snapshot and day, within a quarter of the bound.
 */
@ApplicationScoped
@Startup // its meters are there from the start
public class Answers {
  /**
   * What one entry costs beyond its strings and body: the cache's node, the key and answer objects,
   * the tag, the tally and the buffer's wrappers. Measured with a heap histogram, rounded up.
   */
  static final int ENTRY_OVERHEAD = 320;

  private final ObjectMapper json;

  /** The same mapper, writing each rule an answer cites as a NUL byte where its JSON goes. */
  private final ObjectMapper segmenting;

  private static final ThreadLocal<List<RuleEntry>> CITED = ThreadLocal.withInitial(ArrayList::new);
  private final Clock clock;
  private final String cacheControl;
  private final long maxBytes;
  private final long maxSpellingBytes;
  private volatile Generation generation;

  public Answers(ObjectMapper json, Clock clock, ExoregConfig config, MeterRegistry registry) {
    this.json = json;
    this.segmenting =
        json.copy()
            .registerModule(
                new SimpleModule()
                    .addSerializer(
                        RuleEntry.class,
                        new JsonSerializer<>() {
                          @Override
                          public void serialize(
                              RuleEntry rule, JsonGenerator out, SerializerProvider provider)
                              throws IOException {
                            CITED.get().add(rule);
                            out.writeRawValue("\u0000"); // JSON never holds a bare NUL
                          }
                        }));
    this.clock = clock;
    this.cacheControl = "public, max-age=" + config.httpMaxAge();
    this.maxBytes = config.keptAnswers().maxSize().asLongValue();
    this.maxSpellingBytes = config.keptAnswers().maxSpellingsSize().asLongValue();
    this.generation = new Generation(null, null, null, null, null); // matches no snapshot
    Gauge.builder("exoreg.kept.answers", this, a -> a.kept(Generation::answers, false))
        .description("Answers kept in memory for today's questions")
        .register(registry);
    Gauge.builder(
            "exoreg.kept.answers.size",
            this,
            a -> a.kept(Generation::answers, true) + a.generation.sharedSize())
        .baseUnit("bytes")
        .description(
            "Memory the kept answers take, as weighed against exoreg.kept-answers.max-size")
        .register(registry);
    Gauge.builder("exoreg.kept.spellings.size", this, a -> a.kept(Generation::spellings, true))
        .baseUnit("bytes")
        .description(
            "Memory the kept query spellings take, as weighed against"
                + " exoreg.kept-answers.max-spellings-size")
        .register(registry);
  }

  /** How many entries one of the current generation's caches holds, or how many bytes. */
  private double kept(Function<Generation, Cache<String, ?>> which, boolean bytes) {
    Generation g = generation;
    if (g.table() == null) {
      return 0;
    }
    Cache<String, ?> cache = which.apply(g);
    cache.cleanUp(); // evictions are done in the background; a reading counts only what remains
    return bytes
        ? cache.policy().eviction().orElseThrow().weightedSize().orElse(0)
        : cache.estimatedSize();
  }

  /**
   * One answer as sent: its JSON, its strong tag, which names the revision and the question, and
   * the decisions it carries, counted each time it is served. The tag as the ETag header carries it
   * is made once here; the body is held in parts, its own bytes and the cited rules' shared ones,
   * and sent as one buffer over them.
   */
  public static final class Answer {
    /** What a part costs beyond its bytes: its buffer's wrappers. */
    private static final int PART_OVERHEAD = 64;

    private final EntityTag tag;
    private final DecisionMetrics.Tally tally;
    private final String header;
    private final Buffer[] parts;
    private final int own;

    Answer(byte[] body, EntityTag tag, DecisionMetrics.Tally tally) {
      this(new Buffer[] {Buffer.buffer(body)}, body.length, tag, tally);
    }

    /** An answer of parts, of which {@code own} bytes are its alone. */
    Answer(Buffer[] parts, int own, EntityTag tag, DecisionMetrics.Tally tally) {
      this.tag = tag;
      this.tally = tally;
      this.header = "\"" + tag.getValue() + "\"";
      this.parts = parts;
      this.own = own;
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

    /** The body; a buffer of its own for each request, over the parts, which it does not copy. */
    Buffer buffer() {
      if (parts.length == 1) {
        return parts[0];
      }
      ByteBuf[] bytes = new ByteBuf[parts.length];
      for (int i = 0; i < parts.length; i++) {
        // sending releases the buffer it sends, never the parts, which other answers hold too
        bytes[i] = Unpooled.unreleasableBuffer(parts[i].getByteBuf());
      }
      return Buffer.buffer(Unpooled.wrappedUnmodifiableBuffer(bytes));
    }

    /** What keeping it costs, in bytes, as the cache weighs it; the shared parts are not its. */
    int weight(String key) {
      return ENTRY_OVERHEAD
          + own
          + PART_OVERHEAD * parts.length
          + 2 * (header.length() + key.length());
    }
  }

  /** The key of a status question, the same on every path that answers it. */
  static String statusKey(
      String ingredient,
      String jurisdiction,
      String source,
      String method,
      LocalDate at,
      String policy) {
    String key =
        "status:" + ingredient + ":" + jurisdiction + ":" + source + ":" + method + ":" + at;
    return policy == null ? key : key + ":policy:" + policy;
  }

  /** The answer kept for this question of today, if it was asked of this snapshot before. */
  Answer kept(RuleTable table, String key) {
    Generation g = current(table);
    return g == null ? null : g.answers().getIfPresent(key);
  }

  /** The answer kept for a query spelled exactly so, today, from this snapshot. */
  Answer keptForQuery(RuleTable table, String query) {
    Generation g = current(table);
    if (g == null || query == null) {
      return null;
    }
    String key = g.spellings().getIfPresent(query);
    return key == null ? null : g.answers().getIfPresent(key);
  }

  /** Remembers which question a query, valid in full, spelled so, asked. */
  void rememberQuery(RuleTable table, String query, String key) {
    Generation g = current(table);
    if (g != null && query != null) {
      g.spellings().put(query, key);
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
   * The answers of one snapshot on one day: by canonical question, and the canonical question of
   * each exact query text that asked for one (a request spelled as before needs no parsing).
   */
  private record Generation(
      RuleTable table,
      LocalDate day,
      Cache<String, Answer> answers,
      Cache<String, String> spellings,
      SharedRules rules) {
    long sharedSize() {
      return rules == null ? 0 : rules.size.get();
    }
  }

  /**
   * The JSON of each rule that kept answers cite, made once; within a budget of bytes, past which
   * an answer holds its rules' bytes as its own. Nothing is let go before the generation is.
   */
  private static final class SharedRules {
    private final Map<RuleEntry, Buffer> json = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();
    private final long budget;

    SharedRules(long budget) {
      this.budget = budget;
    }

    /** The rule's shared JSON, or null when the budget is spent. */
    Buffer get(RuleEntry rule, ObjectMapper mapper) {
      Buffer known = json.get(rule);
      if (known != null || size.get() >= budget) {
        return known;
      }
      Buffer made = Buffer.buffer(bytes(mapper, rule));
      long cost = Answer.PART_OVERHEAD + made.length();
      if (size.addAndGet(cost) > budget) {
        size.addAndGet(-cost);
        return null;
      }
      Buffer raced = json.putIfAbsent(rule, made);
      if (raced != null) {
        size.addAndGet(-cost);
        return raced;
      }
      return made;
    }
  }

  private Generation newGeneration(RuleTable table, LocalDate day) {
    long shared = maxBytes / 4;
    return new Generation(
        table,
        day,
        Caffeine.newBuilder()
            .maximumWeight(maxBytes - shared)
            .<String, Answer>weigher((key, answer) -> answer.weight(key))
            .build(),
        Caffeine.newBuilder()
            .maximumWeight(maxSpellingBytes)
            // the key string is shared with the answers; a query string is two bytes a character
            // at most
            .<String, String>weigher((query, key) -> ENTRY_OVERHEAD + 2 * query.length())
            .build(),
        new SharedRules(shared));
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
      g = newGeneration(table, today);
      generation = g;
    }
    Answer answer = g.answers().getIfPresent(key);
    if (answer == null) {
      answer = keep(g, key, compute.get());
      g.answers().asMap().putIfAbsent(key, answer);
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
    return Response.ok(answer.buffer(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .tag(answer.tag())
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .build();
  }

  private Answer make(RuleTable table, String key, Supplier<Computed> compute) {
    Computed computed = compute.get();
    return new Answer(bytes(json, computed.view()), tag(table, key), computed.tally());
  }

  /** An answer to keep: its own bytes between the rules it cites, which it shares. */
  private Answer keep(Generation g, String key, Computed computed) {
    List<RuleEntry> cited = CITED.get();
    cited.clear();
    byte[] body = bytes(segmenting, computed.view());
    List<Buffer> parts = new ArrayList<>();
    int own = 0;
    int start = 0;
    int rule = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == 0) {
        parts.add(Buffer.buffer(Arrays.copyOfRange(body, start, i)));
        own += i - start;
        if (i < body.length) {
          Buffer shared = g.rules().get(cited.get(rule), json);
          if (shared == null) {
            shared = Buffer.buffer(bytes(json, cited.get(rule)));
            own += shared.length();
          }
          parts.add(shared);
          rule++;
        }
        start = i + 1;
      }
    }
    cited.clear();
    return new Answer(parts.toArray(Buffer[]::new), own, tag(g.table(), key), computed.tally());
  }

  private static EntityTag tag(RuleTable table, String key) {
    return new EntityTag("r" + table.revision() + ":" + key);
  }

  private static byte[] bytes(ObjectMapper mapper, Object view) {
    try {
      return mapper.writeValueAsBytes(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An answer could not be written", e);
    }
  }
}
