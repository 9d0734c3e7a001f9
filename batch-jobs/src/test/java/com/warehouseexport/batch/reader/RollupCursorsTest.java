package com.warehouseexport.batch.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.warehouseexport.core.usage.FeatureActivity;
import com.warehouseexport.core.usage.FeedbackEntry;
import com.warehouseexport.core.usage.SeenDay;
import com.warehouseexport.core.usage.UsageDay;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader's five-cursor merge against an in-memory H2 database with the real schema ({@code
 * db/migration/V1__tenancy_and_tracking.sql} from the ejb module): companies in code-point order,
 * each with exactly its own rows, nothing after the export's last instant, nothing of companies
 * first seen later or of other environments.
 */
class RollupCursorsTest {

  private static final long ENV = 1;
  private static final long OTHER_ENV = 2;
  private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 20);
  private static final Instant LAST = Instant.parse("2026-11-20T12:00:00Z");

  /** Far enough back that the whole history is read day by day. */
  private static final LocalDate WHOLE = LAST_DAY.minusYears(10);

  private Connection c;
  private boolean summarized;

  @BeforeEach
  void createSchemaAndData() throws SQLException {
    c = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID());
    try (Statement s = c.createStatement()) {
      s.execute("RUNSCRIPT FROM 'classpath:db/migration/V1__tenancy_and_tracking.sql'");
      s.execute("INSERT INTO organization VALUES (1, 'Org', 'PRO', 0)");
      s.execute("INSERT INTO environment VALUES (1, 1, 'Prod', 'hash-1', 'h1', 0)");
      s.execute("INSERT INTO environment VALUES (2, 1, 'Test', 'hash-2', 'h2', 0)");
    }
    // Inserted out of order on purpose: the cursors must sort.
    company(ENV, "carol", at(LAST_DAY.minusDays(10), 9));
    company(ENV, "acme", at(LAST_DAY.minusDays(3), 8));
    company(ENV, "\u00e9-company", at(LAST_DAY, 11)); // é sorts after every ASCII letter
    company(ENV, "beta", at(LAST_DAY.plusDays(1), 8)); // first seen after the export: skipped
    company(ENV, "Zeta", at(LAST_DAY.minusDays(1), 8)); // upper case sorts before lower case
    company(OTHER_ENV, "acme", at(LAST_DAY.minusDays(5), 8));

    attribute(ENV, "acme", "seats", "5");
    attribute(ENV, "acme", "name", "\"Acme\"");
    attribute(ENV, "beta", "name", "\"Beta\"");
    attribute(ENV, "carol", "paying", "true");
    attribute(OTHER_ENV, "acme", "name", "\"Other Acme\"");

    day(ENV, "acme", LAST_DAY.minusDays(3), 8);
    day(ENV, "acme", LAST_DAY.minusDays(1), 14);
    day(ENV, "acme", LAST_DAY.plusDays(1), 8); // after the last day: not read
    day(ENV, "beta", LAST_DAY.plusDays(1), 8);
    day(ENV, "Zeta", LAST_DAY.minusDays(1), 8);
    day(OTHER_ENV, "acme", LAST_DAY.minusDays(5), 8);

    usage(ENV, "acme", "reports", LAST_DAY, 10);
    usage(ENV, "acme", "reports", LAST_DAY.minusDays(3), 9);
    usage(ENV, "acme", "alerts", LAST_DAY.minusDays(2), 7);
    usage(ENV, "beta", "reports", LAST_DAY.plusDays(1), 9);
    usage(ENV, "carol", "alerts", LAST_DAY.plusDays(3), 9); // after the last day: not read
    usage(ENV, "\u00e9-company", "reports", LAST_DAY, 11);
    usage(OTHER_ENV, "acme", "reports", LAST_DAY.minusDays(5), 9);

    feedback(ENV, "acme", "reports", "u2", LAST.minusSeconds(60), 5);
    feedback(ENV, "acme", "reports", "u1", LAST.minusSeconds(3600), 4);
    feedback(ENV, "acme", "surveys", "u1", LAST.minusSeconds(7200), null); // no usage, no score
    feedback(ENV, "acme", "reports", "u3", LAST.plusSeconds(1), 1); // after the instant
    feedback(ENV, null, "reports", "u9", LAST.minusSeconds(60), 1); // no company
    feedback(ENV, "beta", "reports", "u5", LAST.minusSeconds(60), 2);
    feedback(OTHER_ENV, "acme", "reports", "u1", LAST.minusSeconds(60), 3);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void mergesTheCursorsCompanyByCompanyInCodePointOrder() throws SQLException {
    List<CompanyRecord> all = readAll(null, 2);
    assertEquals(
        List.of("Zeta", "acme", "carol", "\u00e9-company"),
        all.stream().map(CompanyRecord::companyId).toList());

    CompanyRecord zeta = all.get(0);
    assertEquals(Map.of(), zeta.attributes());
    assertEquals(List.of(seen(LAST_DAY.minusDays(1), 8)), zeta.seenDays());
    assertEquals(Map.of(), zeta.activityByFeatureKey());

    CompanyRecord acme = all.get(1);
    assertEquals(Map.of("name", "Acme", "seats", new BigDecimal("5")), acme.attributes());
    assertEquals(
        List.of(seen(LAST_DAY.minusDays(3), 8), seen(LAST_DAY.minusDays(1), 14)), acme.seenDays());
    assertEquals(
        Map.of(
            "reports",
            new FeatureActivity(
                List.of(used(LAST_DAY.minusDays(3), 9), used(LAST_DAY, 10)),
                List.of(
                    new FeedbackEntry("u1", LAST.minusSeconds(3600), 4),
                    new FeedbackEntry("u2", LAST.minusSeconds(60), 5))),
            "alerts",
            new FeatureActivity(List.of(used(LAST_DAY.minusDays(2), 7)), List.of()),
            "surveys",
            new FeatureActivity(
                List.of(), List.of(new FeedbackEntry("u1", LAST.minusSeconds(7200), null)))),
        acme.activityByFeatureKey());

    CompanyRecord carol = all.get(2);
    assertEquals(Map.of("paying", Boolean.TRUE), carol.attributes());
    assertEquals(List.of(), carol.seenDays());
    assertEquals(Map.of(), carol.activityByFeatureKey(), "nothing after the last day");

    CompanyRecord accented = all.get(3);
    assertEquals(
        Map.of("reports", new FeatureActivity(List.of(used(LAST_DAY, 11)), List.of())),
        accented.activityByFeatureKey());
  }

  @Test
  void readsOnAfterACheckpointedCompany() throws SQLException {
    List<CompanyRecord> rest = readAll("acme", 1);
    assertEquals(
        List.of("carol", "\u00e9-company"), rest.stream().map(CompanyRecord::companyId).toList());
    assertEquals(Map.of("paying", Boolean.TRUE), rest.get(0).attributes());
  }

  @Test
  void theFetchSizeDoesNotChangeTheResult() throws SQLException {
    assertEquals(readAll(null, 1), readAll(null, 1_000));
  }

  @Test
  void anEnvironmentWithoutCompaniesIsEmpty() throws SQLException {
    summarize();
    try (RollupCursors cursors = new RollupCursors(c, 99, null, LAST, WHOLE, LAST_DAY, 10)) {
      assertNull(cursors.next());
    }
  }

  /**
   * A windowed read: day by day from the window's first day on; before it the first and the last
   * day (at the start of the day) and the first adoption day from {@code usage_summary} as the V13
   * migration computes it from the rollups; a pair whose thresholds changed since is read whole.
   */
  @Test
  void readsDayByDayFromTheWindowOnAndOnlyTheEndsBeforeIt() throws SQLException {
    update(
        "INSERT INTO feature VALUES (1, ?, 'reports', 'Reports', 2, 3, FALSE, 0),"
            + " (2, ?, 'alerts', 'Alerts', 5, 28, FALSE, 0),"
            + " (3, ?, 'exports', 'Exports', 5, 28, FALSE, 0)",
        ENV,
        ENV,
        ENV);
    for (int back : new int[] {400, 399, 200}) {
      usage(ENV, "acme", "reports", LAST_DAY.minusDays(back), 9);
    }
    usage(ENV, "acme", "exports", LAST_DAY.minusDays(300), 9);
    usage(ENV, "acme", "exports", LAST_DAY.minusDays(150), 9);
    usage(ENV, "acme", "alerts", LAST_DAY.minusDays(500), 7);
    day(ENV, "acme", LAST_DAY.minusDays(300), 8);
    day(ENV, "acme", LAST_DAY.minusDays(250), 8);
    summarize();
    // The alerts thresholds change after the summary was computed: that pair is read whole.
    update("UPDATE feature SET adoption_days = 4 WHERE id = 2");
    LocalDate window = LAST_DAY.minusDays(100);

    CompanyRecord acme = read(window).get(1);
    assertEquals("acme", acme.companyId());
    assertEquals(
        List.of(
            dayStart(LAST_DAY.minusDays(300), SeenDay::new),
            dayStart(LAST_DAY.minusDays(250), SeenDay::new),
            seen(LAST_DAY.minusDays(3), 8),
            seen(LAST_DAY.minusDays(1), 14)),
        acme.seenDays());
    FeatureActivity reports = acme.activityByFeatureKey().get("reports");
    assertEquals(
        List.of(
            dayStart(LAST_DAY.minusDays(400), UsageDay::new),
            used(LAST_DAY.minusDays(3), 9),
            used(LAST_DAY, 10)),
        reports.usageDays(),
        "the window holds a day before the first data point: the last day before it is not needed");
    assertEquals(
        new FeatureActivity.KnownAdoption(LAST_DAY.minusDays(399)), reports.adoption(), "2 in 3");
    assertEquals(
        List.of(
            dayStart(LAST_DAY.minusDays(400), UsageDay::new),
            dayStart(LAST_DAY.minusDays(200), UsageDay::new),
            used(LAST_DAY.minusDays(3), 9),
            used(LAST_DAY, 10)),
        read(window, LAST_DAY.minusDays(5))
            .get(1)
            .activityByFeatureKey()
            .get("reports")
            .usageDays(),
        "usage in the window only from the first data point on: the last day before it is sought");
    assertEquals(
        new FeatureActivity(
            List.of(
                dayStart(LAST_DAY.minusDays(300), UsageDay::new),
                dayStart(LAST_DAY.minusDays(150), UsageDay::new)),
            List.of(),
            new FeatureActivity.KnownAdoption(null)),
        acme.activityByFeatureKey().get("exports"),
        "all usage before the window: first and last day from the summary");
    assertEquals(
        new FeatureActivity(
            List.of(used(LAST_DAY.minusDays(500), 7), used(LAST_DAY.minusDays(2), 7)), List.of()),
        acme.activityByFeatureKey().get("alerts"),
        "stale thresholds: the whole history, adoption derived from it");

    assertEquals(
        List.of(seen(LAST_DAY.minusDays(1), 8)),
        read(window).get(0).seenDays(),
        "Zeta: nothing before the window");
    // The window covering everything gives the days themselves.
    assertEquals(
        List.of(
            used(LAST_DAY.minusDays(400), 9),
            used(LAST_DAY.minusDays(399), 9),
            used(LAST_DAY.minusDays(200), 9),
            used(LAST_DAY.minusDays(3), 9),
            used(LAST_DAY, 10)),
        read(WHOLE).get(1).activityByFeatureKey().get("reports").usageDays());
  }

  private static <T> T dayStart(
      LocalDate day, java.util.function.BiFunction<LocalDate, Instant, T> make) {
    return make.apply(day, day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
  }

  private List<CompanyRecord> read(LocalDate window) throws SQLException {
    return read(window, LAST_DAY);
  }

  private List<CompanyRecord> read(LocalDate window, LocalDate firstPoint) throws SQLException {
    List<CompanyRecord> records = new ArrayList<>();
    try (RollupCursors cursors = new RollupCursors(c, ENV, null, LAST, window, firstPoint, 3)) {
      for (CompanyRecord r = cursors.next(); r != null; r = cursors.next()) {
        records.add(r);
      }
    }
    return records;
  }

  /** Runs the V13 migration: creates {@code usage_summary} from the rollups inserted so far. */
  private void summarize() throws SQLException {
    if (!summarized) {
      try (Statement s = c.createStatement()) {
        s.execute("RUNSCRIPT FROM 'classpath:db/migration/V13__usage_summary.sql'");
      }
      summarized = true;
    }
  }

  private List<CompanyRecord> readAll(String after, int fetchSize) throws SQLException {
    summarize();
    List<CompanyRecord> records = new ArrayList<>();
    try (RollupCursors cursors =
        new RollupCursors(c, ENV, after, LAST, WHOLE, LAST_DAY, fetchSize)) {
      for (CompanyRecord r = cursors.next(); r != null; r = cursors.next()) {
        records.add(r);
      }
      assertNull(cursors.next(), "stays exhausted");
    }
    return records;
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(java.time.ZoneOffset.UTC);
  }

  private static SeenDay seen(LocalDate day, int hour) {
    return new SeenDay(day, at(day, hour));
  }

  private static UsageDay used(LocalDate day, int hour) {
    return new UsageDay(day, at(day, hour));
  }

  private void company(long env, String id, Instant firstSeen) throws SQLException {
    update(
        "INSERT INTO company VALUES (?, ?, ?, ?)",
        env,
        id,
        firstSeen.toEpochMilli(),
        firstSeen.toEpochMilli());
  }

  private void attribute(long env, String company, String key, String json) throws SQLException {
    update("INSERT INTO company_attribute VALUES (?, ?, ?, ?, 0)", env, company, key, json);
  }

  private void day(long env, String company, LocalDate day, int hour) throws SQLException {
    update(
        "INSERT INTO company_day VALUES (?, ?, ?, ?)",
        env,
        company,
        (int) day.toEpochDay(),
        at(day, hour).toEpochMilli());
  }

  private void usage(long env, String company, String feature, LocalDate day, int hour)
      throws SQLException {
    long t = at(day, hour).toEpochMilli();
    update(
        "INSERT INTO usage_day VALUES (?, ?, ?, ?, 1, ?, ?)",
        env,
        company,
        feature,
        (int) day.toEpochDay(),
        t,
        t);
  }

  private void feedback(
      long env, String company, String feature, String user, Instant at, Integer score)
      throws SQLException {
    update(
        "INSERT INTO feedback (environment_id, feature_key, user_id, company_id, score,"
            + " occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        env,
        feature,
        user,
        company,
        score,
        at.toEpochMilli(),
        at.toEpochMilli());
  }

  private void update(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }
}
