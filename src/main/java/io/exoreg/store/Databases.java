package io.exoreg.store;

import java.sql.SQLException;
import java.util.Locale;

/** Tells a database that cannot be reached from other failures, whatever wraps the cause. */
public final class Databases {
  private Databases() {}

  /**
   * Whether the failure, or any cause of it, is a connection that could not be made or was lost:
   * SQLState class 08, a server shutting down (57P01 to 57P03), or a pool that timed out waiting.
   */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      // the pool's own "Sorry, acquisition timeout!" when no connection came in time
      if (t instanceof SQLException
          && String.valueOf(t.getMessage())
              .toLowerCase(Locale.ROOT)
              .contains("acquisition timeout")) {
        return true;
      }
    }
    return false;
  }

  /** Whether PostgreSQL can hold the text at all: its text types cannot hold NUL. */
  public static boolean storable(String text) {
    return text.indexOf('\u0000') < 0;
  }

  /** The innermost message of a failure, in one line, for a log without stack traces. */
  public static String reason(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
