package io.exoreg.runtime;

import io.quarkus.logging.LoggingFilter;
import java.sql.SQLException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * An outage is logged in one line when it begins and one when it ends. A transaction that was
 * running when the server went away fails to roll back on its closed connection, and the
 * transaction manager logs that with the whole stack trace; the line it writes says all there is to
 * say, so the trace of a lost connection is dropped from it. Every other trace is kept.
 */
@LoggingFilter(name = "lost-connection-traces")
public final class LostConnectionTraces implements Filter {
  /** The transaction manager's loggers. */
  private static final String TRANSACTIONS = "com.arjuna";

  @Override
  public boolean isLoggable(LogRecord record) {
    String logger = record.getLoggerName();
    if (logger != null && logger.startsWith(TRANSACTIONS) && lostConnection(record.getThrown())) {
      record.setThrown(null);
    }
    return true;
  }

  /**
   * Whether the failure comes from a connection the server closed or refused: SQL states of class
   * 08 (connection exception) and 57P01 to 57P03 (the server shutting down or not yet started).
   */
  static boolean lostConnection(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P0")) {
          return true;
        }
      }
    }
    return false;
  }
}
