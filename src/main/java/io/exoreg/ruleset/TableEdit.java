package io.exoreg.ruleset;

import io.exoreg.decision.Policy;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.PolicyEntry;
import io.exoreg.ruleset.Bundle.ReferenceEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleDiff.Metadata;
import io.exoreg.ruleset.BundleEdits.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A table made from another, checked against every validation rule, with the entries that differ. A
 * change to one rule is checked against the rest of the table and applied to the snapshot in place
 * of rebuilding it, so that its cost does not grow with the table. The same changes, read back from
 * the store, bring another snapshot or an older bundle forward.
 *
 * @param whole the table as a bundle, when it was given whole (an import), so that only a copy of
 *     it, not its changes, says in which order it lists its entries
 */
public record TableEdit(RuleTable table, List<Change> changes, Bundle whole) {

  /** The table that {@code next} describes, at the revision after {@code base}'s. */
  public static TableEdit replacing(RuleTable base, Bundle next) {
    Bundle before = Rulesets.toBundle(base);
    // a bundle of the law alone leaves the table's policies as they are
    Bundle given = next.policies() == null ? next.withPolicies(before.policies()) : next;
    RuleTable table = Rulesets.validate(given, base.revision() + 1);
    Bundle whole = Rulesets.toBundle(table);
    return new TableEdit(table, BundleDiff.between(before, whole), whole);
  }

  /**
   * The table with one entry put (replacing the one with its id in place, or last when new) or,
   * with a null {@code entry}, removed.
   */
  public static TableEdit editing(RuleTable base, Kind kind, String id, Object entry) {
    long revision = base.revision() + 1;
    if (kind == Kind.POLICY) {
      return editingPolicy(base, id, (PolicyEntry) entry, revision);
    }
    if (kind != Kind.RULE) {
      Bundle bundle = Rulesets.toBundle(base);
      Bundle next =
          entry == null
              ? BundleEdits.remove(bundle, kind, id)
              : BundleEdits.put(bundle, kind, id, entry);
      RuleTable table = Rulesets.validate(next, revision);
      return new TableEdit(table, BundleDiff.between(bundle, Rulesets.toBundle(table)), null);
    }
    RuleEntry before = base.rule(id).map(Rulesets::entry).orElse(null);
    if (entry == null) {
      return before == null
          ? new TableEdit(base, List.of(), null)
          : new TableEdit(
              base.withRules(revision, List.of(), List.of(id)),
              List.of(new Change(Change.RULE, id, Change.Action.removed, before, null)),
              null);
    }
    Rule rule = BundleValidator.validateRule(base, (RuleEntry) entry);
    RuleEntry after = Rulesets.entry(rule);
    if (after.equals(before)) {
      return new TableEdit(base, List.of(), null);
    }
    Change.Action action = before == null ? Change.Action.added : Change.Action.changed;
    return new TableEdit(
        base.withRules(revision, List.of(rule), List.of()),
        List.of(new Change(Change.RULE, id, action, before, after)),
        null);
  }

  /** One policy put or removed, checked against the rest of the table; nothing else rebuilt. */
  private static TableEdit editingPolicy(
      RuleTable base, String id, PolicyEntry entry, long revision) {
    PolicyEntry before = base.policy(id).map(Rulesets::entry).orElse(null);
    if (entry == null) {
      return before == null
          ? new TableEdit(base, List.of(), null)
          : new TableEdit(
              base.withPolicy(revision, id, null),
              List.of(new Change(Change.POLICY, id, Change.Action.removed, before, null)),
              null);
    }
    Policy policy = BundleValidator.validatePolicy(base, entry, true);
    PolicyEntry after = Rulesets.entry(policy);
    if (after.equals(before)) {
      return new TableEdit(base, List.of(), null);
    }
    Change.Action action = before == null ? Change.Action.added : Change.Action.changed;
    return new TableEdit(
        base.withPolicy(revision, id, policy),
        List.of(new Change(Change.POLICY, id, action, before, after)),
        null);
  }

