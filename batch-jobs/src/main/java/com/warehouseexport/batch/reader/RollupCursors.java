package com.warehouseexport.batch.reader;

import com.warehouseexport.catalog.AttributeJson;
import com.warehouseexport.core.usage.FeatureActivity;
import com.warehouseexport.core.usage.FeedbackEntry;
import com.warehouseexport.core.usage.SeenDay;
import com.warehouseexport.core.usage.UsageDay;
import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams one environment's companies merged with their attributes, seen days, usage rollups and
 * feedback: six cursors, each ordered by company id in code-point order, advanced together one
 * company at a time. Memory holds one company at a time, never the environment.
 *
 * <p>Seen and usage days are read day by day only from the window's first day on ({@link
 * com.warehouseexport.core.usage.HistoryWindow}); of the days before it the first and the last are
 * index seeks, and the first adoption day comes from {@code usage_summary}, which ingestion keeps.
 * So an export's cost follows its window, not the length of the history. A pair whose summary was
 * computed with other thresholds than the feature's (a change not yet recomputed) is read whole, as
 * is, on H2, a pair without a summary. The SQL is {@link RollupQueries}'; this class merges.
 */
final class RollupCursors implements AutoCloseable {

  private final Connection connection;
  private final RollupQueries queries;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private final ResultSet companies;
  private final ResultSet attributes;
  private final ResultSet days;
  private final ResultSet pairs;
  private final ResultSet usage;
  private final ResultSet feedback;
  private boolean attributesHasRow;
  private boolean daysHasRow;
  private boolean pairsHasRow;
  private boolean usageHasRow;
  private boolean feedbackHasRow;
  private final java.util.Comparator<String> order;
  private final LocalDate windowStart;
  private final LocalDate firstPoint;

  /** The last usage day of a pair before the window: seldom needed (see {@link #next}). */
  private PreparedStatement lastBefore;

  /**
   * @param after companies strictly after this id (export order), or null for all
   * @param lastInstant nothing later than this instant is read (the export's last data point)
   * @param windowStart the first day read day by day ({@code HistoryWindow.firstDay})
   * @param firstPoint the Date of the export's first data point
   */
  RollupCursors(
      Connection c,
      long env,
      String after,
      Instant lastInstant,
      LocalDate windowStart,
      LocalDate firstPoint,
      int fetchSize)
      throws SQLException {
    SqlDialect dialect = SqlDialect.of(c);
    this.connection = c;
    this.order = dialect.textComparator();
    this.windowStart = windowStart;
    this.firstPoint = firstPoint;
    this.queries =
        new RollupQueries(
            dialect,
            env,
            after,
            lastInstant.toEpochMilli(),
            (int) windowStart.toEpochDay(),
            LocalDate.ofInstant(lastInstant, java.time.ZoneOffset.UTC).toEpochDay());
    companies = open(queries.companies(), fetchSize);
    attributes = open(queries.attributes(), fetchSize);
    days = open(queries.days(), fetchSize);
    pairs = open(queries.pairs(), fetchSize);
    usage = open(queries.usage(), fetchSize);
    feedback = open(queries.feedback(), fetchSize);
    attributesHasRow = attributes.next();
    daysHasRow = days.next();
    pairsHasRow = pairs.next();
    usageHasRow = usage.next();
    feedbackHasRow = feedback.next();
  }

  private PreparedStatement statement(String sql, int fetchSize) throws SQLException {
    PreparedStatement ps =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statements.add(ps);
    ps.setFetchSize(fetchSize);
    return ps;
  }

  private ResultSet open(RollupQueries.Query query, int fetchSize) throws SQLException {
    PreparedStatement ps = statement(query.sql(), fetchSize);
    Jdbc.bind(ps, query.params());
    return ps.executeQuery();
  }

