package com.warehouseexport.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The local PostgreSQL of the multi-node tests (127.0.0.1:5432, user {@code postgres}, trust auth):
 * whether it answers, and a fresh database of a test's own.
 */
final class Postgres {

  private Postgres() {}

  static boolean reachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The JDBC URL of {@code database}, created if missing, with an empty schema {@code public}. */
  static String freshDatabase(String database) throws SQLException {
    if (database.equals("test") || database.equals("postgres")) {
      throw new IllegalStateException("refusing to reset database " + database);
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      boolean exists;
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next();
      }
      if (!exists) {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE DATABASE " + database);
        }
      }
    }
    String jdbc = "jdbc:postgresql://127.0.0.1:5432/" + database;
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
    return jdbc;
  }
}
