package io.exoreg.edit;

import io.exoreg.problem.Problem;
import io.exoreg.problem.Problems;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.ApiKeyStore;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every write under {@code /api/v1} (and all of {@code /api/v1/keys}) needs {@code Authorization:
 * Bearer <key>}: a key made over the API, checked against its stored hash, or one whose hash the
 * deployment configures. Checking a catalogue is a read and needs none.
 */
public class KeyFilter {
  private static final Set<String> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

  private final ApiKeyStore keys;
  private final ExoregConfig config;
  private final FailedAuthentications failures;

  public KeyFilter(ApiKeyStore keys, ExoregConfig config, FailedAuthentications failures) {
    this.keys = keys;
    this.config = config;
    this.failures = failures;
  }

  @ServerRequestFilter
  public Optional<Response> authenticate(
      ContainerRequestContext request, HttpServerRequest connection) {
    String path = request.getUriInfo().getPath();
    boolean keyManagement = path.startsWith("/api/v1/keys");
    boolean write =
        WRITES.contains(request.getMethod())
            && path.startsWith("/api/v1/")
            && !path.startsWith("/api/v1/checks");
    if (!write && !keyManagement) {
      return Optional.empty();
    }
    String client = connection.remoteAddress() == null ? "" : connection.remoteAddress().host();
    OptionalLong blocked = failures.attempt(client);
    if (blocked.isPresent()) {
      return Optional.of(
          Problems.response(
              Problem.of(
                  429,
                  "Too many failed authentications from this address; retry after "
                      + blocked.getAsLong()
                      + " s",
                  null),
              HttpHeaders.RETRY_AFTER,
              blocked.getAsLong()));
    }
    Optional<Caller> caller;
    try {
      caller = caller(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    } catch (RuntimeException unchecked) {
      failures.succeeded(client); // the key could not be checked, say with the database away
      throw unchecked;
    }
    if (caller.isEmpty()) {
      return Optional.of(
          Problems.response(
              Problem.of(
                  401, "This request needs a valid API key: Authorization: Bearer <key>", null),
              HttpHeaders.WWW_AUTHENTICATE,
              "Bearer realm=\"exoreg\""));
    }
    failures.succeeded(client);
    if (keyManagement && !caller.get().admin()) {
      return Optional.of(
          Problems.response(Problem.of(403, "Only an admin key may manage keys", null)));
    }
    request.setProperty(Caller.PROPERTY, caller.get());
    return Optional.empty();
  }

  private Optional<Caller> caller(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String secret = authorization.substring(7).strip();
    if (secret.isEmpty() || secret.length() > 200) {
      return Optional.empty();
    }
    byte[] hash = ApiKeyStore.hash(secret);
    Caller configured = null;
    // Every configured key is compared, in constant time, whatever matched before.
    for (Map.Entry<String, ExoregConfig.ConfiguredKey> key : config.apiKeys().entrySet()) {
      if (MessageDigest.isEqual(hash, decode(key.getValue().sha256()))) {
        configured = new Caller(key.getKey(), key.getValue().admin());
      }
    }
    if (configured != null) {
      return Optional.of(configured);
    }
    return keys.verify(secret).map(key -> new Caller(key.name(), key.admin()));
  }

  private static byte[] decode(String hex) {
    try {
      return HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
