package io.exoreg.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Writes the whole table of every {@code exoreg.store.checkpoint-every}th revision after it has
 * committed, on a thread of its own, so that the edit that reaches it costs no more than another. A
 * checkpoint only shortens the way back to a past revision: one that is never written (the process
 * stopped first) leaves every revision exact, rebuilt from the checkpoint before it.
 */
@ApplicationScoped
class Checkpoints {
  private static final Logger LOG = Logger.getLogger(Checkpoints.class);

  private final RulesetStore store;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "exoreg-checkpoints");
            thread.setDaemon(true);
            return thread;
          });

  Checkpoints(RulesetStore store) {
    this.store = store;
  }

  void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommittedTable committed) {
    if (!committed.checkpointDue()) {
      return;
    }
    writer.execute(
        () -> {
          try {
            store.checkpoint(committed.table());
          } catch (RuntimeException e) {
            LOG.warnf(
                "No checkpoint at revision %d (%s); older revisions are rebuilt from an earlier"
                    + " one",
                committed.table().revision(), Databases.reason(e));
          }
        });
  }
}
