package io.exoreg.decision;

import java.util.List;

/**
 * The answer to a {@link Question}: the status, the rules that decide it (those among the
 * candidates with that status), the union of their conditions and a sentence a person can read.
 */
public record Decision(
    Question question,
    Status status,
    List<Rule> decidingRules,
    List<String> conditions,
    String explanation) {

  public Decision {
    decidingRules = List.copyOf(decidingRules);
    conditions = List.copyOf(conditions);
  }
}
