package io.exoreg.decision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the whole rule table at one revision. It holds only valid data: the
 * ruleset package checks a table before building one. Readers share a snapshot freely; a change
 * produces a new one.
 */
public final class RuleTable {
  private final long revision;
  private final Metadata metadata;
  private final Tree<Node> ingredients;
  private final Tree<Jurisdiction> jurisdictions;
  private final Tree<Node> sources;
  private final Tree<Node> deliveryMethods;
  private final Map<String, Reference> references;
  private final Map<String, Rule> rules;
  private final Map<String, Map<String, Level>> levels;
  private final Map<String, Policy> policies;

  /**
   * The rules written for one ingredient at one jurisdiction, ordered by id, with the numbers of
   * their source and method nodes for the decision core.
   */
  record Level(List<Rule> rules, int[] sources, int[] methods) {
    static final Level EMPTY = new Level(List.of(), new int[0], new int[0]);
  }

  public RuleTable(
      long revision,
      Metadata metadata,
      Collection<Node> ingredients,
      Collection<Jurisdiction> jurisdictions,
      Collection<Node> sources,
      Collection<Node> deliveryMethods,
      Collection<Reference> references,
      Collection<Rule> rules) {
    this(
        revision,
        metadata,
        ingredients,
        jurisdictions,
        sources,
        deliveryMethods,
        references,
        rules,
        List.of());
  }

  public RuleTable(
      long revision,
      Metadata metadata,
      Collection<Node> ingredients,
      Collection<Jurisdiction> jurisdictions,
      Collection<Node> sources,
      Collection<Node> deliveryMethods,
      Collection<Reference> references,
      Collection<Rule> rules,
      Collection<Policy> policies) {
    this.revision = revision;
    this.metadata = metadata;
    this.ingredients = new Tree<>(ingredients);
    this.jurisdictions = new Tree<>(jurisdictions);
    this.sources = new Tree<>(sources);
    this.deliveryMethods = new Tree<>(deliveryMethods);
    Map<String, Reference> refs = new LinkedHashMap<>();
    references.forEach(reference -> refs.put(reference.id(), reference));
    this.references = Collections.unmodifiableMap(refs);
    Map<String, Rule> byId = new LinkedHashMap<>();
    Map<String, Map<String, List<Rule>>> index = new HashMap<>();
    for (Rule rule : rules) {
      byId.put(rule.id(), rule);
      index
          .computeIfAbsent(rule.ingredient(), k -> new HashMap<>())
          .computeIfAbsent(rule.jurisdiction(), k -> new ArrayList<>())
          .add(rule);
    }
    Map<String, Map<String, Level>> byLevel = new HashMap<>();
    index.forEach(
        (ingredient, atLevels) -> {
          Map<String, Level> compiled = new HashMap<>();
          atLevels.forEach((level, list) -> compiled.put(level, level(list)));
          byLevel.put(ingredient, Map.copyOf(compiled));
        });
    this.rules = Collections.unmodifiableMap(byId);
    this.levels = Map.copyOf(byLevel);
    this.policies = compiled(policies);
  }

  private RuleTable(
      RuleTable base,
      long revision,
      Map<String, Rule> rules,
      Map<String, Map<String, Level>> levels,
      Map<String, Policy> policies) {
    this.revision = revision;
    this.metadata = base.metadata;
    this.ingredients = base.ingredients;
    this.jurisdictions = base.jurisdictions;
    this.sources = base.sources;
    this.deliveryMethods = base.deliveryMethods;
    this.references = base.references;
    this.rules = rules;
    this.levels = levels;
    this.policies = policies;
  }

  private Map<String, Policy> compiled(Collection<Policy> written) {
    Map<String, Policy> byId = new LinkedHashMap<>();
    written.forEach(policy -> byId.put(policy.id(), policy.compiled(this::level)));
    return Collections.unmodifiableMap(byId);
  }

  /**
   * This table at another revision with one policy put (replacing the one with its id in place, or
   * last when new) or, given only its id, removed; everything else shared. The caller has checked
   * the policy against this table.
   */
  public RuleTable withPolicy(long revision, String id, Policy put) {
    Map<String, Policy> next = new LinkedHashMap<>(policies);
    if (put == null) {
      next.remove(id);
    } else {
      next.put(id, put.compiled(this::level));
    }
    return new RuleTable(this, revision, rules, levels, Collections.unmodifiableMap(next));
  }

