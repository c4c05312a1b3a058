package io.exoreg.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a snapshot of the rule table is loaded: every read is answered from it. */
@Readiness
@ApplicationScoped
public class SnapshotReadiness implements HealthCheck {
  private final CurrentTable current;

  public SnapshotReadiness(CurrentTable current) {
    this.current = current;
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
                    .build())
        .orElseGet(() -> HealthCheckResponse.named("rule-table").down().build());
  }
}
