package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link Jdbc} and the statements {@link SqlDialect} writes, on H2 and on PostgreSQL. */
class JdbcTest {

  private DataSource ds;

  @BeforeEach
  void h2() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:jdbc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds = h2;
    createTable(ds);
  }

  private static void createTable(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Jdbc.update(c, "CREATE TABLE t (k BIGINT PRIMARY KEY, v VARCHAR(20), n INTEGER)");
      Jdbc.update(c, "CREATE SEQUENCE t_seq START WITH 5 INCREMENT BY 1");
    }
  }

  @Test
  void bindsRowsAndNulls() throws SQLException {
    exercise(ds);
  }

  /** The same checks on any database. */
  static void exercise(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      assertEquals(1, Jdbc.update(c, "INSERT INTO t (k, v, n) VALUES (?, ?, ?)", 1L, "one", null));
      int[] counts =
          Jdbc.batch(
              c,
              "INSERT INTO t (k, v, n) VALUES (?, ?, ?)",
              List.of(2L, 3L),
              k -> new Object[] {k, "v" + k, k.intValue()});
      assertArrayEquals(new int[] {1, 1}, counts);
      assertEquals(0, Jdbc.batch(c, "DELETE FROM t", List.<Long>of(), k -> new Object[] {}).length);
      assertEquals(
          List.of("1:one:null", "2:v2:2", "3:v3:3"),
          Jdbc.list(
              c,
              "SELECT k, v, n FROM t WHERE k >= ? ORDER BY k",
              rs -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getObject(3),
              1L));
      assertEquals(
          Optional.of("v3"),
          Jdbc.first(c, "SELECT v FROM t WHERE n = ?", rs -> rs.getString(1), 3));
      assertEquals(
          Optional.empty(),
          Jdbc.first(c, "SELECT v FROM t WHERE k = ?", rs -> rs.getString(1), 9L));
      // A Java array binds as an SQL array.
      assertEquals(
          Optional.of(3),
          Jdbc.first(
              c, "SELECT CARDINALITY(?)", rs -> rs.getInt(1), (Object) new Long[] {1L, 2L, 3L}));
      assertEquals(5, Jdbc.nextValue(c, "t_seq"));
      assertEquals(6, Jdbc.nextValue(c, "t_seq"));
      // Insert unless the key exists: twice, no failure, one row.
      String insert = SqlDialect.of(c).insertUnlessKeyExists("t", "k, v, n", "k");
      Jdbc.update(c, insert, 10L, "ten", 10);
      Jdbc.update(c, insert, 10L, "ten", 10);
      assertEquals(
          Optional.of(1L),
          Jdbc.first(c, "SELECT COUNT(*) FROM t WHERE k = 10", rs -> rs.getLong(1)));
    }
    Jdbc jdbc = new Jdbc(ds, "test rows");
    jdbc.insertIfAbsent("INSERT INTO t (k, v, n) VALUES (?, ?, ?)", 1L, "dup", 0); // ignored
    assertEquals(
        Optional.of("one"), jdbc.first("SELECT v FROM t WHERE k = ?", rs -> rs.getString(1), 1L));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> jdbc.update("UPDATE nowhere SET x = 1"));
    assertTrue(e.getMessage().startsWith("Cannot write test rows: "), e.getMessage());
    assertTrue(e.getCause() instanceof SQLException);
  }

  @Nested
  class OnPostgresql {
    @Test
    void bindsRowsAndNullsAndLocks() throws SQLException {
      PGSimpleDataSource pg = TestDatabases.postgresql();
      try {
        createTable(pg);
        exercise(pg);
        try (Connection c = pg.getConnection()) {
          SqlDialect.SessionLock lock = SqlDialect.of(c).sessionLock(42).orElseThrow();
          Jdbc.first(c, lock.lock(), rs -> true);
          assertEquals(
              Optional.of(1L),
              Jdbc.first(
                  c,
                  "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 42"
                      + " AND pid = pg_backend_pid()",
                  rs -> rs.getLong(1)));
          Jdbc.first(c, lock.unlock(), rs -> true);
        }
      } finally {
        TestDatabases.drop(pg);
      }
    }
  }

  @Test
  void h2HasNoSessionLock() throws SQLException {
    try (Connection c = ds.getConnection()) {
      assertTrue(SqlDialect.of(c).sessionLock(1).isEmpty());
    }
  }
}
