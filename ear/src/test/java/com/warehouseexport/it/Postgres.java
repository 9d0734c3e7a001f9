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

  /** The JDBC URL of {@code database} on the local server, created if missing, emptied. */
  static String freshDatabase(String database) throws SQLException {
    String jdbc = "jdbc:postgresql://127.0.0.1:5432/" + database;
    freshDatabase(jdbc, "postgres", "postgres");
    return jdbc;
  }

  /**
   * Creates the database of {@code jdbc} if missing (through the server's {@code postgres}
   * database) and replaces its schema {@code public} by an empty one. Refuses the shared databases.
   */
  static void freshDatabase(String jdbc, String user, String password) throws SQLException {
    String database = jdbc.substring(jdbc.lastIndexOf('/') + 1).replaceAll("[?].*", "");
    if (database.equals("test") || database.equals("bench") || database.equals("postgres")) {
      throw new IllegalStateException("refusing to reset database " + database);
    }
    String admin = jdbc.substring(0, jdbc.lastIndexOf('/') + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(admin, user, password);
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
    try (Connection c = DriverManager.getConnection(jdbc, user, password);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
  }
}
