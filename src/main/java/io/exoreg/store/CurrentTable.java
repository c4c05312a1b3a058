package io.exoreg.store;

import io.exoreg.decision.RuleTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Optional;

/**
 * The snapshot every read is answered from. It is replaced whole, never changed in place, so a
 * reader sees one revision throughout; it is replaced only by a table whose transaction succeeded.
 */
@ApplicationScoped
public class CurrentTable {
  private volatile RuleTable table;

  /** The loaded snapshot, if any; absent only until the first load succeeds. */
  public Optional<RuleTable> get() {
    return Optional.ofNullable(table);
  }

  /** The loaded snapshot; before the first load, a {@link TableNotLoadedException}. */
  public RuleTable require() {
    RuleTable loaded = table;
    if (loaded == null) {
      throw new TableNotLoadedException();
    }
    return loaded;
  }

  /** Installs a committed table unless a newer one is already installed. */
  synchronized void install(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) CommittedTable committed) {
    RuleTable candidate = committed.table();
    if (table == null || candidate.revision() > table.revision()) {
      table = candidate;
    }
  }
}
