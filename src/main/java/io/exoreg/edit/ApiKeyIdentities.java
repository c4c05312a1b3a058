package io.exoreg.edit;

import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.ApiKeyStore;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a presented secret into the identity of its key: one the deployment configures (by the hash
 * of its secret), else a live key made over the API. The identity's name is the key's name, the
 * actor of the audit trail, and its roles are the key's {@link Scopes}.
 */
@ApplicationScoped
public class ApiKeyIdentities implements IdentityProvider<TokenAuthenticationRequest> {
  private final ApiKeyStore keys;
  private final List<ConfiguredKey> configured;

  /** A key the deployment configures, with its hash decoded once (the setting is checked). */
  private record ConfiguredKey(String name, List<String> scopes, byte[] hash) {}

  public ApiKeyIdentities(ApiKeyStore keys, ExoregConfig config) {
    this.keys = keys;
    List<ConfiguredKey> found = new ArrayList<>();
    for (Map.Entry<String, ExoregConfig.ConfiguredKey> key : config.apiKeys().entrySet()) {
      List<String> scopes =
          Scopes.normal(
              key.getValue().scopes().orElse(Scopes.defaults(key.getValue().admin())).stream()
                  .map(String::strip)
                  .toList());
      for (String scope : scopes) {
        Scopes.refusal(scope)
            .ifPresent(
                why -> {
                  throw new IllegalStateException(
                      "exoreg.api-keys." + key.getKey() + ".scopes: '" + scope + "' " + why);
                });
      }
      found.add(
          new ConfiguredKey(
              key.getKey(), scopes, HexFormat.of().parseHex(key.getValue().sha256().strip())));
    }
    this.configured = List.copyOf(found);
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    String secret = request.getToken().getToken();
    byte[] hash = ApiKeyStore.hash(secret);
    ConfiguredKey found = null;
    // Every configured key is compared, in constant time, whatever matched before.
    for (ConfiguredKey key : configured) {
      if (MessageDigest.isEqual(hash, key.hash())) {
        found = key;
      }
    }
    if (found != null) {
      return Uni.createFrom().item(identity(found.name(), found.scopes()));
    }
    return context.runBlocking(
        () ->
            keys.verify(secret)
                .map(key -> identity(key.name(), key.scopes()))
                .orElseThrow(AuthenticationFailedException::new));
  }

  private static SecurityIdentity identity(String name, List<String> scopes) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(name))
        .addRoles(Scopes.roles(scopes))
        .build();
  }
}
