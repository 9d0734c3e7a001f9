package com.warehouseexport.tracking;

import com.warehouseexport.platform.Jdbc;
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
import java.util.function.BiFunction;

/**
 * {@link TrackingWrites} in SQL that H2 and PostgreSQL both run: JDBC batches of one row per
 * statement, upserts as update-then-insert. Counters and min/max are computed in SQL under the row
 * lock, so concurrent writers never lose counts; a concurrent insert of the same key fails the
 * insert with a unique violation, and the caller retries the whole transaction, whose update then
 * finds the row.
 */
final class PortableTrackingWrites implements TrackingWrites {

  private final Connection c;
  private final long env;

  PortableTrackingWrites(Connection c, long env) {
    this.c = c;
    this.env = env;
  }

  @Override
  public Connection connection() {
    return c;
  }

  @Override
  public long environmentId() {
    return env;
  }

  @Override
  public void upsertSpans(String table, String idColumn, Map<String, Span> spans)
      throws SQLException {
    upsert(
        "UPDATE "
            + table
            + " SET first_seen_at = LEAST(first_seen_at, ?), last_seen_at ="
            + " GREATEST(last_seen_at, ?) WHERE environment_id = ? AND "
            + idColumn
            + " = ?",
        (id, span) -> new Object[] {span.first(), span.last(), env, id},
        "INSERT INTO "
            + table
            + " (environment_id, "
            + idColumn
            + ", first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)",
        (id, span) -> new Object[] {env, id, span.first(), span.last()},
        spans);
  }

  @Override
  public void upsertCompanyDays(Map<DayKey, DaySeen> days) throws SQLException {
    upsert(
        "UPDATE company_day SET first_at = LEAST(first_at, ?), sightings = sightings + ?"
            + " WHERE environment_id = ? AND company_id = ? AND epoch_day = ?",
        (key, seen) ->
            new Object[] {seen.firstAt(), seen.sightings(), env, key.id(), (int) key.day()},
        "INSERT INTO company_day (environment_id, company_id, epoch_day, first_at, sightings)"
            + " VALUES (?, ?, ?, ?, ?)",
        (key, seen) ->
            new Object[] {env, key.id(), (int) key.day(), seen.firstAt(), seen.sightings()},
        days);
  }

  @Override
  public void upsertAttributes(
      String table, String idColumn, Map<AttributeKey, AttributeValue> attributes)
      throws SQLException {
    upsert(
        "UPDATE "
            + table
            + " SET value_json = CASE WHEN updated_at <= ? THEN ? ELSE value_json END,"
            + " updated_at = GREATEST(updated_at, ?)"
            + " WHERE environment_id = ? AND "
            + idColumn
            + " = ? AND attr_key = ?",
        (key, value) ->
            new Object[] {value.at(), value.json(), value.at(), env, key.id(), key.key()},
        "INSERT INTO "
            + table
            + " (environment_id, "
            + idColumn
            + ", attr_key, value_json, updated_at) VALUES (?, ?, ?, ?, ?)",
        (key, value) -> new Object[] {env, key.id(), key.key(), value.json(), value.at()},
        attributes);
  }

  @Override
  public void insertLinks(List<Link> links) throws SQLException {
    insertLinks(c, env, links);
  }

  /** The one form of this insert (PostgreSQL uses it too: links are few). */
  static void insertLinks(Connection c, long env, List<Link> links) throws SQLException {
    Jdbc.batch(
        c,
        "INSERT INTO user_company_link (environment_id, user_id, company_id, linked_at)"
            + " VALUES (?, ?, ?, ?)",
        links,
        link -> new Object[] {env, link.userId(), link.companyId(), link.at()});
  }

  @Override
  public void insertEvents(List<EventRow> events, long receivedAt) throws SQLException {
    Jdbc.batch(
        c,
        "INSERT INTO tracked_event (environment_id, event_name, user_id, company_id,"
            + " occurred_at, received_at, attributes_json, by_link) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        events,
        e ->
            new Object[] {
              env,
              e.event(),
              e.userId(),
              e.companyId(),
              e.occurredAt(),
              receivedAt,
              e.attributesJson(),
              e.byLink()
            });
  }

  @Override
  public void insertFeedback(List<FeedbackRow> feedback, long receivedAt) throws SQLException {
    Jdbc.batch(
        c,
        "INSERT INTO feedback (environment_id, feature_key, user_id, company_id, score,"
            + " comment_text, occurred_at, received_at, by_link)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        feedback,
        f ->
            new Object[] {
              env,
              f.featureKey(),
              f.userId(),
              f.companyId(),
              f.score(),
              f.comment(),
              f.occurredAt(),
              receivedAt,
              f.byLink()
            });
  }

  @Override
  public List<UsageKey> upsertUsage(Map<UsageKey, Usage> usage) throws SQLException {
    return upsert(
        "UPDATE usage_day SET usage_count = usage_count + ?, first_at = LEAST(first_at, ?),"
            + " last_at = GREATEST(last_at, ?) WHERE environment_id = ? AND company_id = ?"
            + " AND feature_key = ? AND epoch_day = ?",
        (k, u) ->
            new Object[] {
              u.count(), u.firstAt(), u.lastAt(), env, k.companyId(), k.featureKey(), (int) k.day()
            },
        "INSERT INTO usage_day (environment_id, company_id, feature_key, epoch_day, usage_count,"
            + " first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (k, u) ->
            new Object[] {
              env, k.companyId(), k.featureKey(), (int) k.day(), u.count(), u.firstAt(), u.lastAt()
            },
        usage);
  }

  /**
   * Update-then-insert in two JDBC batches: every row is updated in place; the rows no update
   * touched are inserted. Returns the keys inserted.
   */
  private <K, V> List<K> upsert(
      String updateSql,
      BiFunction<K, V, Object[]> update,
      String insertSql,
      BiFunction<K, V, Object[]> insert,
      Map<K, V> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Map.Entry<K, V>> entries = new ArrayList<>(rows.entrySet());
    int[] counts = Jdbc.batch(c, updateSql, entries, e -> update.apply(e.getKey(), e.getValue()));
    List<Map.Entry<K, V>> missing = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (counts[i] == 0) {
        missing.add(entries.get(i));
      }
    }
    Jdbc.batch(c, insertSql, missing, e -> insert.apply(e.getKey(), e.getValue()));
    return missing.stream().map(Map.Entry::getKey).toList();
  }
}
