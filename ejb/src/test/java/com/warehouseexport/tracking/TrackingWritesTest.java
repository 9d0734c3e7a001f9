package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.TestDatabases;
import com.warehouseexport.tracking.TrackingBatch.UsageKey;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two {@link TrackingWrites} against real databases: the portable one on H2 with the expected
 * rows spelled out, and on PostgreSQL both implementations writing the same requests into two
 * schemas, which must end up holding the same rows (and report the same new usage days).
 */
class TrackingWritesTest {

  private static final long ENV = 7;
  private static final Instant RECEIVED = Instant.parse("2026-11-10T00:00:00Z");

  /** Three requests: new rows, then counters added, an older and a newer attribute value. */
  private static final List<List<TrackingItem>> REQUESTS =
      List.of(
          List.of(
              new TrackingItem.CompanyCall(
                  "acme", Map.of("plan", "\"gold\""), "u1", Instant.parse("2026-11-01T10:00:00Z")),
              new TrackingItem.EventCall(
                  "reports", "u1", null, "{\"x\":1}", Instant.parse("2026-11-01T11:00:00Z")),
              new TrackingItem.EventCall(
                  "reports", "u1", "acme", null, Instant.parse("2026-11-02T09:00:00Z")),
              new TrackingItem.FeedbackCall(
                  "reports", "u1", "acme", 4, "fine", Instant.parse("2026-11-02T09:30:00Z"))),
          List.of(
              new TrackingItem.EventCall(
                  "reports", "u1", "acme", null, Instant.parse("2026-11-01T08:00:00Z")),
              new TrackingItem.EventCall(
                  "search", "u2", "beta", null, Instant.parse("2026-11-03T08:00:00Z")),
              new TrackingItem.UserCall(
                  "u2", Map.of("role", "\"admin\""), Instant.parse("2026-11-03T08:00:00Z")),
              new TrackingItem.FeedbackCall(
                  "search", "u2", "beta", null, null, Instant.parse("2026-11-03T08:01:00Z"))),
          List.of(
              new TrackingItem.CompanyCall(
                  "acme",
                  Map.of("plan", "\"silver\""),
                  null,
                  Instant.parse("2026-10-30T00:00:00Z")),
              new TrackingItem.CompanyCall(
                  "acme",
                  Map.of("plan", "\"platinum\""),
                  null,
                  Instant.parse("2026-11-05T00:00:00Z")),
              new TrackingItem.EventCall(
                  "reports", "u1", "acme", null, Instant.parse("2026-11-04T12:00:00Z"))));

  private static final String[] TABLES = {
    "company ORDER BY company_id",
    "company_day ORDER BY company_id, epoch_day",
    "company_attribute ORDER BY company_id, attr_key",
    "tracked_user ORDER BY user_id",
    "user_attribute ORDER BY user_id, attr_key",
    "user_company_link ORDER BY user_id, company_id",
    "tracked_event ORDER BY occurred_at, event_name",
    "feedback ORDER BY occurred_at",
    "usage_day ORDER BY company_id, feature_key, epoch_day"
  };

