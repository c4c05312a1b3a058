package io.exoreg.read;

import io.exoreg.decision.RuleTable;
import io.exoreg.problem.ProblemException;
import io.exoreg.store.CurrentTable;

final class Snapshots {
  private Snapshots() {}

  /** The current snapshot, or a 503 problem before the first one is loaded. */
  static RuleTable require(CurrentTable current) {
    return current
        .get()
        .orElseThrow(
            () -> ProblemException.unavailable("The rule table is not loaded yet; retry shortly"));
  }
}
