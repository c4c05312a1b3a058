package io.exoreg.decision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A question answered by the law and by a policy. The status is the more severe of the two, so a
 * policy can never loosen the law; a silent policy (no rule of it applies, a null status) leaves
 * the law's answer. The deciding rules are those of each part that reaches the status, the law's
 * first.
 */
public record PolicyDecision(Decision law, Policy policy, Decision byPolicy) {

  public Status status() {
    Status own = byPolicy.status();
    return own == null || !own.isMoreSevereThan(law.status()) ? law.status() : own;
  }

  /** The parts that reach the status: the law, the policy, or both. */
  public List<Decision> deciding() {
    Status status = status();
    List<Decision> parts = new ArrayList<>(2);
    if (law.status() == status) {
      parts.add(law);
    }
    if (byPolicy.status() == status) {
      parts.add(byPolicy);
    }
    return parts;
  }

  /** Whether the policy, not the law alone, gives the status. */
  public boolean decidedByPolicy() {
    return byPolicy.status() == status();
  }

  public List<Rule> decidingRules() {
    List<Rule> rules = new ArrayList<>();
    deciding().forEach(part -> rules.addAll(part.decidingRules()));
    return rules;
  }

  public List<DecidingCase> decidingCases() {
    List<DecidingCase> cases = new ArrayList<>();
    deciding().forEach(part -> cases.addAll(part.decidingCases()));
    return cases;
  }

  public List<String> conditions() {
    Set<String> union = new LinkedHashSet<>();
    deciding().forEach(part -> union.addAll(part.conditions()));
    return List.copyOf(union);
  }
}
