package io.exoreg.decision;

import java.util.Locale;

/**
 * Whether the table has researched an ingredient in a jurisdiction at all: {@code RULES} when some
 * rule for it exists at any level of the chain (in force or not), {@code NONE} when none does, so
 * that an answer from no research is told apart from a researched gap.
 */
public enum Coverage {
  RULES,
  NONE;

  /** The word answers carry: {@code rules} or {@code none}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
