package io.exoreg.edit;

/** Who makes a write: the name of the API key presented, recorded as the actor. */
public record Caller(String name, boolean admin) {
  static final String PROPERTY = "exoreg.caller";
}
