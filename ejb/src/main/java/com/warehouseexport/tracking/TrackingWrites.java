package com.warehouseexport.tracking;

import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.TrackingBatch.AttributeKey;
import com.warehouseexport.tracking.TrackingBatch.AttributeValue;
import com.warehouseexport.tracking.TrackingBatch.DayKey;
import com.warehouseexport.tracking.TrackingBatch.EventRow;
import com.warehouseexport.tracking.TrackingBatch.FeedbackRow;
import com.warehouseexport.tracking.TrackingBatch.Link;
import com.warehouseexport.tracking.TrackingBatch.Span;
import com.warehouseexport.tracking.TrackingBatch.Usage;
import com.warehouseexport.tracking.TrackingBatch.UsageKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The rows of one {@link TrackingBatch}, written on one connection in the caller's transaction, one
 * environment. Both implementations apply the same rules: counters are added ({@code usage_count =
 * usage_count + …}), first/last instants kept as min/max, and of two attribute values the one with
 * the later timestamp wins, whatever order the calls arrive in. Rows are written in the batch's key
 * order, so concurrent writers lock rows in the same order.
 */
interface TrackingWrites {

  /** The implementation for the connection's database. */
  static TrackingWrites of(Connection c, long env) throws SQLException {
    return switch (SqlDialect.of(c)) {
      case H2 -> new PortableTrackingWrites(c, env);
      case POSTGRESQL -> new PostgresTrackingWrites(c, env);
    };
  }

  /**
   * Writes every table of the batch, the usage days last; returns the usage days that were new
   * (inserted, not added to), which {@link UsageSummaryWrites} needs.
   */
  default List<UsageKey> write(TrackingBatch batch, long receivedAt) throws SQLException {
    upsertSpans("company", "company_id", batch.companies);
    upsertCompanyDays(batch.companyDays);
    upsertAttributes("company_attribute", "company_id", batch.companyAttributes);
    upsertSpans("tracked_user", "user_id", batch.users);
    upsertAttributes("user_attribute", "user_id", batch.userAttributes);
    insertLinks(batch.newLinks);
    insertEvents(batch.events, receivedAt);
    insertFeedback(batch.feedback, receivedAt);
    return upsertUsage(batch.usage);
  }

  /**
   * First and last seen instants of companies ({@code company}) or users ({@code tracked_user}).
   */
  void upsertSpans(String table, String idColumn, Map<String, Span> spans) throws SQLException;

  /** The days a company was seen, with the first instant of each. */
  void upsertCompanyDays(Map<DayKey, Long> days) throws SQLException;

  /** Company or user attributes: the value with the latest timestamp wins. */
  void upsertAttributes(String table, String idColumn, Map<AttributeKey, AttributeValue> attributes)
      throws SQLException;

  /** New user → company links (the batch only holds links not stored before). */
  void insertLinks(List<Link> links) throws SQLException;

  /** Raw events, in the order they were received. */
  void insertEvents(List<EventRow> events, long receivedAt) throws SQLException;

  /** Feedback, in the order it was received (ids follow it). */
  void insertFeedback(List<FeedbackRow> feedback, long receivedAt) throws SQLException;

  /** The daily usage rollup; returns the usage days that were new (inserted, not added to). */
  List<UsageKey> upsertUsage(Map<UsageKey, Usage> usage) throws SQLException;
}
