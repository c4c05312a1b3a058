package io.exoreg.decision;

import java.util.List;

/**
 * One of the most general (source, method) pairs covered by a question that reach its status
 * (clause 7), with the rules that decide that pair on its own. For a question with no narrower
 * pairs, the question's own pair.
 */
public record DecidingCase(
    String source, String deliveryMethod, Status status, List<Rule> decidingRules) {
  public DecidingCase {
    decidingRules = List.copyOf(decidingRules);
  }
}
