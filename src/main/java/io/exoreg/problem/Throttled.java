package io.exoreg.problem;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A refused authentication of a client that failed too often: Quarkus Security's failure, carrying
 * how many seconds the client must wait, which the 429 answer names.
 */
public final class Throttled {
  private static final String RETRY_AFTER = "exoreg.retry-after";

  private Throttled() {}

  public static AuthenticationFailedException failure(long retryAfterSeconds) {
    return new AuthenticationFailedException(
        "too many failed authentications", Map.of(RETRY_AFTER, retryAfterSeconds));
  }

  /** The seconds to wait, when this failure is a throttled client's. */
  static OptionalLong retryAfter(AuthenticationFailedException failure) {
    Object seconds = failure.getAttribute(RETRY_AFTER);
    return seconds instanceof Long wait ? OptionalLong.of(wait) : OptionalLong.empty();
  }
}
