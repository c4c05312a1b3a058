package io.exoreg.ruleset;

import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.PolicyEntry;
import io.exoreg.ruleset.Bundle.ReferenceEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** New tables made from old ones: one entry put or removed, or a whole bundle merged in. */
public final class BundleEdits {
  private BundleEdits() {}

  /** The kinds of entry that can be edited one at a time, with how to find and replace them. */
  public enum Kind {
    RULE(Change.RULE, "rule"),
    INGREDIENT(Change.INGREDIENT, "ingredient"),
    JURISDICTION(Change.JURISDICTION, "jurisdiction"),
    SOURCE(Change.SOURCE, "source"),
    DELIVERY_METHOD(Change.DELIVERY_METHOD, "delivery method"),
    POLICY(Change.POLICY, "policy");

    public final String entity;
    public final String noun;

    Kind(String entity, String noun) {
      this.entity = entity;
      this.noun = noun;
    }
  }

  /** The entry with this id, if the table has one. */
  public static Object find(Bundle b, Kind kind, String id) {
    return switch (kind) {
      case RULE -> find(b.rules(), RuleEntry::id, id);
      case INGREDIENT -> find(b.ingredients(), IngredientEntry::id, id);
      case JURISDICTION -> find(b.jurisdictions(), JurisdictionEntry::code, id);
      case SOURCE -> find(b.sources(), NodeEntry::id, id);
      case DELIVERY_METHOD -> find(b.deliveryMethods(), NodeEntry::id, id);
      case POLICY -> find(b.policies(), PolicyEntry::id, id);
    };
  }

  /** The table with the entry added at the end, or replacing the entry with its id in place. */
  public static Bundle put(Bundle b, Kind kind, String id, Object entry) {
    return edit(b, kind, id, entry);
  }

  public static Bundle remove(Bundle b, Kind kind, String id) {
    return edit(b, kind, id, null);
  }

  /** The table with the entry of that kind and id put in its place, or removed when null. */
  private static Bundle edit(Bundle b, Kind kind, String id, Object entry) {
    // every kind named, so that a new one does not compile until it is placed here
    return switch (kind) {
      case POLICY ->
          b.withPolicies(replace(b.policies(), PolicyEntry::id, id, (PolicyEntry) entry));
      case RULE, INGREDIENT, JURISDICTION, SOURCE, DELIVERY_METHOD -> entryEdit(b, kind, id, entry);
    };
  }

  /** The table with one entry of the law's table put in place or removed. */
  private static Bundle entryEdit(Bundle b, Kind kind, String id, Object entry) {
    return new Bundle(
        b.format(),
        b.title(),
        b.publishedOn(),
        b.disclaimer(),
        b.statuses(),
        kind == Kind.INGREDIENT
            ? replace(b.ingredients(), IngredientEntry::id, id, (IngredientEntry) entry)
            : b.ingredients(),
        kind == Kind.JURISDICTION
            ? replace(b.jurisdictions(), JurisdictionEntry::code, id, (JurisdictionEntry) entry)
            : b.jurisdictions(),
        kind == Kind.SOURCE
            ? replace(b.sources(), NodeEntry::id, id, (NodeEntry) entry)
            : b.sources(),
        kind == Kind.DELIVERY_METHOD
            ? replace(b.deliveryMethods(), NodeEntry::id, id, (NodeEntry) entry)
            : b.deliveryMethods(),
        b.references(),
        kind == Kind.RULE ? replace(b.rules(), RuleEntry::id, id, (RuleEntry) entry) : b.rules(),
        b.policies());
  }

  /**
   * The old table with every entry of {@code incoming} put into it: entries with a known id replace
   * it in place, new ones follow; nothing is removed. Metadata the incoming bundle gives replaces
   * the old.
   */
  public static Bundle merge(Bundle old, Bundle incoming) {
    return new Bundle(
        incoming.format(), // checked like any bundle's
        incoming.title() != null ? incoming.title() : old.title(),
        incoming.publishedOn() != null ? incoming.publishedOn() : old.publishedOn(),
        incoming.disclaimer() != null ? incoming.disclaimer() : old.disclaimer(),
        incoming.statuses() != null ? incoming.statuses() : old.statuses(),
        mergeList(old.ingredients(), incoming.ingredients(), IngredientEntry::id),
        mergeList(old.jurisdictions(), incoming.jurisdictions(), JurisdictionEntry::code),
        mergeList(old.sources(), incoming.sources(), NodeEntry::id),
        mergeList(old.deliveryMethods(), incoming.deliveryMethods(), NodeEntry::id),
        mergeList(old.references(), incoming.references(), ReferenceEntry::id),
        mergeList(old.rules(), incoming.rules(), RuleEntry::id),
        incoming.policies() == null
            ? old.policies()
            : mergeList(old.policies(), incoming.policies(), PolicyEntry::id));
  }

  private static <T> T find(List<T> entries, Function<T, String> id, String key) {
    if (entries == null) {
      return null;
    }
    return entries.stream()
        .filter(e -> e != null && key.equals(id.apply(e)))
        .findFirst()
        .orElse(null);
  }

  private static <T> List<T> replace(List<T> entries, Function<T, String> id, String key, T entry) {
    List<T> result = new ArrayList<>();
    boolean placed = false;
    for (T existing : entries == null ? List.<T>of() : entries) {
      if (existing != null && key.equals(id.apply(existing))) {
        if (entry != null) {
          result.add(entry);
        }
        placed = true;
      } else {
        result.add(existing);
      }
    }
    if (!placed && entry != null) {
      result.add(entry);
    }
    return result;
  }

  private static <T> List<T> mergeList(List<T> old, List<T> incoming, Function<T, String> id) {
    Map<String, T> merged = new LinkedHashMap<>();
    List<T> unkeyed = new ArrayList<>();
    for (List<T> list :
        List.of(old == null ? List.<T>of() : old, incoming == null ? List.<T>of() : incoming)) {
      for (T entry : list) {
        if (entry == null || id.apply(entry) == null) {
          unkeyed.add(entry); // left for validation to name
        } else {
          merged.put(id.apply(entry), entry);
        }
      }
    }
    List<T> result = new ArrayList<>(merged.values());
    result.addAll(unkeyed);
    return result;
  }
}
