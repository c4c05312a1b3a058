package io.exoreg.ruleset;

import java.util.List;

/** A table, or a change to one, that breaks a validation rule; nothing of it may be written. */
public class InvalidRulesetException extends RuntimeException {
  private final List<Violation> violations;

  public InvalidRulesetException(List<Violation> violations) {
    super(violations.size() + " violation(s), first: " + violations.get(0));
    this.violations = List.copyOf(violations);
  }

  public InvalidRulesetException(String field, String message) {
    this(List.of(new Violation(field, message)));
  }

  public List<Violation> violations() {
    return violations;
  }
}
