package com.warehouseexport.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A direct JDBC connection to the database the server uses (PostgreSQL when {@code DB_URL} is set,
 * otherwise the H2 file database, opened in H2's auto-server mode next to the server).
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
    return DriverManager.getConnection(
        "jdbc:h2:file:" + System.getProperty("it.data.dir") + "/h2/warehouse;AUTO_SERVER=TRUE",
        "sa",
        "sa");
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
