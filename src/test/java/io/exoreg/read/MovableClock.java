package io.exoreg.read;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock, moved by a test: enabled only by the profiles that name it, in place of
 * the system's clock.
 */
@Alternative
@Singleton
public class MovableClock {
  /** What the clock reads until a test moves it. */
  static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now());

  @Produces
  @Singleton
  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
      }

      @Override
      public Instant instant() {
        return NOW.get();
      }
    };
  }
}
