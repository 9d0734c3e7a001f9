package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.warehouseexport.core.usage.Adoption;
import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.TestDatabases;
import com.warehouseexport.tracking.UsageSummaryWrites.NewDays;
import com.warehouseexport.tracking.UsageSummaryWrites.Range;
import com.warehouseexport.tracking.UsageSummaryWrites.Stored;
import com.warehouseexport.tracking.UsageSummaryWrites.Thresholds;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link UsageSummaryWrites}: its decision which usage days to read, and against real databases
 * (requests of usage days in an order that completes adoptions late, then a threshold change and
 * {@code recomputeStale}) every summary row equals what its pair's whole history gives; on
 * PostgreSQL both {@link UsageSummaryRows} implementations end with the same rows.
 */
class UsageSummaryWritesTest {

  private static final long ENV = 7;
  private static final Thresholds T = new Thresholds(2, 3);

  @Test
  void rangeOfNewDays() {
    NewDays added = new NewDays(100, 102, 2);
    assertNull(UsageSummaryWrites.range(null, T, added), "no row: not a registered feature");
    assertNull(UsageSummaryWrites.range(new Stored(2, 3, null, 5), null, added));
    assertEquals(
        Range.WHOLE, UsageSummaryWrites.range(new Stored(2, 4, 90, 5), T, added), "stale row");
    assertNull(
        UsageSummaryWrites.range(new Stored(2, 3, 100, 5), T, added), "adopted before new days");
    assertNull(UsageSummaryWrites.range(new Stored(2, 3, null, 1), T, added), "too few usage days");
    assertEquals(
        new Range(98, 104, 100), UsageSummaryWrites.range(new Stored(2, 3, null, 5), T, added));
    assertEquals(
        new Range(98, 102, 100),
        UsageSummaryWrites.range(new Stored(2, 3, 103, 5), T, added),
        "not past the known adoption");
  }

  /** Requests as (company, feature, day offset) triples, written one request per transaction. */
  private static final int[][][] REQUESTS = {
    {{0, 0, 10}, {0, 1, 1}}, // a/x day 10, a/y day 1
    {{0, 0, 1}, {1, 0, 4}}, // a/x day 1 (no adoption yet), b/x day 4
    {{0, 0, 12}, {1, 0, 5}, {0, 1, 20}}, // a/x adopts on 12, b/x on 5
    {{0, 0, 2}, {0, 1, 21}}, // a/x now adopts on 2 (earlier), a/y on 21
  };

  private static final String[] COMPANIES = {"a", "b"};
  private static final String[] FEATURES = {"x", "y"};
  private static final LocalDate DAY0 = LocalDate.parse("2026-10-01");

