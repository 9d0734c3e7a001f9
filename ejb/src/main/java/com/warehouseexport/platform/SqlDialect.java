package com.warehouseexport.platform;

import com.warehouseexport.core.usage.CodePointOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;

/**
 * The places where H2 and PostgreSQL SQL differ, each answered per dialect. Code that needs a whole
 * different statement shape (PostgreSQL's array parameters with {@code unnest}, {@code ON CONFLICT
 * … RETURNING}, lateral joins) picks its implementation with an exhaustive {@code switch} over this
 * enum, so a new dialect fails to compile until every such place has chosen.
 */
public enum SqlDialect {
  H2 {
    @Override
    public String nextValue(String sequence) {
      return "SELECT NEXT VALUE FOR " + sequence;
    }

    @Override
    public String binaryOrder(String column) {
      return column;
    }

    @Override
    public Comparator<String> textComparator() {
      return Comparator.naturalOrder();
    }

    @Override
    public String insertUnlessKeyExists(String table, String columns, String key) {
      int n = columns.split(",").length;
      return "MERGE INTO "
          + table
          + " ("
          + columns
          + ") KEY ("
          + key
          + ") VALUES ("
          + "?, ".repeat(n - 1)
          + "?)";
    }

    @Override
    public Optional<SessionLock> sessionLock(long key) {
      return Optional.empty();
    }
  },

  POSTGRESQL {
    @Override
    public String nextValue(String sequence) {
      return "SELECT nextval('" + sequence + "')";
    }

    @Override
    public String binaryOrder(String column) {
      return column + " COLLATE \"C\"";
    }

    @Override
    public Comparator<String> textComparator() {
      return CodePointOrder.COMPARATOR;
    }

    @Override
    public String insertUnlessKeyExists(String table, String columns, String key) {
      int n = columns.split(",").length;
      return "INSERT INTO "
          + table
          + " ("
          + columns
          + ") VALUES ("
          + "?, ".repeat(n - 1)
          + "?) ON CONFLICT ("
          + key
          + ") DO NOTHING";
    }

    @Override
    public Optional<SessionLock> sessionLock(long key) {
      return Optional.of(
          new SessionLock(
              "SELECT pg_advisory_lock(" + key + ")", "SELECT pg_advisory_unlock(" + key + ")"));
    }
  };

  /** A lock held by a connection across transactions: the queries that take and release it. */
  public record SessionLock(String lock, String unlock) {}

  public static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
    return product.contains("postgres") ? POSTGRESQL : H2;
  }

  /** A query returning the next value of a sequence. */
  public abstract String nextValue(String sequence);

  /**
   * A text column ordered by code point, as the export's row order requires: PostgreSQL's {@code
   * COLLATE "C"} (UTF-8 byte order); H2 compares strings by UTF-16 code unit, which equals code
   * point order except for characters outside the Basic Multilingual Plane.
   */
  public abstract String binaryOrder(String column);

  /** The Java comparator matching {@link #binaryOrder}. */
  public abstract Comparator<String> textComparator();

  /**
   * An insert of one row ({@code columns}, comma-separated, one parameter each) that does not fail
   * when a row with the same {@code key} exists: PostgreSQL's {@code ON CONFLICT DO NOTHING} keeps
   * it, H2's {@code MERGE … KEY} writes it again. For rows whose values follow from their key.
   */
  public abstract String insertUnlessKeyExists(String table, String columns, String key);

  /**
   * A lock that serializes sessions (schema migration by several nodes at once), where the database
   * has one: PostgreSQL's advisory lock; H2 needs none (one server process).
   */
  public abstract Optional<SessionLock> sessionLock(long key);

  /** True for SQL states that mean "lost a race with a concurrent transaction: try again". */
  public static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.equals("23505") // unique violation (both)
            || state.equals("40001") // serialization failure / H2 deadlock
            || state.equals("40P01") // PostgreSQL deadlock
            || state.equals("HYT00")) { // H2 lock timeout
          return true;
        }
      }
    }
    return false;
  }
}
