package io.exoreg.edit;

import io.exoreg.problem.Problems;
import io.exoreg.problem.Throttled;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code Authorization: Bearer <key>} when an operation needs a key (authentication is not
 * proactive, so reads never pay for it). Every attempt is counted against the client before its key
 * is checked and given back when the key is good, so that guessing keys is throttled; a client over
 * the limit is refused with a 429 whatever key it sends.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {
  private static final int LONGEST_SECRET = 200;
  private static final Logger LOG = Logger.getLogger(ApiKeyMechanism.class);

  private final FailedAuthentications failures;
  private final boolean forwardedClients;

  public ApiKeyMechanism(
      FailedAuthentications failures,
      @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
          boolean forwarding,
      @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies")
          Optional<List<String>> trustedProxies) {
    this.failures = failures;
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

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String client = client(context.request());
    OptionalLong blocked = failures.attempt(client);
    if (blocked.isPresent()) {
      return Uni.createFrom().failure(Throttled.failure(blocked.getAsLong()));
    }
    String secret = secret(context.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (secret == null) {
      // no key: the operation answers 401, and the attempt stays counted as a failure
      return Uni.createFrom().nullItem();
    }
    AuthenticationRequest request =
        HttpSecurityUtils.setRoutingContextAttribute(
            new TokenAuthenticationRequest(new TokenCredential(secret, "bearer")), context);
    return identityProviderManager
        .authenticate(request)
        .onItem()
        .invoke(identity -> failures.succeeded(client))
        .onFailure(failure -> !(failure instanceof AuthenticationFailedException))
        // the key could not be checked, say with the database away: not the client's failure
        .invoke(failure -> failures.succeeded(client));
  }

  private static String secret(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String secret = authorization.substring(7).strip();
    return secret.isEmpty() || secret.length() > LONGEST_SECRET ? null : secret;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom()
        .item(new ChallengeData(401, HttpHeaders.WWW_AUTHENTICATE, Problems.CHALLENGE));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class);
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
