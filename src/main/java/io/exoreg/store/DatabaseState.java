package io.exoreg.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether this instance can reach its database, as its revision listener last found, and since
 * when. While it cannot, reads are answered from the snapshot held and say that it may be stale.
 */
@ApplicationScoped
public class DatabaseState {
  private final Clock clock;
  private volatile Instant lostAt;
  private volatile Instant confirmedAt;

  public DatabaseState(Clock clock) {
    this.clock = clock;
    this.confirmedAt = clock.instant();
  }

  /** The database answered; the snapshot is current as of now. */
  public void reached() {
    lostAt = null;
    confirmedAt = clock.instant();
  }

  /** The database did not answer; returns whether it was reachable until now. */
  public boolean lost() {
    if (lostAt != null) {
      return false;
    }
    lostAt = clock.instant();
    return true;
  }

  public boolean reachable() {
    return lostAt == null;
  }

  /** When the database was lost, while it is unreachable. */
  public Optional<Instant> lostAt() {
    return Optional.ofNullable(lostAt);
  }

  /** How long since the snapshot was last known to be the committed table. */
  public Duration snapshotAge() {
    return Duration.between(confirmedAt, clock.instant());
  }
}
