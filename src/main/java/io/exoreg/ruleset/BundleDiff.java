package io.exoreg.ruleset;

import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.PolicyEntry;
import io.exoreg.ruleset.Bundle.ReferenceEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.Change.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The entries that differ between two tables. Order within a list is not content: a table reordered
 * but otherwise equal has no difference, so exporting and importing it changes nothing.
 */
public final class BundleDiff {
  private BundleDiff() {}

  /** The table's own description, as the "ruleset" entry of the change feed. */
  public record Metadata(
      @Schema(nullable = true) String title,
      @Schema(nullable = true, format = "date") String publishedOn,
      @Schema(nullable = true) String disclaimer,
      Map<String, String> statuses) {
    static Metadata of(Bundle b) {
      return new Metadata(b.title(), b.publishedOn(), b.disclaimer(), b.statuses());
    }
  }

  public static List<Change> between(Bundle before, Bundle after) {
    List<Change> changes = new ArrayList<>();
    Metadata was = Metadata.of(before);
    Metadata is = Metadata.of(after);
    if (!was.equals(is)) {
      changes.add(new Change(Change.RULESET, "metadata", Action.changed, was, is));
    }
    compare(
        changes, Change.INGREDIENT, before.ingredients(), after.ingredients(), IngredientEntry::id);
    compare(
        changes,
        Change.JURISDICTION,
        before.jurisdictions(),
        after.jurisdictions(),
        JurisdictionEntry::code);
    compare(changes, Change.SOURCE, before.sources(), after.sources(), NodeEntry::id);
    compare(
        changes,
        Change.DELIVERY_METHOD,
        before.deliveryMethods(),
        after.deliveryMethods(),
        NodeEntry::id);
    compare(changes, Change.REFERENCE, before.references(), after.references(), ReferenceEntry::id);
    compare(changes, Change.RULE, before.rules(), after.rules(), RuleEntry::id);
    compare(changes, Change.POLICY, before.policies(), after.policies(), PolicyEntry::id);
    return changes;
  }

  private static <T> void compare(
      List<Change> changes, String entity, List<T> before, List<T> after, Function<T, String> id) {
    Map<String, T> was = index(before, id);
    Map<String, T> is = index(after, id);
    is.forEach(
        (key, entry) -> {
          T previous = was.get(key);
          if (previous == null) {
            changes.add(new Change(entity, key, Action.added, null, entry));
          } else if (!Objects.equals(previous, entry)) {
            changes.add(new Change(entity, key, Action.changed, previous, entry));
          }
        });
    was.forEach(
        (key, entry) -> {
          if (!is.containsKey(key)) {
            changes.add(new Change(entity, key, Action.removed, entry, null));
          }
        });
  }

  private static <T> Map<String, T> index(List<T> entries, Function<T, String> id) {
    Map<String, T> index = new LinkedHashMap<>();
    if (entries != null) {
      entries.forEach(entry -> index.put(id.apply(entry), entry));
    }
    return index;
  }
}
