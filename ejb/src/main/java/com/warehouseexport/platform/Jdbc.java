package com.warehouseexport.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The one JDBC idiom of the application: positional parameters bound by {@link #bind} (null binds
 * SQL NULL, a Java array an SQL array), rows mapped by a {@link Row} function, statements closed by
 * try-with-resources. The static methods work on a connection the caller holds (a transaction, a
 * batch of statements); an instance works on a data source, one connection per call, and turns an
 * {@link SQLException} into an {@link IllegalStateException} naming what it was about ({@code
 * "Cannot read export claims: …"}).
 */
public final class Jdbc {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final DataSource dataSource;
  private final String subject;

  /**
   * @param subject what the statements read and write, for error messages ("export claims")
   */
  public Jdbc(DataSource dataSource, String subject) {
    this.dataSource = dataSource;
    this.subject = subject;
  }

  /**
   * Binds {@code params} to parameters 1…n: a {@code Long[]}, {@code Integer[]}, {@code String[]}
   * or {@code Boolean[]} as an SQL array ({@code int8}, {@code int4}, {@code varchar}, {@code
   * bool}; PostgreSQL's {@code unnest(?::…[])} takes a whole column of rows in one parameter),
   * anything else with {@code setObject}. A lone array parameter must be passed as {@code (Object)
   * array}, or Java spreads it into the varargs.
   */
  public static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] instanceof Object[] column) {
        ps.setArray(i + 1, ps.getConnection().createArrayOf(arrayType(column), column));
      } else {
        ps.setObject(i + 1, params[i]);
      }
    }
  }

  private static String arrayType(Object[] column) {
    if (column instanceof Long[]) {
      return "int8";
    }
    if (column instanceof Integer[]) {
      return "int4";
    }
    if (column instanceof String[]) {
      return "varchar";
    }
    if (column instanceof Boolean[]) {
      return "bool";
    }
    throw new IllegalArgumentException("No SQL array type for " + column.getClass().getName());
  }

  /** A prepared statement with {@code params} bound; the caller closes it. */
  public static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      bind(ps, params);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  /**
   * Runs one statement per element of {@code rows} as a JDBC batch, parameters by {@code params};
   * returns the update count of each (nothing runs for no rows).
   */
  public static <T> int[] batch(
      Connection c, String sql, Collection<T> rows, Function<T, Object[]> params)
      throws SQLException {
    if (rows.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (T row : rows) {
        bind(ps, params.apply(row));
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  /** Every row of a query, mapped. */
  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return list(ps, row);
    }
  }

  /** Every row of an executed prepared statement, mapped; the statement stays open. */
  public static <T> List<T> list(PreparedStatement ps, Row<T> row) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(row.map(rs));
      }
    }
    return out;
  }

  /** The first row of a query, mapped; empty when there is none. */
  public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
    }
  }

  /** The next value of a sequence. */
  public static long nextValue(Connection c, String sequence) throws SQLException {
    return first(c, SqlDialect.of(c).nextValue(sequence), rs -> rs.getLong(1)).orElseThrow();
  }

  /** {@link #update(Connection, String, Object...)} on a connection of its own. */
  public int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return update(c, sql, params);
    } catch (SQLException e) {
      throw failed("write", e);
    }
  }

  /** {@link #list(Connection, String, Row, Object...)} on a connection of its own. */
  public <T> List<T> list(String sql, Row<T> row, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return list(c, sql, row, params);
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  /** {@link #first(Connection, String, Row, Object...)} on a connection of its own. */
  public <T> Optional<T> first(String sql, Row<T> row, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return first(c, sql, row, params);
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  /** {@link #nextValue(Connection, String)} on a connection of its own. */
  public long nextValue(String sequence) {
    try (Connection c = dataSource.getConnection()) {
      return nextValue(c, sequence);
    } catch (SQLException e) {
      throw failed("allocate an id for", e);
    }
  }

  /**
   * Runs an insert that may lose a race with a concurrent insert of the same key (a row that only
   * has to exist): a retryable failure ({@link SqlDialect#isRetryable}) is ignored.
   */
  public void insertIfAbsent(String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      update(c, sql, params);
    } catch (SQLException e) {
      if (!SqlDialect.isRetryable(e)) {
        throw failed("write", e);
      }
    }
  }

  private IllegalStateException failed(String verb, SQLException e) {
    return new IllegalStateException("Cannot " + verb + " " + subject + ": " + e.getMessage(), e);
  }
}
