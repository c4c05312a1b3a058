package io.exoreg.ruleset;

/**
 * One entry of a table that a change added, changed or removed, with its state before and after in
 * the bundle's shape (null where it did not exist).
 */
public record Change(String entity, String id, Action action, Object before, Object after) {

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
      default -> throw new IllegalArgumentException("No entity " + entity);
    };
  }
}
