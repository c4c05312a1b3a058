package io.exoreg.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer to a {@link Question}: the status, the rules that decide it, the union of their
 * conditions, the most general covered pairs that reach the status, and whether the table holds any
 * rule for the ingredient in the jurisdiction's chain. The sentence a person reads is made when
 * asked for, since most decisions are only counted or cached.
 */
public record Decision(
    Question question,
    Status status,
    List<Rule> decidingRules,
    List<String> conditions,
    List<DecidingCase> decidingCases,
    Coverage coverage) {

  /** How a policy's rule for everywhere names its level. */
  public static final String EVERYWHERE = "everywhere";

  public Decision {
    decidingRules = List.copyOf(decidingRules);
    conditions = List.copyOf(conditions);
    decidingCases = List.copyOf(decidingCases);
  }

  /** Whether the answer is the question's own pair's, rather than that of narrower pairs. */
  public boolean decidedByItsOwnPair() {
    DecidingCase only = decidingCases.get(0);
    return decidingCases.size() == 1
        && only.source().equals(question.source())
        && only.deliveryMethod().equals(question.deliveryMethod());
  }

  /**
   * E.g. "GB: GB-any-source-injection (any-source x injection) covers salmon x scalp-injection:
   * NOT_APPROVED"; for an answer from narrower pairs, "animal x skin-application: RESTRICTED for
   * bovine x skin-application (GB-bovine-skin-application) and for animal x microneedling
   * (GB-non-human-microneedling)"; when no rule applies, which chain was searched and found
   * nothing, or that it has no rules for the ingredient yet.
   */
  public String explanation(List<String> chain) {
    String asked = pair(question.source(), question.deliveryMethod());
    if (status == null) {
      return "no rule of it covers %s in %s".formatted(asked, String.join(" or ", chain));
    }
    if (coverage == Coverage.NONE) {
      return "No rules are recorded for %s in %s yet; %s: %s"
          .formatted(question.ingredient(), String.join(" or ", chain), asked, status);
    }
    if (!decidedByItsOwnPair()) {
      return asked
          + ": "
          + status
          + " "
          + decidingCases.stream()
              .map(
                  c ->
                      "for "
                          + pair(c.source(), c.deliveryMethod())
                          + " ("
                          + (c.decidingRules().isEmpty()
                              ? "no rule applies"
                              : c.decidingRules().stream()
                                  .map(Rule::id)
                                  .collect(Collectors.joining(", ")))
                          + ")")
              .collect(Collectors.joining(" and "));
    }
    List<Rule> own = decidingCases.get(0).decidingRules();
    if (own.isEmpty()) {
      return "No rule for %s in %s covers %s on %s: %s"
          .formatted(
              question.ingredient(), String.join(" or ", chain), asked, question.at(), status);
    }
    Map<String, List<Rule>> byLevel = new LinkedHashMap<>();
    own.forEach(
        rule ->
            byLevel
                .computeIfAbsent(
                    rule.jurisdiction() == null ? EVERYWHERE : rule.jurisdiction(),
                    k -> new ArrayList<>())
                .add(rule));
    return byLevel.entrySet().stream()
            .map(
                level ->
                    level.getKey()
                        + ": "
                        + level.getValue().stream()
                            .map(r -> r.id() + " (" + pair(r.source(), r.deliveryMethod()) + ")")
                            .collect(Collectors.joining(" and "))
                        + (level.getValue().size() == 1 ? " covers " : " cover ")
                        + asked)
            .collect(Collectors.joining("; "))
        + ": "
        + status;
  }

  private static String pair(String source, String method) {
    return source + " x " + method;
  }
}
