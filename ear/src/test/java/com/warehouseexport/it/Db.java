package com.warehouseexport.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A direct JDBC connection to the database the server uses, only when that is PostgreSQL ({@code
 * DB_URL}). The embedded H2 database opens no network port, so tests on H2 read through the API
 * ({@link Stored}, {@code GET /api/v1/system}).
 */
public final class Db {

  private Db() {}

  public static boolean isPostgres() {
    String url = System.getenv("DB_URL");
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  public static Connection connect() throws SQLException {
    String url = System.getenv("DB_URL");
    if (url != null && !url.isBlank()) {
      return DriverManager.getConnection(
          url, System.getenv().getOrDefault("DB_USER", ""), System.getenv("DB_PASSWORD"));
    }
    throw new IllegalStateException(
        "The embedded H2 database opens no port; read it through the API (or run on PostgreSQL)");
  }

  /** The single long value of a query, with parameters. */
  public static long scalar(String sql, Object... params) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no row: " + sql);
        }
        return rs.getLong(1);
      }
    }
  }

  /** The single string value of a query (null when the value is null). */
  public static String string(String sql, Object... params) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no row: " + sql);
        }
        return rs.getString(1);
      }
    }
  }
}