  /**
   * The table as committed changes left it: changes to rules and policies alone are applied to the
   * snapshot; any other change rebuilds it from the bundle.
   */
  public static RuleTable applying(RuleTable base, List<Change> changes, long revision) {
    if (changes.stream().allMatch(c -> c.entity().equals(Change.POLICY))) {
      RuleTable table = base;
      for (Change change : changes) {
        table =
            table.withPolicy(
                revision,
                change.id(),
                change.action() == Change.Action.removed
                    ? null
                    : BundleValidator.validatePolicy(table, (PolicyEntry) change.after(), false));
      }
      return table;
    }
    if (changes.stream().allMatch(c -> c.entity().equals(Change.RULE))) {
      Map<String, RuleEntry> put = new LinkedHashMap<>();
      Set<String> removed = new LinkedHashSet<>();
      for (Change change : changes) {
        if (change.action() == Change.Action.removed) {
          put.remove(change.id());
          removed.add(change.id());
        } else {
          // an entry removed and added again goes last, as it would have when it was added
          put.put(change.id(), (RuleEntry) change.after());
        }
      }
      List<Rule> rules = new ArrayList<>();
      for (RuleEntry entry : put.values()) {
        rules.add(BundleValidator.validateRule(base, entry, false));
      }
      return base.withRules(revision, rules, removed);
    }
    return Rulesets.validate(applying(Rulesets.toBundle(base), changes), revision);
  }

  /** The bundle as the changes, in the order they were made, left it. */
  public static Bundle applying(Bundle base, List<Change> changes) {
    Metadata metadata = Metadata.of(base);
    Entries<IngredientEntry> ingredients = new Entries<>(base.ingredients(), IngredientEntry::id);
    Entries<JurisdictionEntry> jurisdictions =
        new Entries<>(base.jurisdictions(), JurisdictionEntry::code);
    Entries<NodeEntry> sources = new Entries<>(base.sources(), NodeEntry::id);
    Entries<NodeEntry> methods = new Entries<>(base.deliveryMethods(), NodeEntry::id);
    Entries<ReferenceEntry> references = new Entries<>(base.references(), ReferenceEntry::id);
    Entries<RuleEntry> rules = new Entries<>(base.rules(), RuleEntry::id);
    Entries<PolicyEntry> policies = new Entries<>(base.policies(), PolicyEntry::id);
    for (Change change : changes) {
      switch (change.entity()) {
        case Change.RULESET -> metadata = (Metadata) change.after();
        case Change.INGREDIENT -> ingredients.apply(change);
        case Change.JURISDICTION -> jurisdictions.apply(change);
        case Change.SOURCE -> sources.apply(change);
        case Change.DELIVERY_METHOD -> methods.apply(change);
        case Change.REFERENCE -> references.apply(change);
        case Change.RULE -> rules.apply(change);
        case Change.POLICY -> policies.apply(change);
        default -> throw new IllegalArgumentException("No entity " + change.entity());
      }
    }
    return new Bundle(
        base.format(),
        metadata.title(),
        metadata.publishedOn(),
        metadata.disclaimer(),
        metadata.statuses(),
        ingredients.list(),
        jurisdictions.list(),
        sources.list(),
        methods.list(),
        references.list(),
        rules.list(),
        policies.list());
  }

  /**
   * One list of a bundle by id, in order: a changed entry keeps its place, an added one goes last.
   */
  private static final class Entries<T> {
    private final Map<String, T> byId = new LinkedHashMap<>();

    Entries(List<T> entries, Function<T, String> id) {
      Objects.requireNonNullElse(entries, List.<T>of()).forEach(e -> byId.put(id.apply(e), e));
    }

    @SuppressWarnings("unchecked")
    void apply(Change change) {
      switch (change.action()) {
        case added -> {
          byId.remove(change.id());
          byId.put(change.id(), (T) change.after());
        }
        case changed -> byId.put(change.id(), (T) change.after());
        case removed -> byId.remove(change.id());
      }
    }

    List<T> list() {
      return new ArrayList<>(byId.values());
    }
  }
}
