package io.exoreg.ruleset;

import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.ReferenceEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry of a table that a change added, changed or removed, with its state before and after in
 * the bundle's shape (null where it did not exist).
 */
public record Change(
    @Schema(implementation = Entity.class) String entity,
    String id,
    Action action,
    @Schema(implementation = Entry.class, nullable = true) Object before,
    @Schema(implementation = Entry.class, nullable = true) Object after) {

  /** An entry of any kind in the bundle's shape, as a change holds it before and after. */
  @Schema(
      name = "Entry",
      description = "The entry in the bundle's shape; null where it did not exist",
      anyOf = {
        RuleEntry.class,
        IngredientEntry.class,
        JurisdictionEntry.class,
        NodeEntry.class,
        ReferenceEntry.class,
        Bundle.PolicyEntry.class,
        BundleDiff.Metadata.class
      })
  public interface Entry {}

  /** The kinds of entry a change is to, as the feed names them. */
  public enum Entity {
    ruleset,
    ingredient,
    jurisdiction,
    source,
    deliveryMethod,
    reference,
    rule,
    policy
  }

  /** What happened to the entry. */
  public enum Action {
    added,
    changed,
    removed
  }

  /** The kinds of entry, named as in the change feed. */
  public static final String RULESET = "ruleset";

  public static final String INGREDIENT = "ingredient";
  public static final String JURISDICTION = "jurisdiction";
  public static final String SOURCE = "source";
  public static final String DELIVERY_METHOD = "deliveryMethod";
  public static final String REFERENCE = "reference";
  public static final String RULE = "rule";
  public static final String POLICY = "policy";

  /**
   * The record an entry of this kind is in the bundle's shape, as {@link #before} and {@link
   * #after} hold it.
   */
  public static Class<?> entryType(String entity) {
    return switch (entity) {
      case RULESET -> BundleDiff.Metadata.class;
      case INGREDIENT -> Bundle.IngredientEntry.class;
      case JURISDICTION -> Bundle.JurisdictionEntry.class;
      case SOURCE, DELIVERY_METHOD -> Bundle.NodeEntry.class;
      case REFERENCE -> Bundle.ReferenceEntry.class;
      case RULE -> Bundle.RuleEntry.class;
      case POLICY -> Bundle.PolicyEntry.class;
      default -> throw new IllegalArgumentException("No entity " + entity);
    };
  }
}
