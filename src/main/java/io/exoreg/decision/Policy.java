package io.exoreg.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A retailer's or brand's own rules on top of the law (section 4.5 of the specification): rules of
 * the law's shape, decided by the same clauses, with a rule for everywhere (a null jurisdiction) a
 * level above every chain. Built with a snapshot, whose trees number its rules' nodes.
 */
public final class Policy {
  /** The key of the level above every chain: the rules written for everywhere. */
  private static final String EVERYWHERE = "";

  private final String id;
  private final String name;
  private final String description;
  private final List<Rule> rules;
  private final Map<String, Map<String, RuleTable.Level>> levels;

  /** A policy as written; {@link #compiled} readies it for a snapshot's trees. */
  public Policy(String id, String name, String description, List<Rule> rules) {
    this(id, name, description, List.copyOf(rules), Map.of());
  }

  private Policy(
      String id,
      String name,
      String description,
      List<Rule> rules,
      Map<String, Map<String, RuleTable.Level>> levels) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.rules = rules;
    this.levels = levels;
  }

  /** The policy with its rules grouped by ingredient and level, as the decision core reads them. */
  Policy compiled(Function<List<Rule>, RuleTable.Level> level) {
    Map<String, Map<String, List<Rule>>> grouped = new HashMap<>();
    for (Rule rule : rules) {
      grouped
          .computeIfAbsent(rule.ingredient(), k -> new HashMap<>())
          .computeIfAbsent(key(rule.jurisdiction()), k -> new ArrayList<>())
          .add(rule);
    }
    Map<String, Map<String, RuleTable.Level>> compiled = new HashMap<>();
    grouped.forEach(
        (ingredient, atLevels) -> {
          Map<String, RuleTable.Level> byLevel = new HashMap<>();
          atLevels.forEach((at, list) -> byLevel.put(at, level.apply(list)));
          compiled.put(ingredient, Map.copyOf(byLevel));
        });
    return new Policy(id, name, description, rules, Map.copyOf(compiled));
  }

  /** The rules written for this ingredient at this jurisdiction, or with null for everywhere. */
  RuleTable.Level level(String ingredient, String jurisdiction) {
    return levels
        .getOrDefault(ingredient, Map.of())
        .getOrDefault(key(jurisdiction), RuleTable.Level.EMPTY);
  }

  private static String key(String jurisdiction) {
    return jurisdiction == null ? EVERYWHERE : jurisdiction;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** Its rules, in the order the policy lists them. */
  public List<Rule> rules() {
    return rules;
  }

  public Optional<Rule> rule(String ruleId) {
    return rules.stream().filter(rule -> rule.id().equals(ruleId)).findFirst();
  }
}
