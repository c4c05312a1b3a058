package io.exoreg.edit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exoreg.runtime.ExoregConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Counts authentication attempts per client in fixed windows. A client over the limit of failures
 * is refused until its window ends, whatever key it sends, so guessing keys is slowed to a crawl.
 * Each attempt is counted before its key is checked and given back when the key is good, so that
 * requests sent at once cannot slip past the limit together. An IPv6 client is counted by its /64,
 * which one holder usually owns whole. Clients are tracked in a bounded cache.
 */
@ApplicationScoped
public class FailedAuthentications {
  private static final int TRACKED = 100_000;

  private final int maxFailures;
  private final long windowNanos;
  private final Cache<String, Window> windows;

  public FailedAuthentications(ExoregConfig config) {
    this.maxFailures = config.auth().maxFailures();
    this.windowNanos = config.auth().failureWindow().toNanos();
    this.windows =
        Caffeine.newBuilder()
            .maximumSize(TRACKED)
            .expireAfterWrite(config.auth().failureWindow())
            .build();
  }

  private record Window(long startedAt, int attempts) {}

  /**
   * Counts an attempt by this client; empty when it may go on to have its key checked, else how
   * many seconds it must wait.
   */
  public OptionalLong attempt(String address) {
    String client = client(address);
    long now = System.nanoTime();
    long[] wait = {0};
    windows
        .asMap()
        .compute(
            client,
            (key, window) -> {
              if (window == null || now - window.startedAt() >= windowNanos) {
                return new Window(now, 1);
              }
              if (window.attempts() >= maxFailures) {
                long left = windowNanos - (now - window.startedAt());
                wait[0] = Math.max(1, Duration.ofNanos(left).toSeconds() + 1);
                return window;
              }
              return new Window(window.startedAt(), window.attempts() + 1);
            });
    return wait[0] == 0 ? OptionalLong.empty() : OptionalLong.of(wait[0]);
  }

  /** The attempt counted last for this client succeeded: it is not a failure. */
  public void succeeded(String address) {
    windows
        .asMap()
        .computeIfPresent(
            client(address),
            (key, window) ->
                window.attempts() <= 1
                    ? null
                    : new Window(window.startedAt(), window.attempts() - 1));
  }

  /** An IPv4 address as it is; an IPv6 address by its /64. */
  public static String client(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address == null ? "" : address;
    }
    try {
      // a literal address: no name is looked up
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed instanceof Inet6Address) {
        byte[] prefix = Arrays.copyOf(parsed.getAddress(), 8);
        return HexFormat.of().formatHex(prefix) + "::/64";
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
