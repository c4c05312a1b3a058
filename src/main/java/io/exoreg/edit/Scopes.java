package io.exoreg.edit;

import io.exoreg.decision.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a key may do. {@code law} edits the law table (rules, ingredients, jurisdictions, sources,
 * delivery methods, imports); {@code policy:ID} edits that one policy and nothing else; {@code
 * admin} manages keys and may do everything; {@code watch} keeps watches of its own, as every key
 * may, and does nothing else. A scope is a role of the key's identity:
 * {@code @RolesAllowed(Scopes.LAW)} guards an operation that needs it whatever it names, and {@link
 * Caller#require} one whose scope depends on the entry the request names.
 */
public final class Scopes {
  public static final String LAW = "law";
  public static final String ADMIN = "admin";

  /** Keeps watches of its own, and nothing else: any key may keep its own watches. */
  public static final String WATCH = "watch";

  private static final String POLICY = "policy:";
  private static final Pattern POLICY_ID =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?");

  private static final List<String> NAMED = List.of(LAW, ADMIN, WATCH);

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
    if (scope.startsWith(POLICY)) {
      // a key may be made for a policy before the policy is: it is how its owner writes it
      return POLICY_ID.matcher(scope.substring(POLICY.length())).matches()
          ? Optional.empty()
          : Optional.of("names no valid policy id: write policy:ID, e.g. policy:acme-vegan");
    }
    String close = Names.closest(scope, NAMED);
    return Optional.of(
        "is not a scope: use "
            + String.join(" or ", NAMED)
            + (close == null ? "" : "; did you mean '" + close + "'?"));
  }

  /** The scope that edits one policy and nothing else. */
  public static String policy(String id) {
    return POLICY + id;
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

  /** The scopes in a stable order, each once. */
  public static List<String> normal(List<String> scopes) {
    return new ArrayList<>(new LinkedHashSet<>(scopes));
  }
}
