package io.exoreg.edit;

import io.exoreg.decision.Names;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a key may do. {@code law} edits the law table (rules, ingredients, jurisdictions, sources,
 * delivery methods, imports); {@code admin} manages keys and may do everything. A scope is the role
 * of the key's identity, so {@code @RolesAllowed(Scopes.LAW)} guards a write; a scope that names
 * one entry ({@code policy:ID}) is checked with {@link #allows} against the id the request names.
 */
public final class Scopes {
  public static final String LAW = "law";
  public static final String ADMIN = "admin";

  private static final List<String> NAMED = List.of(LAW, ADMIN);

  private Scopes() {}

  /** The scopes a key gets when none are asked for: those of a key that edits the law. */
  public static List<String> defaults(boolean admin) {
    return List.of(admin ? ADMIN : LAW);
  }

  /** Why this value is not a scope, or empty when it is one. */
  public static Optional<String> refusal(String scope) {
    if (scope == null || scope.isBlank()) {
      return Optional.of("is empty; the scopes are " + String.join(", ", NAMED) + ", policy:ID");
    }
    if (NAMED.contains(scope)) {
      return Optional.empty();
    }
    if (scope.startsWith("policy:")) {
      // policies are a later kind of entry; until they exist no key can be scoped to one
      return Optional.of("names a policy, and this table has no policies yet");
    }
    String close = Names.closest(scope, NAMED);
    return Optional.of(
        "is not a scope: use "
            + String.join(" or ", NAMED)
            + (close == null ? "" : "; did you mean '" + close + "'?"));
  }

  /**
   * The roles of an identity with these scopes: the scopes, with everything an {@code admin} key
   * implies.
   */
  public static Set<String> roles(List<String> scopes) {
    Set<String> roles = new LinkedHashSet<>(scopes);
    if (roles.contains(ADMIN)) {
      roles.add(LAW);
    }
    return roles;
  }

  /**
   * Whether this identity may write where {@code needed} is required; {@code admin} may write
   * anywhere, including under any {@code policy:ID}.
   */
  public static boolean allows(SecurityIdentity identity, String needed) {
    return identity.hasRole(needed) || identity.hasRole(ADMIN);
  }

  /** The scopes in a stable order, each once. */
  public static List<String> normal(List<String> scopes) {
    return new ArrayList<>(new LinkedHashSet<>(scopes));
  }
}
