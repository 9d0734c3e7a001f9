package com.warehouseexport.platform;

import java.sql.Connection;
import java.sql.SQLException;

/** The few places where H2 and PostgreSQL SQL differ. */
public enum SqlDialect {
  H2,
  POSTGRESQL;

  public static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
    return product.contains("postgres") ? POSTGRESQL : H2;
  }

  /** A query returning the next value of a sequence. */
  public String nextValue(String sequence) {
    return this == POSTGRESQL
        ? "SELECT nextval('" + sequence + "')"
        : "SELECT NEXT VALUE FOR " + sequence;
  }

  /**
   * A text column ordered by code point, as the export's row order requires: PostgreSQL's {@code
   * COLLATE "C"} (UTF-8 byte order); H2 compares strings by UTF-16 code unit, which equals code
   * point order except for characters outside the Basic Multilingual Plane.
   */
  public String binaryOrder(String column) {
    return this == POSTGRESQL ? column + " COLLATE \"C\"" : column;
  }

  /** The Java comparator matching {@link #binaryOrder}. */
  public java.util.Comparator<String> textComparator() {
    return this == POSTGRESQL
        ? com.warehouseexport.core.usage.CodePointOrder.COMPARATOR
        : java.util.Comparator.naturalOrder();
  }

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
