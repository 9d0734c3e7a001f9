package com.warehouseexport.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Migrated throw-away databases for JDBC tests: an in-memory H2, or a schema of its own in
 * PostgreSQL at {@code TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * and password {@code postgres}). Without a PostgreSQL server the PostgreSQL tests are skipped,
 * except under {@code CI=true}, where they fail.
 */
public final class TestDatabases {

  private static final String PG_URL =
      System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

  private TestDatabases() {}

  /** A fresh in-memory H2 database at the application's newest schema version. */
  public static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:jdbc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate(ds);
    return ds;
  }

  /** A fresh PostgreSQL schema at the newest version; {@link #drop} removes it. */
  public static PGSimpleDataSource postgresql() {
    String schema = "jdbc_test_" + UUID.randomUUID().toString().substring(0, 8);
    PGSimpleDataSource admin = pg();
    admin.setConnectTimeout(3);
    try (Connection c = admin.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("CI=true but no PostgreSQL at " + PG_URL + ": " + e.getMessage());
      }
      System.err.println("SKIPPING PostgreSQL tests, no server at " + PG_URL + ": " + e);
      Assumptions.abort("no PostgreSQL at " + PG_URL + ": " + e.getMessage());
    }
    PGSimpleDataSource ds = pg();
    ds.setCurrentSchema(schema);
    migrate(ds);
    return ds;
  }

  /** Drops a schema made by {@link #postgresql}. */
  public static void drop(PGSimpleDataSource ds) throws SQLException {
    if (ds == null) {
      return;
    }
    try (Connection c = pg().getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA " + ds.getCurrentSchema() + " CASCADE");
    }
  }

  private static PGSimpleDataSource pg() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(PG_URL);
    ds.setUser("postgres");
    ds.setPassword("postgres");
    return ds;
  }

  private static void migrate(DataSource ds) {
    new FlywaySchema(ds, TestDatabases.class.getClassLoader(), FlywaySchema.APPLICATION_LOCATION)
        .migrate();
  }
}
