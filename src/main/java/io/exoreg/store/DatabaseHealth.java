package io.exoreg.store;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether the database answers, at {@code /q/health/group/database}: apart from readiness, which
 * stays UP through an outage because every read is answered from the snapshot held.
 */
@HealthGroup("database")
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {
  private final DatabaseState database;
  private final CurrentTable current;

  public DatabaseHealth(DatabaseState database, CurrentTable current) {
    this.database = database;
    this.current = current;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("database")
            .status(database.reachable())
            .withData("snapshotAgeSeconds", database.snapshotAge().toSeconds());
    database.lostAt().ifPresent(at -> response.withData("unreachableSince", at.toString()));
    current.get().ifPresent(table -> response.withData("snapshotRevision", table.revision()));
    return response.build();
  }
}
