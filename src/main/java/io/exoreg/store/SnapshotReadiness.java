package io.exoreg.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once a snapshot of the rule table is loaded: every read is answered from it, so readiness
 * holds through a database outage. The database's own state is in its health group.
 */
@Readiness
@ApplicationScoped
public class SnapshotReadiness implements HealthCheck {
  private final CurrentTable current;
  private final DatabaseState database;

  public SnapshotReadiness(CurrentTable current, DatabaseState database) {
    this.current = current;
    this.database = database;
  }

  @Override
  public HealthCheckResponse call() {
    return current
        .get()
        .map(
            table ->
                HealthCheckResponse.named("rule-table")
                    .up()
                    .withData("revision", table.revision())
                    .withData("rules", table.rules().size())
                    .withData("stale", !database.reachable())
                    .build())
        .orElseGet(() -> HealthCheckResponse.named("rule-table").down().build());
  }
}
