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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TrackingWrites} for PostgreSQL: one statement per table and request, its rows passed as
 * arrays ({@code unnest}) and merged with {@code INSERT … ON CONFLICT DO UPDATE} using the same
 * rules as {@link PortableTrackingWrites} (counters added, first/last as min/max, the attribute
 * value with the latest timestamp wins). Rows are sent in the batch's key order, so concurrent
 * writers still lock rows in the same order; a concurrent insert of the same key waits for the
 * other transaction instead of failing.
 */
final class PostgresTrackingWrites implements TrackingWrites {

  private final Connection c;
  private final long env;

  PostgresTrackingWrites(Connection c, long env) {
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
    if (spans.isEmpty()) {
      return;
    }
    int n = spans.size();
    String[] ids = new String[n];
    Long[] first = new Long[n];
    Long[] last = new Long[n];
    int i = 0;
    for (Map.Entry<String, Span> e : spans.entrySet()) {
      ids[i] = e.getKey();
      first[i] = e.getValue().first();
      last[i] = e.getValue().last();
      i++;
    }
    execute(
        "INSERT INTO "
            + table
            + " AS t (environment_id, "
            + idColumn
            + ", first_seen_at, last_seen_at)"
            + " SELECT ?, u.id, u.f, u.l FROM unnest(?::varchar[], ?::bigint[], ?::bigint[])"
            + " AS u(id, f, l)"
            + " ON CONFLICT (environment_id, "
            + idColumn
            + ") DO UPDATE SET first_seen_at = LEAST(t.first_seen_at, EXCLUDED.first_seen_at),"
            + " last_seen_at = GREATEST(t.last_seen_at, EXCLUDED.last_seen_at)"
            // Only when the span widens: most sightings fall inside it, and a no-op update still
            // writes a new row version. The row is locked either way (ON CONFLICT DO UPDATE locks
            // every conflicting row, WHERE or not), which JdbcTrackingStore relies on for users.
            + " WHERE EXCLUDED.first_seen_at < t.first_seen_at"
            + " OR EXCLUDED.last_seen_at > t.last_seen_at",
        ids,
        first,
        last);
  }

  @Override
  public void upsertCompanyDays(Map<DayKey, DaySeen> days) throws SQLException {
    if (days.isEmpty()) {
      return;
    }
    int n = days.size();
    String[] ids = new String[n];
    Integer[] day = new Integer[n];
    Long[] firstAt = new Long[n];
    Long[] sightings = new Long[n];
    int i = 0;
    for (Map.Entry<DayKey, DaySeen> e : days.entrySet()) {
      ids[i] = e.getKey().id();
      day[i] = (int) e.getKey().day();
      firstAt[i] = e.getValue().firstAt();
      sightings[i] = e.getValue().sightings();
      i++;
    }
    execute(
        "INSERT INTO company_day AS t (environment_id, company_id, epoch_day, first_at, sightings)"
            + " SELECT ?, u.id, u.d, u.f, u.n"
            + " FROM unnest(?::varchar[], ?::int[], ?::bigint[], ?::bigint[]) AS u(id, d, f, n)"
            + " ON CONFLICT (environment_id, company_id, epoch_day)"
            + " DO UPDATE SET first_at = LEAST(t.first_at, EXCLUDED.first_at),"
            + " sightings = t.sightings + EXCLUDED.sightings",
        ids,
        day,
        firstAt,
        sightings);
  }