  private static void setUp(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Jdbc.update(
          c, "INSERT INTO organization (id, name, plan, created_at) VALUES (1, 'o', 'PRO', 0)");
      Jdbc.update(
          c,
          "INSERT INTO environment (id, organization_id, name, ingestion_key_hash,"
              + " ingestion_key_hint, created_at) VALUES (?, 1, 'e', 'h', 'k', 0)",
          ENV);
      for (int i = 0; i < FEATURES.length; i++) {
        Jdbc.update(
            c,
            "INSERT INTO feature (id, environment_id, feature_key, name, adoption_days,"
                + " adoption_window_days, auto_registered, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, FALSE, 0)",
            i + 1,
            ENV,
            FEATURES[i],
            FEATURES[i],
            T.adoptionDays(),
            T.adoptionWindowDays());
      }
    }
  }

  /** Writes the requests, then changes x's thresholds and recomputes the stale rows. */
  private static void run(DataSource ds, BiFunction<Connection, Long, UsageSummaryRows> rows)
      throws SQLException {
    setUp(ds);
    for (int[][] request : REQUESTS) {
      TrackingBatch batch = new TrackingBatch(u -> new UserLinks());
      for (int[] item : request) {
        batch.add(
            new TrackingItem.EventCall(
                FEATURES[item[1]],
                "u",
                COMPANIES[item[0]],
                null,
                DAY0.plusDays(item[2]).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)));
      }
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        List<TrackingBatch.UsageKey> newDays =
            new PortableTrackingWrites(c, ENV).write(batch, Instant.EPOCH.toEpochMilli());
        new UsageSummaryWrites(c, ENV, rows.apply(c, ENV)).update(newDays);
        c.commit();
      }
      assertSummariesMatchHistory(ds);
    }
    try (Connection c = ds.getConnection()) {
      Jdbc.update(
          c,
          "UPDATE feature SET adoption_days = 3, adoption_window_days = 12 WHERE feature_key = 'x'");
      assertEquals(2, new UsageSummaryWrites(c, ENV, rows.apply(c, ENV)).recomputeStale());
      assertEquals(0, new UsageSummaryWrites(c, ENV, rows.apply(c, ENV)).recomputeStale());
    }
    assertSummariesMatchHistory(ds);
  }

  /**
   * Every row's days, count and first adoption day as the pair's whole usage history gives them.
   */
  private static void assertSummariesMatchHistory(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Map<String, List<Long>> days = new HashMap<>();
      for (Object[] row :
          Jdbc.list(
              c,
              "SELECT company_id, feature_key, epoch_day FROM usage_day ORDER BY epoch_day",
              rs -> new Object[] {rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)})) {
        days.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((Long) row[1]);
      }
      Map<String, Thresholds> thresholds = UsageSummaryWrites.thresholds(c, ENV);
      List<String> summaries =
          Jdbc.list(
              c,
              "SELECT company_id, feature_key, first_day, last_day, usage_days,"
                  + " first_adoption_day, adoption_days, adoption_window_days FROM usage_summary",
              rs -> {
                String pair = rs.getString(1) + "/" + rs.getString(2);
                long[] history = days.get(pair).stream().mapToLong(Long::longValue).toArray();
                Thresholds t = thresholds.get(rs.getString(2));
                long adopted =
                    Adoption.firstAdoptionDay(history, t.adoptionDays(), t.adoptionWindowDays());
                String expected =
                    pair
                        + " "
                        + history[0]
                        + ".."
                        + history[history.length - 1]
                        + " n="
                        + history.length
                        + " adopted="
                        + (adopted == Long.MAX_VALUE ? null : adopted)
                        + " "
                        + t;
                int a = rs.getInt(6);
                Long storedAdoption = rs.wasNull() ? null : (long) a;
                String actual =
                    pair
                        + " "
                        + rs.getLong(3)
                        + ".."
                        + rs.getLong(4)
                        + " n="
                        + rs.getInt(5)
                        + " adopted="
                        + storedAdoption
                        + " "
                        + new Thresholds(rs.getInt(7), rs.getInt(8));
                assertEquals(expected, actual);
                return actual;
              });
      assertEquals(days.size(), summaries.size(), "one summary row per pair");
    }
  }

  private static List<String> dump(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return Jdbc.list(
          c,
          "SELECT company_id, feature_key, first_day, last_day, usage_days, first_adoption_day,"
              + " adoption_days, adoption_window_days FROM usage_summary"
              + " ORDER BY company_id, feature_key",
          rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= 8; i++) {
              row.append(rs.getString(i)).append(' ');
            }
            return row.toString();
          });
    }
  }

  @Test
  void portableOnH2() throws SQLException {
    DataSource ds = TestDatabases.h2();
    run(ds, PortableUsageSummaryRows::new);
    assertEquals(3, dump(ds).size());
  }

  @Nested
  class OnPostgresql {

    @Test
    void bothImplementationsAgreeWithTheHistory() throws SQLException {
      PGSimpleDataSource portable = TestDatabases.postgresql();
      PGSimpleDataSource postgres = null;
      try {
        postgres = TestDatabases.postgresql();
        run(portable, PortableUsageSummaryRows::new);
        run(postgres, PostgresUsageSummaryRows::new);
        assertFalse(dump(portable).isEmpty());
        assertEquals(dump(portable), dump(postgres));
      } finally {
        TestDatabases.drop(portable);
        TestDatabases.drop(postgres);
      }
    }
  }
}
