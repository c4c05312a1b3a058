package io.exoreg.read;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's files keep their names across releases, so a browser must ask before it reuses one:
 * each is sent with {@code Cache-Control: no-cache} and a strong ETag made from its bytes, and
 * answered 304 while the browser holds the same bytes. An upgrade shows at the next load.
 */
@ApplicationScoped
public class PageCaching {
  /** The page's files, by the paths they are served at; {@code /} is the page itself. */
  static final Map<String, String> FILES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/app.css", "app.css");

  private final Map<String, EntityTag> tags = new LinkedHashMap<>();

  public PageCaching() {
    FILES.forEach((path, file) -> tags.put(path, new EntityTag(digest(file))));
  }

  void install(@Observes Router router) {
    tags.forEach(
        (path, tag) ->
            router
                .route(path)
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .order(-100)
                .handler(c -> serve(c, tag)));
  }

  private static void serve(RoutingContext context, EntityTag tag) {
    String header = "\"" + tag.getValue() + "\"";
    context
        .response()
        .putHeader(HttpHeaders.ETAG, header)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && HttpCaching.matches(ifNoneMatch, tag)) {
      context.response().setStatusCode(304).end();
    } else {
      context.next(); // the static handler sends the file
    }
  }

  private static String digest(String file) {
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream("META-INF/resources/" + file)) {
      if (in == null) {
        throw new IllegalStateException("The page's file " + file + " is not in the application");
      }
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
