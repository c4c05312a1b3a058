package io.exoreg.edit;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Who makes a write: the name of the API key presented, recorded as the actor. */
public record Caller(String name, boolean admin) {
  static final String PROPERTY = "exoreg.caller";

  /** The caller the key filter found for this request. */
  static Caller of(ContainerRequestContext request) {
    return (Caller) request.getProperty(PROPERTY);
  }
}
