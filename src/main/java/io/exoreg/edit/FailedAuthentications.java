package io.exoreg.edit;

import io.exoreg.runtime.ExoregConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per client address in fixed windows. A client over the limit is
 * refused until its window ends, whatever key it sends, so guessing keys is slowed to a crawl.
 */
@ApplicationScoped
public class FailedAuthentications {
  /** Beyond this many addresses, windows that have ended are dropped. */
  private static final int TRACKED = 10_000;

  private final int maxFailures;
  private final long windowNanos;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public FailedAuthentications(ExoregConfig config) {
    this.maxFailures = config.auth().maxFailures();
    this.windowNanos = config.auth().failureWindow().toNanos();
  }

  private record Window(long startedAt, int failures) {}

  /** How long the client must wait, when it has failed too often. */
  public OptionalLong blockedFor(String client) {
    Window window = windows.get(client);
    long now = System.nanoTime();
    if (window == null || now - window.startedAt() >= windowNanos) {
      return OptionalLong.empty();
    }
    if (window.failures() < maxFailures) {
      return OptionalLong.empty();
    }
    long left = windowNanos - (now - window.startedAt());
    return OptionalLong.of(Math.max(1, Duration.ofNanos(left).toSeconds() + 1));
  }

  public void failed(String client) {
    long now = System.nanoTime();
    if (windows.size() >= TRACKED) {
      windows.values().removeIf(w -> now - w.startedAt() >= windowNanos);
    }
    windows.compute(
        client,
        (key, window) ->
            window == null || now - window.startedAt() >= windowNanos
                ? new Window(now, 1)
                : new Window(window.startedAt(), window.failures() + 1));
  }
}
