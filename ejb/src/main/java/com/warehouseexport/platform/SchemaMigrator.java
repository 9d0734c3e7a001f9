package com.warehouseexport.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Applies the versioned SQL migrations listed in {@code db/migration/index.txt}, in order, each in
 * its own transaction, and records them in {@code schema_migration}. An applied migration whose
 * checksum changed stops the start-up: migrations are append-only.
 *
 * <p>Several nodes may start at once: the first takes a row lock on {@code schema_lock} and the
 * others wait for it, then find nothing left to do.
 */
public final class SchemaMigrator {

  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
  private static final String BASE = "db/migration/";

  private final ClassLoader loader;

  public SchemaMigrator(ClassLoader loader) {
    this.loader = loader;
  }

  /** A migration file: version, description and statements. */
  record Migration(int version, String file, String sql, String checksum) {}

  /** Returns the number of migrations applied by this call. */
  public int migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      ensureBookkeepingTables(connection);
      lock(connection);
      Map<Integer, String> applied = appliedChecksums(connection);
      int count = 0;
      for (Migration migration : migrations()) {
        String known = applied.get(migration.version());
        if (known != null) {
          if (!known.equals(migration.checksum())) {
            throw new IllegalStateException(
                "Migration "
                    + migration.file()
                    + " was changed after it was applied; add a new migration instead");
          }
          continue;
        }
        for (String statement : statements(migration.sql())) {
          try (Statement st = connection.createStatement()) {
            st.execute(statement);
          }
        }
        try (PreparedStatement ps =
            connection.prepareStatement(
                "INSERT INTO schema_migration (version, file_name, checksum, applied_at)"
                    + " VALUES (?, ?, ?, ?)")) {
          ps.setInt(1, migration.version());
          ps.setString(2, migration.file());
          ps.setString(3, migration.checksum());
          ps.setLong(4, System.currentTimeMillis());
          ps.executeUpdate();
        }
        LOG.info(() -> "Applied schema migration " + migration.file());
        count++;
      }
      connection.commit();
      return count;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void ensureBookkeepingTables(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY,"
              + " file_name VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
              + " applied_at BIGINT NOT NULL)");
      st.execute("CREATE TABLE IF NOT EXISTS schema_lock (id INTEGER PRIMARY KEY)");
      connection.commit();
    } catch (SQLException e) {
      // Another node created them concurrently.
      connection.rollback();
    }
    try (Statement st = connection.createStatement()) {
      st.execute("INSERT INTO schema_lock (id) VALUES (1)");
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
    }
  }

  private static void lock(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM schema_lock WHERE id = 1 FOR UPDATE")) {
      rs.next();
    }
  }

  private static Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
    Map<Integer, String> applied = new HashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migration")) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getString(2));
      }
    }
    return applied;
  }

  List<Migration> migrations() {
    List<Migration> result = new ArrayList<>();
    for (String file : read(BASE + "index.txt").lines().map(String::strip).toList()) {
      if (file.isEmpty() || file.startsWith("#")) {
        continue;
      }
      int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
      String sql = read(BASE + file);
      result.add(new Migration(version, file, sql, sha256(sql)));
    }
    return result;
  }

  /** Splits a script on semicolons at line ends; comments (-- …) are dropped. */
  static List<String> statements(String sql) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private String read(String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing migration resource " + resource);
      }
      StringBuilder sb = new StringBuilder();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        reader.lines().forEach(l -> sb.append(l).append('\n'));
      }
      return sb.toString();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
