package io.exoreg.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * JDBC on the pooled datasource. A unit of work runs in one transaction: committed when it returns,
 * rolled back when it throws anything at all. A database failure leaves as a {@link Failure} whose
 * cause is the driver's exception, SQLState included.
 */
@ApplicationScoped
public class Sql {
  private static final ThreadLocal<Boolean> IN_TRANSACTION = ThreadLocal.withInitial(() -> false);

  private final AgroalDataSource dataSource;

  public Sql(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Statements against one connection, inside its transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Reads the current row of a result. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** A failure of the database or of the connection to it. */
  public static final class Failure extends RuntimeException {
    Failure(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Runs {@code work} in a transaction of its own. Units of work do not nest: an inner one would
   * take a second connection and could wait forever on a lock its own thread holds.
   */
  <T> T transaction(Work<T> work) {
    if (IN_TRANSACTION.get()) {
      throw new IllegalStateException("A unit of work cannot start another");
    }
    IN_TRANSACTION.set(true);
    try {
      return inTransaction(work);
    } finally {
      IN_TRANSACTION.remove();
    }
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (Throwable e) {
        // a connection handed back mid-transaction could commit the half-done work when the pool
        // resets it, so even an Error rolls back first
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the connection is most likely gone, and the server rolls back
    }
  }

  static <T> List<T> list(Connection c, String sql, RowReader<T> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<T> list = new ArrayList<>();
      while (rows.next()) {
        list.add(reader.read(rows));
      }
      return list;
    }
  }

  static <T> Optional<T> first(Connection c, String sql, RowReader<T> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.ofNullable(reader.read(rows)) : Optional.empty();
    }
  }

  /** Runs an INSERT, UPDATE or DELETE; returns how many rows it touched. */
  static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  /** Runs one statement for each set of parameters, as one batch. */
  static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (Object[] parameters : rows) {
        bind(c, statement, parameters);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /** A {@code text[]} column as a list. */
  static List<String> texts(ResultSet row, String column) throws SQLException {
    Array array = row.getArray(column);
    return array == null ? null : Arrays.asList((String[]) array.getArray());
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    try {
      bind(c, statement, parameters);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** Binds parameters in order; a list of strings becomes a {@code text[]}. */
  private static void bind(Connection c, PreparedStatement statement, Object... parameters)
      throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof List<?> list) {
        statement.setArray(i + 1, c.createArrayOf("text", list.toArray()));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }
}