  /**
   * This table at another revision with some rules put and some removed, everything else shared: a
   * rule put replaces the one with its id in place, a new one goes last. The caller has checked the
   * rules against this table.
   */
  public RuleTable withRules(long revision, Collection<Rule> put, Collection<String> removed) {
    Map<String, Rule> byId = new LinkedHashMap<>(rules);
    Map<String, Map<String, Level>> index = new HashMap<>(levels);
    Set<List<String>> touched = new LinkedHashSet<>();
    for (String id : removed) {
      Rule old = byId.remove(id);
      if (old != null) {
        touched.add(List.of(old.ingredient(), old.jurisdiction()));
      }
    }
    for (Rule rule : put) {
      Rule old = byId.put(rule.id(), rule);
      if (old != null) {
        touched.add(List.of(old.ingredient(), old.jurisdiction()));
      }
      touched.add(List.of(rule.ingredient(), rule.jurisdiction()));
    }
    Map<String, Map<String, Level>> changed = new HashMap<>();
    for (List<String> at : touched) {
      changed.computeIfAbsent(
          at.get(0), ingredient -> new HashMap<>(index.getOrDefault(ingredient, Map.of())));
    }
    for (List<String> at : touched) {
      List<Rule> group = new ArrayList<>();
      for (Rule rule : rulesAt(at.get(0), at.get(1))) {
        if (byId.get(rule.id()) == rule) {
          group.add(rule); // neither removed nor replaced
        }
      }
      for (Rule rule : put) {
        if (rule.ingredient().equals(at.get(0))
            && rule.jurisdiction().equals(at.get(1))
            && !group.contains(rule)) {
          group.add(rule);
        }
      }
      Map<String, Level> level = changed.get(at.get(0));
      if (group.isEmpty()) {
        level.remove(at.get(1));
      } else {
        level.put(at.get(1), level(group));
      }
    }
    changed.forEach(
        (ingredient, level) -> {
          if (level.isEmpty()) {
            index.remove(ingredient);
          } else {
            index.put(ingredient, Map.copyOf(level));
          }
        });
    return new RuleTable(
        this, revision, Collections.unmodifiableMap(byId), Map.copyOf(index), policies);
  }

  /** One level's rules ordered by id, with the numbers of their nodes. */
  private Level level(List<Rule> rules) {
    List<Rule> sorted = rules.stream().sorted(Comparator.comparing(Rule::id)).toList();
    int[] sourceNumbers = new int[sorted.size()];
    int[] methodNumbers = new int[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      sourceNumbers[i] = sources.number(sorted.get(i).source());
      methodNumbers[i] = deliveryMethods.number(sorted.get(i).deliveryMethod());
    }
    return new Level(sorted, sourceNumbers, methodNumbers);
  }

  public long revision() {
    return revision;
  }

  public Metadata metadata() {
    return metadata;
  }

  public Tree<Node> ingredients() {
    return ingredients;
  }

  public Tree<Jurisdiction> jurisdictions() {
    return jurisdictions;
  }

  public Tree<Node> sources() {
    return sources;
  }

  public Tree<Node> deliveryMethods() {
    return deliveryMethods;
  }

  public Map<String, Reference> references() {
    return references;
  }

  /** Every rule, in the order the table lists them. */
  public Collection<Rule> rules() {
    return rules.values();
  }

  public Optional<Rule> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** The rule with this id, the law's or a policy's: ids are unique in the whole table. */
  public Optional<Rule> anyRule(String id) {
    Rule rule = rules.get(id);
    if (rule != null) {
      return Optional.of(rule);
    }
    for (Policy policy : policies.values()) {
      Optional<Rule> own = policy.rule(id);
      if (own.isPresent()) {
        return own;
      }
    }
    return Optional.empty();
  }

  /** The rules written for exactly this ingredient and jurisdiction, ordered by id. */
  public List<Rule> rulesAt(String ingredient, String jurisdiction) {
    return level(ingredient, jurisdiction).rules();
  }

  Level level(String ingredient, String jurisdiction) {
    return levels.getOrDefault(ingredient, Map.of()).getOrDefault(jurisdiction, Level.EMPTY);
  }

  /** Whether any rule for the ingredient exists, on any day, in the jurisdiction's chain. */
  public Coverage coverage(String ingredient, String jurisdiction) {
    for (String level : jurisdictions.chain(jurisdiction)) {
      if (!rulesAt(ingredient, level).isEmpty()) {
        return Coverage.RULES;
      }
    }
    return Coverage.NONE;
  }

  /** Every policy, in the order the table lists them. */
  public Collection<Policy> policies() {
    return policies.values();
  }

  public Optional<Policy> policy(String id) {
    return Optional.ofNullable(policies.get(id));
  }

  public Decision decide(Question question) {
    return Decider.decide(this, question);
  }

  /** The law's answer and the policy's, and the most severe of the two (section 4.5). */
  public PolicyDecision decide(Question question, Policy policy) {
    return new PolicyDecision(decide(question), policy, Decider.decide(this, policy, question));
  }

  /** The sentence a person reads for a decision made from this table. */
  public String explain(Decision decision) {
    return decision.explanation(jurisdictions.chain(decision.question().jurisdiction()));
  }

  /** The sentence of a policy's own part, e.g. "policy acme-vegan: everywhere: ...: PROHIBITED". */
  public String explainPolicy(PolicyDecision decision) {
    List<String> chain =
        new ArrayList<>(jurisdictions.chain(decision.law().question().jurisdiction()));
    chain.add(Decision.EVERYWHERE);
    return "policy " + decision.policy().id() + ": " + decision.byPolicy().explanation(chain);
  }

  /** The law's sentence, then the policy's. */
  public String explain(PolicyDecision decision) {
    return explain(decision.law()) + "; " + explainPolicy(decision);
  }
}
