package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The staleness rule's Java decision and its SQL condition give the same answer for every
 * combination of thresholds (equal, each one different, both different, no feature), on H2 and on
 * PostgreSQL.
 */
class SummaryFreshnessTest {

  private static final int[][] ROWS = {{3, 7}, {3, 8}, {4, 7}, {4, 8}, {1, 1}};
  private static final int[][] FEATURES = {{3, 7}, {3, 8}, {4, 7}, {4, 8}, null};

  @Test
  void javaDecision() {
    assertTrue(SummaryFreshness.isFresh(new int[] {3, 7}, new int[] {3, 7}));
    assertFalse(SummaryFreshness.isFresh(new int[] {3, 7}, new int[] {4, 7}));
    assertFalse(SummaryFreshness.isFresh(new int[] {3, 7}, new int[] {3, 8}));
    assertFalse(SummaryFreshness.isFresh(new int[] {3, 7}, null));
    assertTrue(
        new UsageSummaryWrites.Stored(3, 7, null, 1)
            .staleFor(new UsageSummaryWrites.Thresholds(3, 8)));
    assertFalse(
        new UsageSummaryWrites.Stored(3, 7, null, 1)
            .staleFor(new UsageSummaryWrites.Thresholds(3, 7)));
  }

  @Test
  void sqlAgreesOnH2() throws SQLException {
    sqlAgrees(TestDatabases.h2());
  }

  @Nested
  class OnPostgresql {
    @Test
    void sqlAgrees() throws SQLException {
      PGSimpleDataSource ds = TestDatabases.postgresql();
      try {
        SummaryFreshnessTest.sqlAgrees(ds);
      } finally {
        TestDatabases.drop(ds);
      }
    }
  }

  /** Evaluates the fresh and the stale condition on a summary row LEFT JOINed to a feature row. */
  static void sqlAgrees(DataSource ds) throws SQLException {
    String columns = String.join(", ", SummaryFreshness.COLUMNS);
    try (Connection c = ds.getConnection()) {
      Jdbc.update(
          c, "CREATE TABLE s_test (k INTEGER, " + columns.replace(",", " INTEGER,") + " INTEGER)");
      Jdbc.update(
          c, "CREATE TABLE f_test (k INTEGER, " + columns.replace(",", " INTEGER,") + " INTEGER)");
      for (int[] row : ROWS) {
        for (int[] feature : FEATURES) {
          Jdbc.update(c, "DELETE FROM s_test");
          Jdbc.update(c, "DELETE FROM f_test");
          Jdbc.update(c, "INSERT INTO s_test VALUES (1, ?, ?)", row[0], row[1]);
          if (feature != null) {
            Jdbc.update(c, "INSERT INTO f_test VALUES (1, ?, ?)", feature[0], feature[1]);
          }
          boolean fresh =
              Jdbc.first(
                      c,
                      "SELECT CASE WHEN "
                          + SummaryFreshness.freshSql("s", "f")
                          + " THEN 1 ELSE 0 END FROM s_test s LEFT JOIN f_test f ON f.k = s.k",
                      rs -> rs.getInt(1) == 1)
                  .orElseThrow();
          String what =
              java.util.Arrays.toString(row) + " vs " + java.util.Arrays.toString(feature);
          assertEquals(SummaryFreshness.isFresh(row, feature), fresh, what);
          if (feature != null) {
            boolean stale =
                !Jdbc.list(
                        c,
                        "SELECT s.k FROM s_test s JOIN f_test f ON f.k = s.k WHERE "
                            + SummaryFreshness.staleSql("s", "f"),
                        rs -> rs.getInt(1))
                    .isEmpty();
            assertEquals(!SummaryFreshness.isFresh(row, feature), stale, what);
          }
        }
      }
    }
  }
}
