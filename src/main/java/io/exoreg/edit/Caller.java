package io.exoreg.edit;

import io.exoreg.problem.ProblemException;
import io.exoreg.problem.Problems;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.Principal;
import java.util.List;
import java.util.function.Predicate;

/**
 * Who makes a write: the name of the API key presented, recorded as the actor, and the scopes it
 * holds.
 */
public record Caller(String name, Predicate<String> holds) {
  /** The key of a request that passed its operation's security check. */
  public static Caller of(ContainerRequestContext request) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    if (principal == null) {
      throw new UnauthorizedException();
    }
    return new Caller(principal.getName(), request.getSecurityContext()::isUserInRole);
  }

  /** A 403 naming the scope, unless the key holds it or is an {@code admin} key. */
  void require(String scope) {
    if (!holds.test(scope) && !holds.test(Scopes.ADMIN)) {
      throw new ProblemException(403, Problems.scopesNeeded(List.of(scope)), null);
    }
  }
}
