package io.exoreg.read;

import io.exoreg.decision.RuleTable;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Conditional GET for every read: a strong ETag derived from the ruleset revision, the path, the
 * query and the day that an undated question is decided for, so a tag changes exactly when the
 * answer may.
 */
public class HttpCaching {
  private static final String TAG = "exoreg.etag";

  /** Decisions tag themselves per revision and canonical question (see {@link Answers}). */
  private static final Set<String> SELF_TAGGED = Set.of("/api/v1/status", "/api/v1/matrix");

  private final CurrentTable current;
  private final ExoregConfig config;
  private final Clock clock;

  public HttpCaching(CurrentTable current, ExoregConfig config, Clock clock) {
    this.current = current;
    this.config = config;
    this.clock = clock;
  }

  @ServerRequestFilter
  public Optional<Response> notModified(ContainerRequestContext request) {
    Optional<RuleTable> table = current.get();
    boolean read =
        HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
    String path = request.getUriInfo().getPath();
    if (!read
        || !path.startsWith("/api/")
        || isPrivate(path)
        || SELF_TAGGED.contains(path)
        || table.isEmpty()) {
      return Optional.empty();
    }
    EntityTag tag = tag(request, table.get().revision());
    request.setProperty(TAG, tag);
    String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
      return Optional.of(
          Response.notModified(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl()).build());
    }
    return Optional.empty();
  }

  /** Whether answers on this path are a key's own (its keys, its watches), never cached. */
  public static boolean isPrivate(String path) {
    return path.startsWith("/api/v1/keys") || path.startsWith("/api/v1/watches");
  }

  @ServerResponseFilter
  public void tagResponse(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(TAG) instanceof EntityTag tag && response.getStatus() == 200) {
      // An entry's own representation carries its entity tag, which If-Match is checked against.
      response.getHeaders().putIfAbsent(HttpHeaders.ETAG, List.of(tag));
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, cacheControl());
      response.getHeaders().putSingle(HttpHeaders.VARY, "Accept");
    }
  }

  private String cacheControl() {
    return "public, max-age=" + config.httpMaxAge();
  }

  private EntityTag tag(ContainerRequestContext request, long revision) {
    var uri = request.getUriInfo();
    StringBuilder key = new StringBuilder(uri.getPath()).append('?');
    new TreeMap<>(uri.getQueryParameters())
        .forEach((name, values) -> key.append(name).append('=').append(values).append('&'));
    key.append("today=").append(LocalDate.now(clock));
    // One path may answer in several formats (the export as JSON or CSV).
    key.append("&accept=").append(request.getHeaderString(HttpHeaders.ACCEPT));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return new EntityTag("r" + revision + "-" + HexFormat.of().formatHex(digest, 0, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean matches(String ifNoneMatch, EntityTag tag) {
    String quoted = "\"" + tag.getValue() + "\"";
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      // "*" is not honoured: it would turn an invalid query's 400 into a 304.
      if (c.equals(quoted) || c.equals("W/" + quoted)) {
        return true;
      }
    }
    return false;
  }
}
