package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.platform.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link MessageIds} on H2 and PostgreSQL: duplicates within a request, across requests, in flight.
 */
class MessageIdsTest {

  private static boolean[] claim(DataSource ds, long env, List<String> ids) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return MessageIds.claim(c, env, ids, 1_000L);
    }
  }

  private static void sameRulesOn(DataSource ds) throws SQLException {
    assertArrayEquals(
        new boolean[] {false, false, true, false},
        claim(ds, 1, Arrays.asList("a", "b", "a", null)),
        "a second copy within the request is a duplicate; no messageId never is");
    assertArrayEquals(
        new boolean[] {true, false, true, false},
        claim(ds, 1, Arrays.asList("b", "c", "c", null)),
        "stored before: a duplicate");
    assertArrayEquals(
        new boolean[] {false, false}, claim(ds, 2, List.of("a", "b")), "per environment");
    String[] many = new String[1_200]; // more than one chunk
    for (int i = 0; i < many.length; i++) {
      many[i] = "m" + i;
    }
    boolean[] first = claim(ds, 3, List.of(many));
    assertFalse(contains(first, true));
    assertFalse(contains(claim(ds, 3, List.of(many)), false));
  }

  private static boolean contains(boolean[] values, boolean value) {
    for (boolean v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  @Test
  void onH2() throws SQLException {
    sameRulesOn(TestDatabases.h2());
  }

  @Test
  void onH2ACopyInFlightFailsAsARetryableRace() throws Exception {
    DataSource ds = TestDatabases.h2();
    try (Connection first = ds.getConnection();
        Connection second = ds.getConnection()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      MessageIds.claim(first, 1, List.of("m"), 1L);
      SQLException race =
          assertThrows(SQLException.class, () -> MessageIds.claim(second, 1, List.of("m"), 1L));
      assertTrue(SqlDialect.isRetryable(race), race.toString());
      first.commit();
    }
  }

  @Nested
  class OnPostgresql {

    @Test
    void sameRules() throws SQLException {
      PGSimpleDataSource ds = TestDatabases.postgresql();
      try {
        sameRulesOn(ds);
      } finally {
        TestDatabases.drop(ds);
      }
    }

    @Test
    void aCopyInFlightWaitsForTheFirstAndIsThenADuplicate() throws Exception {
      PGSimpleDataSource ds = TestDatabases.postgresql();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try (Connection first = ds.getConnection();
          Connection second = ds.getConnection()) {
        first.setAutoCommit(false);
        second.setAutoCommit(false);
        assertArrayEquals(new boolean[] {false}, MessageIds.claim(first, 1, List.of("m"), 1L));
        Future<boolean[]> waiting =
            pool.submit(() -> MessageIds.claim(second, 1, List.of("m", "n"), 2L));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "the second copy waits for the first transaction");
        first.commit();
        assertArrayEquals(new boolean[] {true, false}, waiting.get(10, TimeUnit.SECONDS));
        second.commit();
        try (Connection c = ds.getConnection()) {
          assertEquals(
              List.of(1L, 2L),
              Jdbc.list(
                  c,
                  "SELECT received_at FROM ingested_message ORDER BY message_id",
                  rs -> rs.getLong(1)));
        }
      } finally {
        pool.shutdownNow();
        TestDatabases.drop(ds);
      }
    }
  }
}
