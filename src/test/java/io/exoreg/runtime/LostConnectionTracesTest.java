package io.exoreg.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class LostConnectionTracesTest {
  private final LostConnectionTraces filter = new LostConnectionTraces();

  private static LogRecord record(String logger, Throwable thrown) {
    LogRecord record = new LogRecord(Level.WARNING, "ARJUNA016045: attempted rollback failed");
    record.setLoggerName(logger);
    record.setThrown(thrown);
    return record;
  }

  /** A rollback on a connection the server closed, as the transaction manager reports it. */
  private static Throwable closedConnectionRollback() {
    XAException rollback = new XAException(XAException.XAER_RMERR);
    rollback.initCause(
        new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST));
    return rollback;
  }

  @Test
  void aRollbackOnAConnectionTheServerClosedIsLoggedWithoutItsTrace() {
    LogRecord record = record("com.arjuna.ats.jta", closedConnectionRollback());
    assertTrue(filter.isLoggable(record), "the line itself is kept");
    assertNull(record.getThrown());
  }

  @Test
  void everyOtherTraceIsKept() {
    LogRecord elsewhere = record("io.exoreg.store", closedConnectionRollback());
    assertTrue(filter.isLoggable(elsewhere));
    assertNotNull(elsewhere.getThrown(), "only the transaction manager's traces are dropped");

    LogRecord otherFailure =
        record("com.arjuna.ats.jta", new SQLException("deadlock detected", "40P01"));
    assertTrue(filter.isLoggable(otherFailure));
    assertNotNull(
        otherFailure.getThrown(), "a failure that is not a lost connection keeps its trace");

    LogRecord noState = record("com.arjuna.ats.arjuna", new IllegalStateException("broken"));
    assertTrue(filter.isLoggable(noState));
    assertNotNull(noState.getThrown());
  }
}