  /** Writes every request, each in a transaction of its own; returns the new days of each. */
  private static List<List<UsageKey>> writeAll(
      DataSource ds, BiFunction<Connection, Long, TrackingWrites> writes) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Jdbc.update(
          c, "INSERT INTO organization (id, name, plan, created_at) VALUES (1, 'o', 'PRO', 0)");
      Jdbc.update(
          c,
          "INSERT INTO environment (id, organization_id, name, ingestion_key_hash,"
              + " ingestion_key_hint, created_at) VALUES (?, 1, 'e', 'h', 'k', 0)",
          ENV);
    }
    List<List<UsageKey>> newDays = new ArrayList<>();
    for (List<TrackingItem> request : REQUESTS) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        Map<String, UserLinks> links = new java.util.HashMap<>();
        for (Object[] row :
            Jdbc.list(
                c,
                "SELECT user_id, company_id, linked_at FROM user_company_link"
                    + " ORDER BY linked_at, company_id",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)})) {
          links
              .computeIfAbsent((String) row[0], u -> new UserLinks())
              .link((String) row[1], Instant.ofEpochMilli((Long) row[2]));
        }
        TrackingBatch batch = new TrackingBatch(u -> links.getOrDefault(u, new UserLinks()));
        request.forEach(batch::add);
        newDays.add(writes.apply(c, ENV).write(batch, RECEIVED.toEpochMilli()));
        c.commit();
      }
    }
    return newDays;
  }

  /** Every row of the tracking tables, as text, without generated ids. */
  private static List<String> dump(DataSource ds) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      for (String table : TABLES) {
        rows.addAll(
            Jdbc.list(
                c,
                "SELECT * FROM " + table,
                rs -> {
                  ResultSetMetaData meta = rs.getMetaData();
                  StringBuilder row = new StringBuilder(table.split(" ")[0]);
                  for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equalsIgnoreCase("id")) {
                      row.append(' ')
                          .append(meta.getColumnName(i).toLowerCase())
                          .append('=')
                          .append(rs.getString(i));
                    }
                  }
                  return row.toString();
                }));
      }
    }
    return rows;
  }

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void portableOnH2() throws SQLException {
    DataSource ds = TestDatabases.h2();
    List<List<UsageKey>> newDays = writeAll(ds, PortableTrackingWrites::new);
    long nov1 = java.time.LocalDate.parse("2026-11-01").toEpochDay();
    long nov2 = nov1 + 1;
    long nov3 = nov1 + 2;
    long nov4 = nov1 + 3;
    assertEquals(
        List.of(
            List.of(new UsageKey("acme", "reports", nov1), new UsageKey("acme", "reports", nov2)),
            List.of(new UsageKey("beta", "search", nov3)),
            List.of(new UsageKey("acme", "reports", nov4))),
        newDays);
    List<String> rows = dump(ds);
    // Counters added, first/last as min/max, the latest attribute value wins.
    assertEquals(
        List.of(
            "company environment_id=7 company_id=acme first_seen_at="
                + ms("2026-10-30T00:00:00Z")
                + " last_seen_at="
                + ms("2026-11-05T00:00:00Z"),
            "company environment_id=7 company_id=beta first_seen_at="
                + ms("2026-11-03T08:00:00Z")
                + " last_seen_at="
                + ms("2026-11-03T08:01:00Z")),
        rows.stream().filter(r -> r.startsWith("company ")).toList());
    assertEquals(
        List.of(
            "company_attribute environment_id=7 company_id=acme attr_key=plan"
                + " value_json=\"platinum\" updated_at="
                + ms("2026-11-05T00:00:00Z")),
        rows.stream().filter(r -> r.startsWith("company_attribute ")).toList());
    List<String> usage = rows.stream().filter(r -> r.startsWith("usage_day ")).toList();
    assertEquals(4, usage.size(), usage.toString());
    assertEquals(
        "usage_day environment_id=7 company_id=acme feature_key=reports epoch_day="
            + nov2
            + " usage_count=1 first_at="
            + ms("2026-11-02T09:00:00Z")
            + " last_at="
            + ms("2026-11-02T09:00:00Z"),
        usage.get(1));
    assertEquals(1, rows.stream().filter(r -> r.startsWith("user_company_link ")).count());
    assertEquals(
        1,
        rows.stream()
            .filter(r -> r.startsWith("feedback ") && r.contains("score=null comment_text=null"))
            .count());
  }

  @Nested
  class OnPostgresql {

    @Test
    void bothImplementationsWriteTheSameRows() throws SQLException {
      PGSimpleDataSource portable = TestDatabases.postgresql();
      PGSimpleDataSource postgres = null;
      try {
        postgres = TestDatabases.postgresql();
        List<List<UsageKey>> portableDays = writeAll(portable, PortableTrackingWrites::new);
        List<List<UsageKey>> postgresDays = writeAll(postgres, PostgresTrackingWrites::new);
        assertEquals(
            portableDays.stream().map(d -> d.stream().sorted().toList()).toList(),
            postgresDays.stream().map(d -> d.stream().sorted().toList()).toList());
        List<String> rows = dump(portable);
        assertFalse(rows.isEmpty());
        assertEquals(rows, dump(postgres));
      } finally {
        TestDatabases.drop(portable);
        TestDatabases.drop(postgres);
      }
    }

    /**
     * A sighting inside the stored span changes nothing, so it writes no new row version (same
     * {@code xmin}), but it still locks the row until commit: {@link JdbcTrackingStore} serializes
     * requests about one user on that lock. A sighting outside the span widens it.
     */
    @Test
    void spanInsideTheStoredOneWritesNothingButLocksTheRow() throws SQLException {
      PGSimpleDataSource ds = TestDatabases.postgresql();
      try {
        try (Connection c = ds.getConnection()) {
          Jdbc.update(
              c, "INSERT INTO organization (id, name, plan, created_at) VALUES (1, 'o', 'PRO', 0)");
          Jdbc.update(
              c,
              "INSERT INTO environment (id, organization_id, name, ingestion_key_hash,"
                  + " ingestion_key_hint, created_at) VALUES (?, 1, 'e', 'h', 'k', 0)",
              ENV);
          new PostgresTrackingWrites(c, ENV)
              .upsertSpans("tracked_user", "user_id", spans("u1", 100, 200));
        }
        String before = xmin(ds);
        try (Connection c = ds.getConnection();
            Connection other = ds.getConnection()) {
          c.setAutoCommit(false);
          new PostgresTrackingWrites(c, ENV)
              .upsertSpans("tracked_user", "user_id", spans("u1", 150, 200));
          SQLException locked =
              assertThrows(
                  SQLException.class,
                  () ->
                      Jdbc.list(
                          other,
                          "SELECT user_id FROM tracked_user WHERE user_id = 'u1' FOR UPDATE NOWAIT",
                          rs -> rs.getString(1)));
          assertEquals("55P03", locked.getSQLState(), locked.getMessage());
          c.commit();
        }
        assertEquals(before, xmin(ds), "no new row version for a span inside the stored one");
        assertEquals(List.of("100-200"), span(ds));
        try (Connection c = ds.getConnection()) {
          TrackingWrites writes = new PostgresTrackingWrites(c, ENV);
          writes.upsertSpans("tracked_user", "user_id", spans("u1", 120, 300));
          assertEquals(List.of("100-300"), span(ds));
          writes.upsertSpans("tracked_user", "user_id", spans("u1", 50, 250));
          assertEquals(List.of("50-300"), span(ds));
        }
        assertNotEquals(before, xmin(ds));
      } finally {
        TestDatabases.drop(ds);
      }
    }

    private static Map<String, TrackingBatch.Span> spans(String id, long first, long last) {
      return new java.util.TreeMap<>(Map.of(id, new TrackingBatch.Span(first, last)));
    }

    private static String xmin(DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection()) {
        return Jdbc.list(
                c,
                "SELECT xmin::text FROM tracked_user WHERE user_id = 'u1'",
                rs -> rs.getString(1))
            .get(0);
      }
    }

    private static List<String> span(DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection()) {
        return Jdbc.list(
            c,
            "SELECT first_seen_at, last_seen_at FROM tracked_user WHERE user_id = 'u1'",
            rs -> rs.getLong(1) + "-" + rs.getLong(2));
      }
    }
  }
}