  @Override
  public void upsertAttributes(
      String table, String idColumn, Map<AttributeKey, AttributeValue> attributes)
      throws SQLException {
    if (attributes.isEmpty()) {
      return;
    }
    int n = attributes.size();
    String[] ids = new String[n];
    String[] keys = new String[n];
    String[] json = new String[n];
    Long[] at = new Long[n];
    int i = 0;
    for (Map.Entry<AttributeKey, AttributeValue> e : attributes.entrySet()) {
      ids[i] = e.getKey().id();
      keys[i] = e.getKey().key();
      json[i] = e.getValue().json();
      at[i] = e.getValue().at();
      i++;
    }
    // The value with the latest timestamp wins, whatever order the calls arrive in.
    execute(
        "INSERT INTO "
            + table
            + " AS t (environment_id, "
            + idColumn
            + ", attr_key, value_json, updated_at)"
            + " SELECT ?, u.id, u.k, u.v, u.a"
            + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[]) AS u(id, k, v, a)"
            + " ON CONFLICT (environment_id, "
            + idColumn
            + ", attr_key) DO UPDATE SET value_json = CASE WHEN t.updated_at <="
            + " EXCLUDED.updated_at THEN EXCLUDED.value_json ELSE t.value_json END,"
            + " updated_at = GREATEST(t.updated_at, EXCLUDED.updated_at)",
        ids,
        keys,
        json,
        at);
  }

  @Override
  public void insertLinks(List<Link> links) throws SQLException {
    PortableTrackingWrites.insertLinks(c, env, links);
  }

  @Override
  public void insertEvents(List<EventRow> events, long receivedAt) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    int n = events.size();
    String[] names = new String[n];
    String[] users = new String[n];
    String[] companies = new String[n];
    Long[] occurred = new Long[n];
    String[] attributes = new String[n];
    Boolean[] byLink = new Boolean[n];
    for (int i = 0; i < n; i++) {
      EventRow e = events.get(i);
      names[i] = e.event();
      users[i] = e.userId();
      companies[i] = e.companyId();
      occurred[i] = e.occurredAt();
      attributes[i] = e.attributesJson();
      byLink[i] = e.byLink();
    }
    execute(
        "INSERT INTO tracked_event (environment_id, event_name, user_id, company_id, occurred_at,"
            + " received_at, attributes_json, by_link)"
            + " SELECT ?, u.n, u.usr, u.co, u.o, "
            + receivedAt
            + ", u.a, u.bl FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[],"
            + " ?::varchar[], ?::boolean[]) WITH ORDINALITY AS u(n, usr, co, o, a, bl, i)"
            + " ORDER BY u.i",
        names,
        users,
        companies,
        occurred,
        attributes,
        byLink);
  }

  @Override
  public void insertFeedback(List<FeedbackRow> feedback, long receivedAt) throws SQLException {
    if (feedback.isEmpty()) {
      return;
    }
    int n = feedback.size();
    String[] features = new String[n];
    String[] users = new String[n];
    String[] companies = new String[n];
    Integer[] scores = new Integer[n];
    String[] comments = new String[n];
    Long[] occurred = new Long[n];
    Boolean[] byLink = new Boolean[n];
    for (int i = 0; i < n; i++) {
      FeedbackRow f = feedback.get(i);
      byLink[i] = f.byLink();
      features[i] = f.featureKey();
      users[i] = f.userId();
      companies[i] = f.companyId();
      scores[i] = f.score();
      comments[i] = f.comment();
      occurred[i] = f.occurredAt();
    }
    // WITH ORDINALITY … ORDER BY: ids are assigned in the order the items were received, which
    // the export uses to order feedback given at the same instant.
    execute(
        "INSERT INTO feedback (environment_id, feature_key, user_id, company_id, score,"
            + " comment_text, occurred_at, received_at, by_link)"
            + " SELECT ?, u.fk, u.usr, u.co, u.s, u.txt, u.o, "
            + receivedAt
            + ", u.bl FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[],"
            + " ?::bigint[], ?::boolean[]) WITH ORDINALITY AS u(fk, usr, co, s, txt, o, bl, i)"
            + " ORDER BY u.i",
        features,
        users,
        companies,
        scores,
        comments,
        occurred,
        byLink);
  }

  /** Returns the usage days that were new (inserted, not added to). */
  @Override
  public List<UsageKey> upsertUsage(Map<UsageKey, Usage> usage) throws SQLException {
    if (usage.isEmpty()) {
      return List.of();
    }
    int n = usage.size();
    String[] companies = new String[n];
    String[] features = new String[n];
    Integer[] days = new Integer[n];
    Long[] counts = new Long[n];
    Long[] first = new Long[n];
    Long[] last = new Long[n];
    int i = 0;
    for (Map.Entry<UsageKey, Usage> e : usage.entrySet()) {
      companies[i] = e.getKey().companyId();
      features[i] = e.getKey().featureKey();
      days[i] = (int) e.getKey().day();
      counts[i] = e.getValue().count();
      first[i] = e.getValue().firstAt();
      last[i] = e.getValue().lastAt();
      i++;
    }
    // RETURNING … xmax = 0: true for a row this statement inserted, false for one it updated.
    List<UsageKey> inserted = new ArrayList<>();
    try (PreparedStatement ps =
            prepare(
                "INSERT INTO usage_day AS t (environment_id, company_id, feature_key, epoch_day,"
                    + " usage_count, first_at, last_at)"
                    + " SELECT ?, u.co, u.fk, u.d, u.n, u.f, u.l FROM unnest(?::varchar[],"
                    + " ?::varchar[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[])"
                    + " AS u(co, fk, d, n, f, l)"
                    + " ON CONFLICT (environment_id, company_id, feature_key, epoch_day) DO UPDATE SET"
                    + " usage_count = t.usage_count + EXCLUDED.usage_count,"
                    + " first_at = LEAST(t.first_at, EXCLUDED.first_at),"
                    + " last_at = GREATEST(t.last_at, EXCLUDED.last_at)"
                    + " RETURNING t.company_id, t.feature_key, t.epoch_day, t.xmax = 0",
                companies,
                features,
                days,
                counts,
                first,
                last);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (rs.getBoolean(4)) {
          inserted.add(new UsageKey(rs.getString(1), rs.getString(2), rs.getInt(3)));
        }
      }
    }
    return inserted;
  }

  /** Runs one statement: the environment id, then one array parameter per column. */
  private void execute(String sql, Object[]... columns) throws SQLException {
    try (PreparedStatement ps = prepare(sql, columns)) {
      ps.executeUpdate();
    }
  }

  /** Prepares a statement with the environment id, then one array parameter per column. */
  private PreparedStatement prepare(String sql, Object[]... columns) throws SQLException {
    Object[] params = new Object[columns.length + 1];
    params[0] = env;
    System.arraycopy(columns, 0, params, 1, columns.length);
    return Jdbc.prepare(c, sql, params);
  }
}
