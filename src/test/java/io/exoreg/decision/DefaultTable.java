package io.exoreg.decision;

import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Rulesets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The table the service ships, read from its resource as the service reads it. */
public final class DefaultTable {
  private DefaultTable() {}

  public static Bundle bundle() {
    try (InputStream in = DefaultTable.class.getResourceAsStream("/default-ruleset.json")) {
      return Rulesets.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RuleTable table() {
    return Rulesets.validate(bundle(), 1);
  }
}
