package com.warehouseexport.batch.reader;

import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.SummaryFreshness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL of {@link RollupCursors}' six cursors and its one seek, for one export: every cursor is
 * ordered by company id in code-point order ({@link SqlDialect#binaryOrder}) and starts after the
 * checkpoint's company. Seen and usage days are read from the window's first day on; a pair whose
 * summary is stale ({@link SummaryFreshness}) is read whole.
 *
 * <p>On PostgreSQL the day cursors read one index range per company (per pair), from a company
 * (pair) list sorted in a subquery the planner keeps ({@code OFFSET 0}): the primary keys lead with
 * company_id, so a plain range on epoch_day would walk every day of every company, and the outer
 * {@code ORDER BY} needs no sort of the window's rows. The portable form is one range scan.
 */
final class RollupQueries {

  /** A statement and its parameters. */
  record Query(String sql, Object... params) {}

  private final SqlDialect dialect;
  private final long env;
  private final String after;
  private final long lastMillis;
  private final int start;
  private final long lastDay;

  /**
   * @param after companies strictly after this id (export order), or null for all
   * @param lastMillis nothing later than this instant is read (epoch milliseconds)
   * @param start the first day read day by day (epoch day)
   * @param lastDay the day of {@code lastMillis} (epoch day)
   */
  RollupQueries(
      SqlDialect dialect, long env, String after, long lastMillis, int start, long lastDay) {
    this.dialect = dialect;
    this.env = env;
    this.after = after;
    this.lastMillis = lastMillis;
    this.start = start;
    this.lastDay = lastDay;
  }

  /**
   * Companies seen by the last instant, each with its first and last seen day before the window.
   */
  Query companies() {
    return query(
        "SELECT c.company_id,"
            + " (SELECT MIN(d.epoch_day) FROM company_day d WHERE d.environment_id ="
            + " c.environment_id AND d.company_id = c.company_id AND d.epoch_day < ?),"
            + " (SELECT MAX(d.epoch_day) FROM company_day d WHERE d.environment_id ="
            + " c.environment_id AND d.company_id = c.company_id AND d.epoch_day < ?)"
            + " FROM company c WHERE c.environment_id = ? AND c.first_seen_at <= ?"
            + after("c")
            + " ORDER BY "
            + dialect.binaryOrder("c.company_id"),
        start,
        start,
        env,
        lastMillis,
        after);
  }

  /** Company attributes. */
  Query attributes() {
    return query(
        "SELECT company_id, attr_key, value_json FROM company_attribute"
            + " WHERE environment_id = ?"
            + after(null)
            + " ORDER BY "
            + dialect.binaryOrder("company_id")
            + ", attr_key",
        env,
        after);
  }

  /** The days companies were seen in the window (company, day, first instant). */
  Query days() {
    return switch (dialect) {
      case H2 ->
          query(
              "SELECT company_id, epoch_day, first_at FROM company_day WHERE environment_id = ?"
                  + " AND epoch_day >= ? AND epoch_day <= ?"
                  + after(null)
                  + " ORDER BY "
                  + dialect.binaryOrder("company_id")
                  + ", epoch_day",
              env,
              start,
              lastDay,
              after);
      case POSTGRESQL ->
          query(
              "SELECT c.company_id, d.epoch_day, d.first_at FROM (SELECT c.environment_id,"
                  + " c.company_id FROM company c WHERE c.environment_id = ?"
                  + " AND c.first_seen_at <= ?"
                  + after("c")
                  + " ORDER BY "
                  + dialect.binaryOrder("c.company_id")
                  + " OFFSET 0) c CROSS JOIN LATERAL (SELECT epoch_day, first_at FROM company_day d"
                  + " WHERE d.environment_id = c.environment_id AND d.company_id = c.company_id"
                  + " AND d.epoch_day >= ? AND d.epoch_day <= ? ORDER BY d.epoch_day) d"
                  + " ORDER BY "
                  + dialect.binaryOrder("c.company_id"),
              env,
              lastMillis,
              after,
              start,
              lastDay);
    };
  }

  /**
   * The usage summaries (company, feature, first day, first adoption day, 1 if fresh else 0, last
   * day).
   */
  Query pairs() {
    return query(
        "SELECT s.company_id, s.feature_key, s.first_day, s.first_adoption_day,"
            + " CASE WHEN "
            + SummaryFreshness.freshSql("s", "f")
            + " THEN 1 ELSE 0 END, s.last_day"
            + " FROM usage_summary s LEFT JOIN feature f ON f.environment_id ="
            + " s.environment_id AND f.feature_key = s.feature_key"
            + " WHERE s.environment_id = ?"
            + after("s")
            + " ORDER BY "
            + dialect.binaryOrder("s.company_id"),
        env,
        after);
  }

  /**
   * Usage days (company, feature, day, first instant): in the window, and every day of a pair whose
   * summary is stale (on H2 also of a pair without a summary).
   */
  Query usage() {
    String fresh = SummaryFreshness.freshSql("s", "f");
    return switch (dialect) {
      case H2 ->
          query(
              "SELECT u.company_id, u.feature_key, u.epoch_day, u.first_at FROM usage_day u"
                  + " LEFT JOIN usage_summary s ON s.environment_id = u.environment_id"
                  + " AND s.company_id = u.company_id AND s.feature_key = u.feature_key"
                  + " LEFT JOIN feature f ON f.environment_id = u.environment_id"
                  + " AND f.feature_key = u.feature_key"
                  + " WHERE u.environment_id = ? AND u.epoch_day <= ? AND (u.epoch_day >= ?"
                  + " OR CASE WHEN "
                  + fresh
                  + " THEN 1 ELSE 0 END = 0)"
                  + after("u")
                  + " ORDER BY "
                  + dialect.binaryOrder("u.company_id")
                  + ", u.feature_key, u.epoch_day",
              env,
              lastDay,
              start,
              after);
      case POSTGRESQL ->
          query(
              "SELECT s.company_id, s.feature_key, u.epoch_day, u.first_at FROM (SELECT"
                  + " s.environment_id, s.company_id, s.feature_key, CASE WHEN "
                  + fresh
                  + " THEN ? ELSE -2147483648 END AS from_day FROM usage_summary s"
                  + " LEFT JOIN feature f ON f.environment_id = s.environment_id"
                  + " AND f.feature_key = s.feature_key WHERE s.environment_id = ?"
                  + after("s")
                  + " ORDER BY "
                  + dialect.binaryOrder("s.company_id")
                  + ", s.feature_key OFFSET 0) s CROSS JOIN LATERAL (SELECT epoch_day, first_at"
                  + " FROM usage_day u WHERE u.environment_id = s.environment_id"
                  + " AND u.company_id = s.company_id AND u.feature_key = s.feature_key"
                  + " AND u.epoch_day >= s.from_day AND u.epoch_day <= ? ORDER BY u.epoch_day) u"
                  + " ORDER BY "
                  + dialect.binaryOrder("s.company_id")
                  + ", s.feature_key",
              start,
              env,
              after,
              lastDay);
    };
  }

  /** Feedback given by the last instant, attributed to a company. */
  Query feedback() {
    return query(
        "SELECT company_id, feature_key, user_id, occurred_at, score FROM feedback"
            + " WHERE environment_id = ? AND company_id IS NOT NULL AND occurred_at <= ?"
            + after(null)
            + " ORDER BY "
            + dialect.binaryOrder("company_id")
            + ", feature_key, occurred_at, id",
        env,
        lastMillis,
        after);
  }

  /** The last usage day of a pair before the window: parameters environment, company, feature. */
  Query lastUsageBefore(String companyId, String featureKey) {
    return new Query(
        "SELECT MAX(epoch_day) FROM usage_day WHERE environment_id = ? AND company_id = ?"
            + " AND feature_key = ? AND epoch_day < ?",
        env,
        companyId,
        featureKey,
        start);
  }

  /** {@code AND <alias.>company_id > ?} (export order), or nothing for all companies. */
  private String after(String alias) {
    if (after == null) {
      return "";
    }
    return " AND "
        + dialect.binaryOrder(alias == null ? "company_id" : alias + ".company_id")
        + " > ?";
  }

  /** A query whose parameters are {@code params} without the nulls (an absent {@code after}). */
  private static Query query(String sql, Object... params) {
    List<Object> bound = new ArrayList<>(Arrays.asList(params));
    bound.removeIf(p -> p == null);
    return new Query(sql, bound.toArray());
  }
}
