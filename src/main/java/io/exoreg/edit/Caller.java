package io.exoreg.edit;

import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.Principal;

/** Who makes a write: the name of the API key presented, recorded as the actor. */
public record Caller(String name) {
  /** The key of a request that passed its operation's {@code @RolesAllowed}. */
  static Caller of(ContainerRequestContext request) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    if (principal == null) {
      throw new UnauthorizedException();
    }
    return new Caller(principal.getName());
  }
}
