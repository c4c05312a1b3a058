package io.exoreg.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer to a {@link Question}: the status, the rules that decide it (those among the
 * candidates with that status) and the union of their conditions. The sentence a person reads is
 * made when asked for, since most decisions are only counted or cached.
 */
public record Decision(
    Question question, Status status, List<Rule> decidingRules, List<String> conditions) {

  public Decision {
    decidingRules = List.copyOf(decidingRules);
    conditions = List.copyOf(conditions);
  }

  /**
   * E.g. "GB: GB-any-source-injection (any-source x injection) covers salmon x scalp-injection:
   * NOT_APPROVED", or, when no rule applies, which chain was searched and found nothing.
   */
  public String explanation(List<String> chain) {
    String covered = question.source() + " x " + question.deliveryMethod();
    if (decidingRules.isEmpty()) {
      return "No rule for %s in %s covers %s on %s: %s"
          .formatted(
              question.ingredient(), String.join(" or ", chain), covered, question.at(), status);
    }
    Map<String, List<Rule>> byLevel = new LinkedHashMap<>();
    decidingRules.forEach(
        rule -> byLevel.computeIfAbsent(rule.jurisdiction(), k -> new ArrayList<>()).add(rule));
    return byLevel.entrySet().stream()
            .map(
                level ->
                    level.getKey()
                        + ": "
                        + level.getValue().stream()
                            .map(r -> r.id() + " (" + r.source() + " x " + r.deliveryMethod() + ")")
                            .collect(Collectors.joining(" and "))
                        + (level.getValue().size() == 1 ? " covers " : " cover ")
                        + covered)
            .collect(Collectors.joining("; "))
        + ": "
        + status;
  }
}
