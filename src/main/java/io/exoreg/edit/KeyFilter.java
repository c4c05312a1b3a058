package io.exoreg.edit;

import io.exoreg.problem.Problem;
import io.exoreg.problem.Problems;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.ApiKeyStore;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every write under {@code /api/v1} (and all of {@code /api/v1/keys}) needs {@code Authorization:
 * Bearer <key>}: a key made over the API, checked against its stored hash, or one whose hash the
 * deployment configures. Checking a catalogue or verifying a receipt is a read and needs none.
 */
public class KeyFilter {
  private static final Set<String> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

  private static final Logger LOG = Logger.getLogger(KeyFilter.class);

  private final ApiKeyStore keys;
  private final FailedAuthentications failures;
  private final List<ConfiguredKey> configured;
  private final boolean forwardedClients;

  /** A key the deployment configures, with its hash decoded once (the setting is checked). */
  private record ConfiguredKey(Caller caller, byte[] hash) {}

  public KeyFilter(
      ApiKeyStore keys,
      ExoregConfig config,
      FailedAuthentications failures,
      @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
          boolean forwarding,
      @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies")
          Optional<List<String>> trustedProxies) {
    this.keys = keys;
    this.failures = failures;
    this.configured =
        config.apiKeys().entrySet().stream()
            .map(
                key ->
                    new ConfiguredKey(
                        new Caller(key.getKey(), key.getValue().admin()),
                        HexFormat.of().parseHex(key.getValue().sha256().strip())))
            .toList();
    // Without a list of trusted proxies, the HTTP layer takes any client's forwarding headers
    // for its address, so a client guessing keys could name a new address each time.
    this.forwardedClients = forwarding && trustedProxies.isPresent();
    if (forwarding && !forwardedClients) {
      LOG.warn(
          "quarkus.http.proxy.proxy-address-forwarding is on without"
              + " quarkus.http.proxy.trusted-proxies, so any client may name its own address;"
              + " failed authentications are counted by the connection's address instead");
    }
  }

  @ServerRequestFilter
  public Optional<Response> authenticate(
      ContainerRequestContext request, HttpServerRequest connection) {
    String path = request.getUriInfo().getPath();
    boolean keyManagement = path.startsWith("/api/v1/keys");
    boolean write =
        WRITES.contains(request.getMethod())
            && path.startsWith("/api/v1/")
            && !path.startsWith("/api/v1/checks")
            && !path.startsWith("/api/v1/receipts/");
    if (!write && !keyManagement) {
      return Optional.empty();
    }
    String client = client(connection);
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
    Caller found = null;
    // Every configured key is compared, in constant time, whatever matched before.
    for (ConfiguredKey key : configured) {
      if (MessageDigest.isEqual(hash, key.hash())) {
        found = key.caller();
      }
    }
    if (found != null) {
      return Optional.of(found);
    }
    return keys.verify(secret).map(key -> new Caller(key.name(), key.admin()));
  }

  /**
   * Whom failed authentications are counted against: the client a trusted proxy forwarded for, else
   * the peer of the connection.
   */
  private String client(HttpServerRequest request) {
    SocketAddress address =
        forwardedClients ? request.remoteAddress() : request.connection().remoteAddress();
    return address == null ? "" : address.host();
  }
}