  /** The next company, or null when all were read. */
  CompanyRecord next() throws SQLException {
    if (!companies.next()) {
      return null;
    }
    String companyId = companies.getString(1);
    List<SeenDay> seen = new ArrayList<>();
    addBefore(seen, companies, 2, SeenDay::new);
    Map<String, Object> attrs = new HashMap<>();
    while (attributesHasRow && skipOrMatch(attributes, companyId)) {
      if (attributes.getString(1).equals(companyId)) {
        attrs.put(attributes.getString(2), AttributeJson.parse(attributes.getString(3)));
      }
      attributesHasRow = attributes.next();
    }
    while (daysHasRow && skipOrMatch(days, companyId)) {
      if (days.getString(1).equals(companyId)) {
        seen.add(
            new SeenDay(
                LocalDate.ofEpochDay(days.getLong(2)), Instant.ofEpochMilli(days.getLong(3))));
      }
      daysHasRow = days.next();
    }
    Map<String, PairSummary> summaries = new HashMap<>();
    while (pairsHasRow && skipOrMatch(pairs, companyId)) {
      if (pairs.getString(1).equals(companyId)) {
        summaries.put(pairs.getString(2), PairSummary.of(pairs));
      }
      pairsHasRow = pairs.next();
    }
    Map<String, List<UsageDay>> usageByFeature = new LinkedHashMap<>();
    while (usageHasRow && skipOrMatch(usage, companyId)) {
      if (usage.getString(1).equals(companyId)) {
        usageByFeature
            .computeIfAbsent(usage.getString(2), k -> new ArrayList<>())
            .add(
                new UsageDay(
                    LocalDate.ofEpochDay(usage.getLong(3)),
                    Instant.ofEpochMilli(usage.getLong(4))));
      }
      usageHasRow = usage.next();
    }
    Map<String, List<FeedbackEntry>> feedbackByFeature = new LinkedHashMap<>();
    while (feedbackHasRow && skipOrMatch(feedback, companyId)) {
      if (feedback.getString(1).equals(companyId)) {
        int score = feedback.getInt(5);
        Integer nullableScore = feedback.wasNull() ? null : score;
        feedbackByFeature
            .computeIfAbsent(feedback.getString(2), k -> new ArrayList<>())
            .add(
                new FeedbackEntry(
                    feedback.getString(3),
                    Instant.ofEpochMilli(feedback.getLong(4)),
                    nullableScore));
      }
      feedbackHasRow = feedback.next();
    }
    inDayOrder(seen, SeenDay::day);
    usageByFeature.values().forEach(days -> inDayOrder(days, UsageDay::day));
    Map<String, FeatureActivity> activity = new HashMap<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(usageByFeature.keySet());
    keys.addAll(feedbackByFeature.keySet());
    summaries.forEach(
        (key, summary) -> {
          if (summary.fresh()) {
            keys.add(key);
          }
        });
    for (String key : keys) {
      List<UsageDay> window = usageByFeature.getOrDefault(key, List.of());
      List<FeedbackEntry> entries = feedbackByFeature.getOrDefault(key, List.of());
      PairSummary summary = summaries.get(key);
      if (summary == null || !summary.fresh()) {
        activity.put(key, new FeatureActivity(window, entries)); // the whole history was read
        continue;
      }
      List<UsageDay> usageDays = new ArrayList<>(window.size() + 2);
      long start = windowStart.toEpochDay();
      if (summary.firstDay() < start) {
        usageDays.add(dayStart(summary.firstDay(), UsageDay::new));
        Long last = lastDayBefore(companyId, key, summary, window);
        if (last != null && last != summary.firstDay()) {
          usageDays.add(dayStart(last, UsageDay::new));
        }
      }
      usageDays.addAll(window);
      activity.put(
          key,
          new FeatureActivity(
              usageDays,
              entries,
              new FeatureActivity.KnownAdoption(
                  summary.firstAdoptionDay() == null
                      ? null
                      : LocalDate.ofEpochDay(summary.firstAdoptionDay()))));
    }
    return new CompanyRecord(companyId, attrs, seen, activity);
  }

  /**
   * The last usage day before the window, when a data point can count it as Last Used: if the pair
   * has no usage from the window on, its last day; if the window holds a day before the first data
   * point, none (that day is counted at every point, and it is later); otherwise (seldom: usage
   * resumed only after the first point) an index seek.
   */
  private Long lastDayBefore(
      String companyId, String key, PairSummary summary, List<UsageDay> window)
      throws SQLException {
    long start = windowStart.toEpochDay();
    if (summary.lastDay() < start) {
      return summary.lastDay();
    }
    if (!window.isEmpty() && window.get(0).day().isBefore(firstPoint)) {
      return null;
    }
    RollupQueries.Query seek = queries.lastUsageBefore(companyId, key);
    if (lastBefore == null) {
      lastBefore = statement(seek.sql(), 1);
    }
    Jdbc.bind(lastBefore, seek.params());
    try (ResultSet rs = lastBefore.executeQuery()) {
      if (rs.next()) {
        long day = rs.getLong(1);
        return rs.wasNull() ? null : day;
      }
      return null;
    }
  }

  /**
   * The first and the last day before the window (columns {@code first}, {@code first + 1}; null
   * when there is none), at the start of their day: they precede every data point, so their
   * instants are never compared.
   */
  private static <T> void addBefore(
      List<T> out,
      ResultSet rs,
      int first,
      java.util.function.BiFunction<LocalDate, Instant, T> make)
      throws SQLException {
    long firstDay = rs.getLong(first);
    if (rs.wasNull()) {
      return;
    }
    long lastDay = rs.getLong(first + 1);
    out.add(dayStart(firstDay, make));
    if (lastDay != firstDay) {
      out.add(dayStart(lastDay, make));
    }
  }

  private static <T> T dayStart(
      long epochDay, java.util.function.BiFunction<LocalDate, Instant, T> make) {
    LocalDate day = LocalDate.ofEpochDay(epochDay);
    return make.apply(day, day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
  }

  /**
   * Sorts by day if needed: PostgreSQL's per-company (per-pair) index ranges arrive in index order,
   * which SQL does not promise; sorting only the short company list instead of every row is what
   * keeps the export from sorting its whole window.
   */
  private static <T> void inDayOrder(List<T> days, java.util.function.Function<T, LocalDate> day) {
    for (int i = 1; i < days.size(); i++) {
      if (day.apply(days.get(i - 1)).isAfter(day.apply(days.get(i)))) {
        days.sort(java.util.Comparator.comparing(day));
        return;
      }
    }
  }

  /** A pair's row of {@code usage_summary}, as the pairs cursor reads it. */
  private record PairSummary(long firstDay, Integer firstAdoptionDay, boolean fresh, long lastDay) {
    static PairSummary of(ResultSet rs) throws SQLException {
      long firstDay = rs.getLong(3);
      int adopted = rs.getInt(4);
      Integer firstAdoption = rs.wasNull() ? null : adopted;
      boolean fresh = rs.getInt(5) == 1;
      return new PairSummary(firstDay, firstAdoption, fresh, rs.getLong(6));
    }
  }

  /**
   * True while the cursor is on this company's rows or on rows of companies that sort before it
   * (e.g. companies first seen after the export instant, which the company cursor skips).
   */
  private boolean skipOrMatch(ResultSet rs, String companyId) throws SQLException {
    return order.compare(rs.getString(1), companyId) <= 0;
  }

  @Override
  public void close() {
    for (PreparedStatement ps : statements) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }
}
