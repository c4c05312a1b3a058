package io.exoreg.ruleset;

import io.exoreg.decision.Jurisdiction;
import io.exoreg.decision.LegalBasis;
import io.exoreg.decision.Metadata;
import io.exoreg.decision.Node;
import io.exoreg.decision.Policy;
import io.exoreg.decision.Reference;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.decision.Tree;
import io.exoreg.decision.TreeEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a whole bundle against every validation rule of the specification and builds the snapshot
 * from it. All violations are collected, so that one answer names every offending entry.
 */
final class BundleValidator {
  private static final Pattern ID =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?");
  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,8}(?:-[A-Z0-9]{1,8})?");
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/?#]+[^\\s]*");
  private static final Set<String> CONFIDENCE = Set.of("high", "medium", "low");

  private final List<Violation> violations = new ArrayList<>();

  /**
   * One instance of each value rules repeat (codes, texts, dates), so a large table stays small.
   */
  private final Map<Object, Object> shared = new HashMap<>();

  private final Set<String> undated = new HashSet<>();

  /** Each date and link of a table is read once however many rules repeat it. */
  private final Map<String, LocalDate> dates = new HashMap<>();

  private final Set<String> urls = new HashSet<>();

  /**
   * Whether the bundle is a table the store committed, so passed every check when it was written:
   * its ids, links, uniqueness and overlaps are not checked again, and it is only built.
   */
  private final boolean committed;

  private BundleValidator(boolean committed) {
    this.committed = committed;
  }

  static RuleTable validate(Bundle bundle, long revision) {
    return new BundleValidator(false).check(bundle, revision);
  }

  static RuleTable rebuild(Bundle bundle, long revision) {
    return new BundleValidator(true).check(bundle, revision);
  }

  private RuleTable check(Bundle bundle, long revision) {
    if (!Bundle.FORMAT.equals(bundle.format())) {
      fail("format", "must be \"" + Bundle.FORMAT + "\"");
    }
    Map<Status, String> statuses = statuses(bundle.statuses());
    List<Node> ingredients =
        entries(
            "ingredients",
            bundle.ingredients(),
            (field, e) -> {
              checkId(field, ".id", e.id(), ID);
              required(field, ".label", e.label());
              return new Node(e.id(), null, e.label(), aliases(field, e.aliases()));
            });
    List<Jurisdiction> jurisdictions =
        entries(
            "jurisdictions",
            bundle.jurisdictions(),
            (field, e) -> {
              checkId(field, ".code", e.code(), CODE);
              required(field, ".name", e.name());
              return new Jurisdiction(
                  e.code(),
                  e.name(),
                  e.parent(),
                  e.regulator(),
                  e.notes(),
                  aliases(field, e.aliases()));
            });
    List<Node> sources = entries("sources", bundle.sources(), this::node);
    List<Node> methods = entries("deliveryMethods", bundle.deliveryMethods(), this::node);
    List<Reference> references =
        entries(
            "references",
            bundle.references(),
            (field, e) -> {
              checkId(field, ".id", e.id(), ID);
              required(field, ".title", e.title());
              checkUrl(field, ".url", e.url());
              return new Reference(e.id(), e.title(), e.publisher(), e.date(), e.url(), e.kind());
            });
    boolean vocabulariesValid =
        vocabulary("ingredients", ingredients, "id")
            & vocabulary("jurisdictions", jurisdictions, "code")
            & vocabulary("sources", sources, "id")
            & vocabulary("deliveryMethods", methods, "id");
    uniqueIds("references", references, Reference::id);
    if (!vocabulariesValid) {
      // Rules cannot be resolved against broken trees; report what is known so far.
      throw new InvalidRulesetException(violations);
    }
    Tree<Node> ingredientTree = new Tree<>(present(ingredients));
    Tree<Jurisdiction> jurisdictionTree = new Tree<>(present(jurisdictions));
    Tree<Node> sourceTree = new Tree<>(present(sources));
    Tree<Node> methodTree = new Tree<>(present(methods));
    Set<String> referenceIds = new HashSet<>();
    references.stream().filter(Objects::nonNull).forEach(r -> referenceIds.add(r.id()));

    Trees trees = new Trees(ingredientTree, jurisdictionTree, sourceTree, methodTree);
    List<Rule> rules =
        entries(
            "rules",
            bundle.rules(),
            (field, e) -> rule(field, e, trees, referenceIds::contains, false));
    uniqueIds("rules", rules, Rule::id);
    overlaps("rules", rules);
    List<Policy> policies =
        entries(
            "policies",
            bundle.policies(),
            (field, e) -> policy(field, e, trees, referenceIds::contains));
    uniqueIds("policies", policies, Policy::id);
    policyRuleIds(rules, bundle.policies());
    if (!violations.isEmpty()) {
      throw new InvalidRulesetException(violations);
    }
    Metadata metadata =
        new Metadata(bundle.title(), bundle.publishedOn(), bundle.disclaimer(), statuses);
    return new RuleTable(
        revision,
        metadata,
        ingredients,
        jurisdictions,
        sources,
        methods,
        references,
        rules,
        policies);
  }

  /** A policy: an id, a name, and rules checked as the law's are, each within the policy. */
  private Policy policy(
      String field, Bundle.PolicyEntry e, Trees trees, Predicate<String> referenceExists) {
    checkId(field, ".id", e.id(), ID);
    required(field, ".name", e.name());
    String list = field + ".rules";
    List<Rule> rules =
        entries(list, e.rules(), (at, rule) -> rule(at, rule, trees, referenceExists, true));
    uniqueIds(list, rules, Rule::id);
    overlaps(list, rules);
    return new Policy(
        e.id(), e.name(), e.description(), rules.stream().filter(Objects::nonNull).toList());
  }

  /** Rule ids are unique in the whole table: a policy's rule is named apart from the law's. */
  private void policyRuleIds(List<Rule> law, List<Bundle.PolicyEntry> policies) {
    if (policies == null || committed) {
      return;
    }
    Map<String, String> owners = new HashMap<>();
    law.stream()
        .filter(Objects::nonNull)
        .forEach(rule -> owners.putIfAbsent(key(rule.id()), "law rule '" + rule.id() + "'"));
    for (int p = 0; p < policies.size(); p++) {
      Bundle.PolicyEntry policy = policies.get(p);
      if (policy == null || policy.rules() == null) {
        continue;
      }
      for (int r = 0; r < policy.rules().size(); r++) {
        Bundle.RuleEntry rule = policy.rules().get(r);
        if (rule == null || rule.id() == null) {
          continue;
        }
        String owner =
            owners.putIfAbsent(
                key(rule.id()), "rule '" + rule.id() + "' of policy '" + policy.id() + "'");
        if (owner != null && !owner.endsWith("of policy '" + policy.id() + "'")) {
          fail(
              "policies[" + p + "].rules[" + r + "].id",
              "'" + rule.id() + "' is taken by " + owner + "; rule ids are unique in the table");
        }
      }
    }
  }

  private static String key(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  /** The vocabularies a rule's codes must name. */
  record Trees(
      Tree<Node> ingredients,
      Tree<Jurisdiction> jurisdictions,
      Tree<Node> sources,
      Tree<Node> deliveryMethods) {
    static Trees of(RuleTable table) {
      return new Trees(
          table.ingredients(), table.jurisdictions(), table.sources(), table.deliveryMethods());
    }
  }

  /**
   * Checks one rule of an otherwise valid table, and that it is in force at no time when another
   * rule for the same ingredient, jurisdiction, source and method is, other than the one it
   * replaces. Its fields are named as those of {@code rules[0]}.
   */
  static Rule validateRule(RuleTable table, Bundle.RuleEntry entry) {
    return validateRule(table, entry, true);
  }

  /**
   * Reads one rule of a committed table; {@code againstOthers} false skips the checks against the
   * other rules, which its commit passed and which a batch of its neighbours' changes would upset.
   */
  static Rule validateRule(RuleTable table, Bundle.RuleEntry entry, boolean againstOthers) {
    BundleValidator validator = new BundleValidator(false);
    String field = "rules[0]";
    Rule rule =
        validator.rule(
            field, entry, Trees.of(table), id -> table.references().containsKey(id), false);
    if (againstOthers && validator.violations.isEmpty() && table.rule(rule.id()).isEmpty()) {
      for (Rule other : table.rules()) {
        if (other.id().equalsIgnoreCase(rule.id())) {
          validator.fail(field + ".id", "'" + rule.id() + "' collides with '" + other.id() + "'");
        }
      }
      validator.takenByPolicy(field + ".id", rule.id(), table, null);
    }
    if (againstOthers && validator.violations.isEmpty()) {
      for (Rule other : table.rulesAt(rule.ingredient(), rule.jurisdiction())) {
        if (!other.id().equals(rule.id())
            && other.source().equals(rule.source())
            && other.deliveryMethod().equals(rule.deliveryMethod())
            && other.overlaps(rule)) {
          validator.fail(field + ".effectiveFrom", overlapMessage(rule, other));
        }
      }
    }
    if (!validator.violations.isEmpty()) {
      throw new InvalidRulesetException(validator.violations);
    }
    return rule;
  }

  /**
   * Checks one policy of an otherwise valid table: its rules as {@link #policy} does, and their ids
   * against the law's and other policies'. Its fields are named as those of {@code policies[0]}.
   */
  static Policy validatePolicy(RuleTable table, Bundle.PolicyEntry entry, boolean againstOthers) {
    BundleValidator validator = new BundleValidator(false);
    Policy policy =
        validator.policy(
            "policies[0]", entry, Trees.of(table), id -> table.references().containsKey(id));
    if (againstOthers && validator.violations.isEmpty()) {
      for (int r = 0; r < policy.rules().size(); r++) {
        String id = policy.rules().get(r).id();
        String field = "policies[0].rules[" + r + "].id";
        table.rules().stream()
            .filter(law -> law.id().equalsIgnoreCase(id))
            .findFirst()
            .ifPresent(
                law ->
                    validator.fail(
                        field,
                        "'"
                            + id
                            + "' is taken by law rule '"
                            + law.id()
                            + "'; rule ids are unique in the table"));
        validator.takenByPolicy(field, id, table, policy.id());
      }
    }
    if (!validator.violations.isEmpty()) {
      throw new InvalidRulesetException(validator.violations);
    }
    return policy;
  }

  /** Fails when a rule of a policy other than {@code except} has this id, in any case. */
  private void takenByPolicy(String field, String id, RuleTable table, String except) {
    for (Policy other : table.policies()) {
      if (!other.id().equals(except)) {
        other.rules().stream()
            .filter(rule -> rule.id().equalsIgnoreCase(id))
            .findFirst()
            .ifPresent(
                rule ->
                    fail(
                        field,
                        "'"
                            + id
                            + "' is taken by rule '"
                            + rule.id()
                            + "' of policy '"
                            + other.id()
                            + "'; rule ids are unique in the table"));
      }
    }
  }

  private static String overlapMessage(Rule rule, Rule other) {
    return "rule "
        + rule.id()
        + ": its effective period overlaps that of rule "
        + other.id()
        + " for the same ingredient, jurisdiction, source and delivery method";
  }

  /**
   * One rule of the law or, with {@code inPolicy}, of a policy: a policy's rule may be written for
   * everywhere (a null jurisdiction) and may give a rationale in place of a legal basis.
   */
  private Rule rule(
      String field,
      Bundle.RuleEntry e,
      Trees trees,
      Predicate<String> referenceExists,
      boolean inPolicy) {
    checkId(field, ".id", e.id(), ID);
    String id = e.id();
    exists(field, ".ingredient", id, "ingredient", e.ingredient(), trees.ingredients());
    if (!inPolicy || e.jurisdiction() != null) {
      exists(field, ".jurisdiction", id, "jurisdiction", e.jurisdiction(), trees.jurisdictions());
    }
    exists(field, ".source", id, "source", e.source(), trees.sources());
    exists(
        field,
        ".deliveryMethod",
        id,
        "delivery method",
        e.deliveryMethod(),
        trees.deliveryMethods());
    Status status = status(field, id, e.status());
    List<String> conditions = texts(field, ".conditions", e.conditions());
    String rationale = e.rationale() == null || e.rationale().isBlank() ? null : e.rationale();
    if (rationale != null && !inPolicy) {
      fail(
          field,
          ".rationale",
          who(id) + "only a policy's rules give a rationale; a law rule cites its legal basis");
    }
    LegalBasis basis = legalBasis(field, id, e.legalBasis(), inPolicy ? null : status);
    if (inPolicy && basis != null && blank(basis.instrument())) {
      fail(
          field,
          ".legalBasis.instrument",
          who(id) + "a legal basis, when given, names its instrument");
    }
    if (inPolicy
        && rationale == null
        && basis == null
        && status != null
        && status != Status.UNKNOWN) {
      fail(
          field,
          ".rationale",
          who(id) + "a " + status + " policy rule needs a rationale or a legal basis");
    }
    List<String> refs = texts(field, ".references", e.references());
    for (int i = 0; i < refs.size(); i++) {
      if (!referenceExists.test(refs.get(i))) {
        fail(
            field,
            ".references[" + i + "]",
            who(id) + "reference '" + refs.get(i) + "' is not in the references list");
      }
    }
    LocalDate from = date(field, ".effectiveFrom", id, e.effectiveFrom());
    LocalDate to = date(field, ".effectiveTo", id, e.effectiveTo());
    if (from != null && to != null && !from.isBefore(to)) {
      fail(
          field,
          ".effectiveFrom",
          who(id) + "effectiveFrom " + from + " must be before effectiveTo " + to);
    }
    if (e.confidence() == null || !CONFIDENCE.contains(e.confidence())) {
      fail(field, ".confidence", who(id) + "must be one of high, medium, low");
    }
    LocalDate verified = date(field, ".verifiedOn", id, e.verifiedOn());
    return new Rule(
        e.id(),
        share(e.ingredient()),
        share(e.jurisdiction()),
        share(e.source()),
        share(e.deliveryMethod()),
        status,
        share(List.copyOf(conditions)),
        share(basis),
        share(List.copyOf(refs)),
        share(from),
        share(to),
        share(e.confidence()),
        share(verified),
        share(e.notes()),
        rationale);
  }

  /** The entries that could be read with an id; the others are already reported. */
  private static <T extends TreeEntry> List<T> present(List<T> entries) {
    return entries.stream().filter(e -> e != null && e.id() != null).toList();
  }

  private Node node(String field, NodeEntry e) {
    checkId(field, ".id", e.id(), ID);
    required(field, ".label", e.label());
    return new Node(e.id(), e.parent(), e.label(), aliases(field, e.aliases()));
  }

  private interface EntryReader<E, T> {
    T read(String field, E entry);
  }

  private <E, T> List<T> entries(String list, List<E> entries, EntryReader<E, T> reader) {
    List<T> read = new ArrayList<>();
    if (entries == null) {
      return read;
    }
    for (int i = 0; i < entries.size(); i++) {
      String field = list + "[" + i + "]";
      if (entries.get(i) == null) {
        fail(field, "must not be null");
        read.add(null); // keeps later entries at the index the client sent them
      } else {
        read.add(reader.read(field, entries.get(i)));
      }
    }
    return read;
  }

  private Map<Status, String> statuses(Map<String, String> given) {
    Map<Status, String> statuses = new EnumMap<>(Status.class);
    if (given != null) {
      given.forEach(
          (name, meaning) -> {
            Status status = parseStatus(name);
            if (status == null) {
              fail(
                  "statuses." + name,
                  "is not a status; the statuses are " + List.of(Status.values()));
            } else if (meaning != null) {
              statuses.put(status, meaning);
            }
          });
    }
    return statuses;
  }

  /** Ids unique and aliases unambiguous (in any case), parents existing, no cycles. */
  private <T extends TreeEntry> boolean vocabulary(String list, List<T> entries, String idField) {
    int before = violations.size();
    Map<String, String> owners = new HashMap<>();
    Map<String, T> byId = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      T entry = entries.get(i);
      String field = list + "[" + i + "]";
      if (entry == null || entry.id() == null) {
        continue;
      }
      String previous = owners.putIfAbsent(Tree.key(entry.id()), entry.id());
      if (previous != null) {
        fail(field + "." + idField, "'" + entry.id() + "' collides with '" + previous + "'");
      }
      byId.putIfAbsent(entry.id(), entry);
    }
    for (int i = 0; i < entries.size(); i++) {
      T entry = entries.get(i);
      String field = list + "[" + i + "]";
      if (entry == null || entry.id() == null) {
        continue;
      }
      for (int a = 0; a < entry.aliases().size(); a++) {
        String alias = entry.aliases().get(a);
        String owner = owners.putIfAbsent(Tree.key(alias), entry.id());
        if (owner != null && !owner.equals(entry.id())) {
          fail(
              field + ".aliases[" + a + "]",
              "alias '" + alias + "' of '" + entry.id() + "' collides with '" + owner + "'");
        }
      }
      if (entry.parent() != null && !byId.containsKey(entry.parent())) {
        fail(field + ".parent", "'" + entry.parent() + "' of '" + entry.id() + "' does not exist");
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      // Walk up; an entry on a cycle meets itself again, one below a cycle meets another entry.
      T entry = entries.get(i);
      if (entry == null || entry.id() == null) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (T at = byId.get(entry.parent()); at != null; at = byId.get(at.parent())) {
        if (at.id().equals(entry.id())) {
          fail(list + "[" + i + "].parent", "'" + entry.id() + "' is its own ancestor (a cycle)");
          break;
        }
        if (!seen.add(at.id())) {
          break;
        }
      }
    }
    return violations.size() == before;
  }

  private <T> void uniqueIds(String list, List<T> entries, Function<T, String> id) {
    if (committed) {
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String value = entries.get(i) == null ? null : id.apply(entries.get(i));
      if (value == null) {
        continue;
      }
      // ids of rules and references are written as they are, not typed by people: case alone
      String previous = seen.putIfAbsent(value.strip().toLowerCase(Locale.ROOT), value);
      if (previous != null) {
        fail(list + "[" + i + "].id", "'" + value + "' collides with '" + previous + "'");
      }
    }
  }

  /**
   * Two rules for the same ingredient, jurisdiction, source and method may not be in force
   * together.
   */
  private void overlaps(String list, List<Rule> rules) {
    if (committed) {
      return;
    }
    Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if (r == null || (!undated.isEmpty() && undated.contains(list + "[" + i + "]"))) {
        continue; // an unreadable date would read as open and report overlaps that are not there
      }
      groups
          .computeIfAbsent(
              List.of(
                  Objects.toString(r.ingredient()),
                  Objects.toString(r.jurisdiction()),
                  Objects.toString(r.source()),
                  Objects.toString(r.deliveryMethod())),
              k -> new ArrayList<>())
          .add(i);
    }
    for (List<Integer> group : groups.values()) {
      for (int a = 0; a < group.size(); a++) {
        for (int b = a + 1; b < group.size(); b++) {
          Rule first = rules.get(group.get(a));
          Rule second = rules.get(group.get(b));
          if (first.overlaps(second)) {
            fail(list + "[" + group.get(b) + "].effectiveFrom", overlapMessage(second, first));
          }
        }
      }
    }
  }

  private List<String> aliases(String field, List<String> aliases) {
    return texts(field, ".aliases", aliases);
  }

  private List<String> texts(String at, String field, List<String> texts) {
    List<String> checked = new ArrayList<>();
    if (texts == null) {
      return checked;
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null || texts.get(i).isBlank()) {
        fail(at, field + "[" + i + "]", "must not be blank");
      } else {
        checked.add(texts.get(i));
      }
    }
    return checked;
  }

  private void checkId(String at, String field, String id, Pattern pattern) {
    if (id == null || id.isBlank()) {
      fail(at, field, "is required");
    } else if (!committed && !pattern.matcher(id).matches()) {
      fail(
          at,
          field,
          "'"
              + id
              + "' is not a valid "
              + (pattern == CODE
                  ? "code (upper-case letters and digits, e.g. GB, US-FL)"
                  : "id (letters, digits, '.', '_' and '-', at most 100 characters)"));
    }
  }

  private void required(String at, String field, String value) {
    if (value == null || value.isBlank()) {
      fail(at, field, "is required");
    }
  }

  /** How a violation of a rule's field begins: the rule's id, when it has one. */
  private static String who(String ruleId) {
    return ruleId == null ? "" : "rule " + ruleId + ": ";
  }

  private void exists(
      String at, String field, String ruleId, String kind, String id, Tree<?> tree) {
    if (id == null) {
      fail(at, field, who(ruleId) + kind + " is required");
    } else if (!tree.contains(id)) {
      String hint =
          tree.resolve(id).map(canonical -> " (write it as '" + canonical + "')").orElse("");
      fail(at, field, who(ruleId) + kind + " '" + id + "' does not exist" + hint);
    }
  }

  private Status status(String at, String ruleId, String value) {
    Status status = parseStatus(value);
    if (status == null) {
      fail(at, ".status", who(ruleId) + "status must be one of " + List.of(Status.values()));
    }
    return status;
  }

  private static Status parseStatus(String value) {
    for (Status status : Status.values()) {
      if (status.name().equals(value)) {
        return status;
      }
    }
    return null;
  }

  private LegalBasis legalBasis(
      String at, String ruleId, Bundle.LegalBasisEntry basis, Status status) {
    boolean missing = basis == null || basis.instrument() == null || basis.instrument().isBlank();
    if (missing) {
      if (status != null && status != Status.UNKNOWN) {
        fail(
            at,
            ".legalBasis",
            who(ruleId) + "a " + status + " rule needs a legal basis with an instrument");
      }
      boolean empty =
          basis == null
              || (blank(basis.instrument()) && blank(basis.provision()) && blank(basis.url()));
      // An empty basis is no basis: stored, it reads back as none, and must compare equal.
      return empty ? null : new LegalBasis(basis.instrument(), basis.provision(), basis.url());
    }
    checkUrl(at, ".legalBasis.url", basis.url());
    return new LegalBasis(basis.instrument(), basis.provision(), basis.url());
  }

  /**
   * Links are checked for shape only: an absolute http(s) address without blanks. Real citations
   * carry characters that strict URI parsing refuses, and a citation must not be lost for that.
   */
  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private void checkUrl(String at, String field, String url) {
    if (url != null && !committed && !urls.contains(url)) {
      if (HTTP_URL.matcher(url).matches()) {
        urls.add(url);
      } else {
        fail(at, field, "'" + url + "' is not an absolute http(s) URL");
      }
    }
  }

  private LocalDate date(String at, String field, String ruleId, String value) {
    if (value == null) {
      return null;
    }
    LocalDate known = dates.get(value);
    if (known != null) {
      return known;
    }
    try {
      LocalDate date = LocalDate.parse(value);
      if (date.getYear() >= 1 && date.getYear() <= 9999) {
        dates.put(value, date);
        return date;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    fail(at, field, who(ruleId) + "'" + value + "' is not a date (YYYY-MM-DD, years 0001 to 9999)");
    undated.add(at);
    return null;
  }

  @SuppressWarnings("unchecked")
  private <T> T share(T value) {
    return value == null ? null : (T) shared.computeIfAbsent(value, v -> v);
  }

  private void fail(String field, String message) {
    violations.add(new Violation(field, message));
  }

  /** A violation of {@code field} within the entry at {@code at}, named only when it happens. */
  private void fail(String at, String field, String message) {
    fail(at + field, message);
  }
}
