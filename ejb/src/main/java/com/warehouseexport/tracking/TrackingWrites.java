package com.warehouseexport.tracking;

import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.TrackingBatch.AttributeKey;
import com.warehouseexport.tracking.TrackingBatch.AttributeValue;
import com.warehouseexport.tracking.TrackingBatch.DayKey;
import com.warehouseexport.tracking.TrackingBatch.DaySeen;
import com.warehouseexport.tracking.TrackingBatch.EventRow;
import com.warehouseexport.tracking.TrackingBatch.FeedbackRow;
import com.warehouseexport.tracking.TrackingBatch.Link;
import com.warehouseexport.tracking.TrackingBatch.Span;
import com.warehouseexport.tracking.TrackingBatch.Usage;
import com.warehouseexport.tracking.TrackingBatch.UsageKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
    upsertSpans("tracked_user", "user_id", batch.users);
    return writeAfterUsers(batch, receivedAt);
  }

  /**
   * {@link #write} without the users' spans, for a caller that wrote (and locked) them first; moves
   * the rows a late link re-attributed before the usage rollup, whose shrunk rows are then read
   * again from the raw events ({@link #removeEmptied}).
   */
  default List<UsageKey> writeAfterUsers(TrackingBatch batch, long receivedAt) throws SQLException {
    upsertSpans("company", "company_id", batch.companies);
    upsertCompanyDays(batch.companyDays);
    upsertAttributes("company_attribute", "company_id", batch.companyAttributes);
    upsertAttributes("user_attribute", "user_id", batch.userAttributes);
    insertLinks(batch.newLinks);
    insertEvents(batch.events, receivedAt);
    insertFeedback(batch.feedback, receivedAt);
    moveRows(batch.moves);
    return upsertUsage(batch.usage);
  }

  /** Points the rows a late link moved at their new company (rare: one statement per row). */
  default void moveRows(List<LateLinks.Move> moves) throws SQLException {
    if (moves.isEmpty()) {
      return;
    }
    Connection c = connection();
    for (LateLinks.Kind kind : LateLinks.Kind.values()) {
      List<LateLinks.Move> ofKind = moves.stream().filter(m -> m.row().kind() == kind).toList();
      Jdbc.batch(
          c,
          "UPDATE "
              + (kind == LateLinks.Kind.EVENT ? "tracked_event" : "feedback")
              + " SET company_id = ? WHERE environment_id = ? AND id = ?",
          ofKind,
          m -> new Object[] {m.toCompany(), environmentId(), m.row().id()});
    }
  }

  /**
   * After a late link moved usage and sightings away from a company: deletes its rollup rows and
   * company days nothing is left in, and reads the first / last usage instant of the rows that
   * remain from the raw events (the moved ones no longer count there). Returns the rollup rows
   * deleted, whose pairs' summaries must be recomputed.
   */
  default List<UsageKey> removeEmptied(TrackingBatch batch) throws SQLException {
    Connection c = connection();
    long env = environmentId();
    List<UsageKey> shrunk = new ArrayList<>(batch.shrunkUsage.keySet());
    List<UsageKey> deleted = new ArrayList<>();
    if (!shrunk.isEmpty()) {
      int[] counts =
          Jdbc.batch(
              c,
              "DELETE FROM usage_day WHERE environment_id = ? AND company_id = ?"
                  + " AND feature_key = ? AND epoch_day = ? AND usage_count <= 0",
              shrunk,
              k -> new Object[] {env, k.companyId(), k.featureKey(), (int) k.day()});
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          deleted.add(shrunk.get(i));
        }
      }
      String raw =
          " FROM tracked_event e WHERE e.environment_id = ? AND e.company_id = ?"
              + " AND e.event_name = ? AND e.occurred_at >= ? AND e.occurred_at < ?)";
      Jdbc.batch(
          c,
          "UPDATE usage_day SET first_at = COALESCE((SELECT MIN(e.occurred_at)"
              + raw
              + ", first_at), last_at = COALESCE((SELECT MAX(e.occurred_at)"
              + raw
              + ", last_at) WHERE environment_id = ? AND company_id = ? AND feature_key = ?"
              + " AND epoch_day = ?",
          shrunk,
          k -> {
            long from = k.day() * 86_400_000L;
            long to = from + 86_400_000L;
            return new Object[] {
              env, k.companyId(), k.featureKey(), from, to,
              env, k.companyId(), k.featureKey(), from, to,
              env, k.companyId(), k.featureKey(), (int) k.day()
            };
          });
    }
    Jdbc.batch(
        c,
        "DELETE FROM company_day WHERE environment_id = ? AND company_id = ? AND epoch_day = ?"
            + " AND sightings <= 0",
        new ArrayList<>(batch.shrunkDays.keySet()),
        k -> new Object[] {env, k.id(), (int) k.day()});
    return deleted;
  }

  /** The connection written on. */
  Connection connection();

  /** The environment written. */
  long environmentId();

  /**
   * First and last seen instants of companies ({@code company}) or users ({@code tracked_user}).
   */
  void upsertSpans(String table, String idColumn, Map<String, Span> spans) throws SQLException;

  /**
   * The days a company was seen, with the first instant of each and the number of sightings added
   * (negative: moved away by a late link; the first instant is then left as it is).
   */
  void upsertCompanyDays(Map<DayKey, DaySeen> days) throws SQLException;

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
