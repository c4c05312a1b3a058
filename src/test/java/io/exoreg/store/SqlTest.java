package io.exoreg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A unit of work commits whole or not at all, whatever ends it. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SqlTest {
  @Inject Sql sql;

  @Test
  void workThatReturnsIsCommitted() {
    String name = "committed-" + UUID.randomUUID();
    sql.transaction(c -> insertKey(c, name));
    assertTrue(exists(name));
    sql.transaction(c -> Sql.update(c, "DELETE FROM api_key WHERE name = ?", name));
    assertFalse(exists(name));
  }

  @Test
  void workThatThrowsLeavesNothingAndTheSameExceptionLeaves() {
    String name = "refused-" + UUID.randomUUID();
    IllegalStateException refusal = new IllegalStateException("refused after the insert");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                sql.transaction(
                    c -> {
                      insertKey(c, name);
                      throw refusal;
                    }));
    assertSame(refusal, thrown);
    assertFalse(exists(name));
  }

  @Test
  void anErrorRollsBackBeforeTheConnectionGoesBackToThePool() {
    String name = "error-" + UUID.randomUUID();
    assertThrows(
        StackOverflowError.class,
        () ->
            sql.transaction(
                c -> {
                  insertKey(c, name);
                  throw new StackOverflowError();
                }));
    // had the pool reset the connection to autocommit first, the insert would now be committed
    for (int i = 0; i < 5; i++) {
      assertFalse(exists(name));
    }
  }

  @Test
  void aDatabaseFailureKeepsTheDriversExceptionAndItsState() {
    Sql.Failure failure =
        assertThrows(
            Sql.Failure.class,
            () -> sql.transaction(c -> Sql.first(c, "SELECT 1 / 0", row -> row.getInt(1))));
    SQLException cause = assertInstanceOf(SQLException.class, failure.getCause());
    assertEquals("22012", cause.getSQLState()); // division by zero
    assertFalse(Databases.isUnreachable(failure));
  }

  @Test
  void unitsOfWorkDoNotNest() {
    assertThrows(
        IllegalStateException.class,
        () -> sql.transaction(c -> sql.transaction(inner -> Sql.update(inner, "SELECT 1"))));
    assertEquals(1, sql.transaction(c -> Sql.first(c, "SELECT 1", row -> row.getInt(1))).get());
  }

  @Inject AgroalDataSource pool;

  @Test
  void aPoolWithNoConnectionToSpareCountsAsUnreachable() throws SQLException {
    List<Connection> held = new ArrayList<>();
    try {
      int size = pool.getConfiguration().connectionPoolConfiguration().maxSize();
      for (int i = 0; i < size; i++) {
        held.add(pool.getConnection());
      }
      Sql.Failure failure =
          assertThrows(
              Sql.Failure.class,
              () -> sql.transaction(c -> Sql.first(c, "SELECT 1", row -> row.getInt(1))));
      assertTrue(Databases.isUnreachable(failure), failure.getMessage());
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
  }

  private static int insertKey(Connection c, String name) throws SQLException {
    return Sql.update(
        c,
        "INSERT INTO api_key (name, secret_hash, admin, created_at, created_by)"
            + " VALUES (?, ?, false, ?, 'test')",
        name,
        ApiKeyStore.hash(name),
        OffsetDateTime.now());
  }

  private boolean exists(String name) {
    return sql.transaction(
        c ->
            Sql.first(c, "SELECT count(*) FROM api_key WHERE name = ?", row -> row.getInt(1), name)
                    .orElseThrow()
                == 1);
  }
}
