package com.warehouseexport.batch.reader;

import com.warehouseexport.core.usage.FeatureActivity;
import com.warehouseexport.core.usage.FeedbackEntry;
import com.warehouseexport.core.usage.SeenDay;
import com.warehouseexport.core.usage.UsageDay;
import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.AttributeJson;
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
 * feedback: five cursors, each ordered by company id in code-point order, advanced together one
 * company at a time. Memory holds one company at a time, never the environment.
 */
final class RollupCursors implements AutoCloseable {

  private final List<PreparedStatement> statements = new ArrayList<>();
  private final ResultSet companies;
  private final ResultSet attributes;
  private final ResultSet days;
  private final ResultSet usage;
  private final ResultSet feedback;
  private boolean attributesHasRow;
  private boolean daysHasRow;
  private boolean usageHasRow;
  private boolean feedbackHasRow;
  private final java.util.Comparator<String> order;

  /**
   * @param after companies strictly after this id (export order), or null for all
   * @param lastInstant nothing later than this instant is read (the export's last data point)
   */
  RollupCursors(Connection c, long env, String after, Instant lastInstant, int fetchSize)
      throws SQLException {
    SqlDialect dialect = SqlDialect.of(c);
    order = dialect.textComparator();
    String id = dialect.binaryOrder("company_id");
    String from = after == null ? "" : " AND " + id + " > ?";
    long lastDay = LocalDate.ofInstant(lastInstant, java.time.ZoneOffset.UTC).toEpochDay();
    long lastMillis = lastInstant.toEpochMilli();
    companies =
        open(
            c,
            "SELECT company_id FROM company WHERE environment_id = ? AND first_seen_at <= ?"
                + from
                + " ORDER BY "
                + id,
            fetchSize,
            env,
            lastMillis,
            after);
    attributes =
        open(
            c,
            "SELECT company_id, attr_key, value_json FROM company_attribute"
                + " WHERE environment_id = ?"
                + from
                + " ORDER BY "
                + id
                + ", attr_key",
            fetchSize,
            env,
            after);
    days =
        open(
            c,
            "SELECT company_id, epoch_day, first_at FROM company_day WHERE environment_id = ?"
                + " AND epoch_day <= ?"
                + from
                + " ORDER BY "
                + id
                + ", epoch_day",
            fetchSize,
            env,
            lastDay,
            after);
    usage =
        open(
            c,
            "SELECT company_id, feature_key, epoch_day, first_at FROM usage_day"
                + " WHERE environment_id = ? AND epoch_day <= ?"
                + from
                + " ORDER BY "
                + id
                + ", feature_key, epoch_day",
            fetchSize,
            env,
            lastDay,
            after);
    feedback =
        open(
            c,
            "SELECT company_id, feature_key, user_id, occurred_at, score FROM feedback"
                + " WHERE environment_id = ? AND company_id IS NOT NULL AND occurred_at <= ?"
                + from
                + " ORDER BY "
                + id
                + ", feature_key, occurred_at, id",
            fetchSize,
            env,
            lastMillis,
            after);
    attributesHasRow = attributes.next();
    daysHasRow = days.next();
    usageHasRow = usage.next();
    feedbackHasRow = feedback.next();
  }

  private PreparedStatement statement(Connection c, String sql, int fetchSize) throws SQLException {
    PreparedStatement ps =
        c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    ps.setFetchSize(fetchSize);
    statements.add(ps);
    return ps;
  }

  private ResultSet open(Connection c, String sql, int fetchSize, Object... params)
      throws SQLException {
    PreparedStatement ps = statement(c, sql, fetchSize);
    int i = 1;
    for (Object p : params) {
      if (p != null) {
        ps.setObject(i++, p);
      }
    }
    return ps.executeQuery();
  }

  /** The next company, or null when all were read. */
  CompanyRecord next() throws SQLException {
    if (!companies.next()) {
      return null;
    }
    String companyId = companies.getString(1);
    Map<String, Object> attrs = new HashMap<>();
    while (attributesHasRow && skipOrMatch(attributes, companyId)) {
      if (attributes.getString(1).equals(companyId)) {
        attrs.put(attributes.getString(2), AttributeJson.parse(attributes.getString(3)));
      }
      attributesHasRow = attributes.next();
    }
    List<SeenDay> seen = new ArrayList<>();
    while (daysHasRow && skipOrMatch(days, companyId)) {
      if (days.getString(1).equals(companyId)) {
        seen.add(
            new SeenDay(
                LocalDate.ofEpochDay(days.getLong(2)), Instant.ofEpochMilli(days.getLong(3))));
      }
      daysHasRow = days.next();
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
    Map<String, FeatureActivity> activity = new HashMap<>();
    usageByFeature.forEach(
        (key, days) ->
            activity.put(
                key, new FeatureActivity(days, feedbackByFeature.getOrDefault(key, List.of()))));
    feedbackByFeature.forEach(
        (key, entries) -> activity.putIfAbsent(key, new FeatureActivity(List.of(), entries)));
    return new CompanyRecord(companyId, attrs, seen, activity);
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
