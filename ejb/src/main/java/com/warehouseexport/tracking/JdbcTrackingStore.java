package com.warehouseexport.tracking;

import com.warehouseexport.catalog.Feature;
import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.TrackingBatch.AttributeKey;
import com.warehouseexport.tracking.TrackingBatch.AttributeValue;
import com.warehouseexport.tracking.TrackingBatch.Span;
import com.warehouseexport.tracking.TrackingBatch.UsageKey;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes tracking items with plain JDBC, in one transaction: raw events and feedback, companies,
 * users, attributes, links, the daily usage rollup and its per company × feature summary ({@link
 * UsageSummaryWrites}). Counters are incremented in SQL ({@code usage_count = usage_count + ?})
 * under the row lock, so concurrent writers never lose counts; a lost insert race surfaces as
 * {@link RetryableWriteException} and the caller retries the whole transaction.
 */
@Stateless
public class JdbcTrackingStore {

  private static final int IN_CHUNK = 500;

  @Resource(lookup = "java:jboss/datasources/AppDS")
  private DataSource dataSource;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void write(long environmentId, List<TrackingItem> items, Instant receivedAt) {
    try (Connection c = dataSource.getConnection()) {
      Map<String, UserLinks> links =
          loadLinks(c, environmentId, TrackingBatch.usersNeedingLinks(items));
      TrackingBatch batch = new TrackingBatch(user -> links.getOrDefault(user, new UserLinks()));
      items.forEach(batch::add);
      registerFeatures(c, environmentId, batch.featureKeys, receivedAt);
      if (SqlDialect.of(c) == SqlDialect.POSTGRESQL) {
        // One multi-row statement per table (arrays, ON CONFLICT) instead of a row per statement.
        PostgresTrackingWrites pg = new PostgresTrackingWrites(c, environmentId);
        pg.upsertSpans("company", "company_id", batch.companies);
        pg.upsertCompanyDays(batch.companyDays);
        pg.upsertAttributes("company_attribute", "company_id", batch.companyAttributes);
        pg.upsertSpans("tracked_user", "user_id", batch.users);
        pg.upsertAttributes("user_attribute", "user_id", batch.userAttributes);
        insertLinks(c, environmentId, batch);
        pg.insertEvents(batch.events, receivedAt.toEpochMilli());
        pg.insertFeedback(batch.feedback, receivedAt.toEpochMilli());
        List<UsageKey> newDays = pg.upsertUsage(batch.usage);
        new UsageSummaryWrites(c, environmentId).update(newDays);
        return;
      }
      upsertSpans(c, "company", "company_id", environmentId, batch.companies);
      upsertCompanyDays(c, environmentId, batch);
      upsertAttributes(
          c, "company_attribute", "company_id", environmentId, batch.companyAttributes);
      upsertSpans(c, "tracked_user", "user_id", environmentId, batch.users);
      upsertAttributes(c, "user_attribute", "user_id", environmentId, batch.userAttributes);
      insertLinks(c, environmentId, batch);
      insertEvents(c, environmentId, batch, receivedAt.toEpochMilli());
      insertFeedback(c, environmentId, batch, receivedAt.toEpochMilli());
      List<UsageKey> newDays = upsertUsage(c, environmentId, batch);
      new UsageSummaryWrites(c, environmentId).update(newDays);
    } catch (SQLException e) {
      if (SqlDialect.isRetryable(e)) {
        throw new RetryableWriteException(e);
      }
      throw new IllegalStateException("Could not store tracking data: " + e.getMessage(), e);
    }
  }

  private static Map<String, UserLinks> loadLinks(Connection c, long env, Set<String> users)
      throws SQLException {
    Map<String, UserLinks> links = new HashMap<>();
    List<String> all = new ArrayList<>(users);
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      String sql =
          "SELECT user_id, company_id, linked_at FROM user_company_link WHERE environment_id = ?"
              + " AND user_id IN ("
              + "?,".repeat(chunk.size() - 1)
              + "?) ORDER BY linked_at, company_id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, env);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            links
                .computeIfAbsent(rs.getString(1), u -> new UserLinks())
                .link(rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
          }
        }
      }
    }
    return links;
  }

  private static void registerFeatures(Connection c, long env, Set<String> keys, Instant at)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    Set<String> known = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT feature_key FROM feature WHERE environment_id = ?")) {
      ps.setLong(1, env);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          known.add(rs.getString(1));
        }
      }
    }
    List<String> missing = keys.stream().filter(k -> !known.contains(k)).sorted().toList();
    if (missing.isEmpty()) {
      return;
    }
    String next = SqlDialect.of(c).nextValue("feature_seq");
    try (PreparedStatement ids = c.prepareStatement(next);
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO feature (id, environment_id, feature_key, name, adoption_days,"
                    + " adoption_window_days, auto_registered, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)")) {
      for (String key : missing) {
        long id;
        try (ResultSet rs = ids.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
        insert.setLong(1, id);
        insert.setLong(2, env);
        insert.setString(3, key);
        insert.setString(4, key);
        insert.setInt(5, Feature.DEFAULT_ADOPTION_DAYS);
        insert.setInt(6, Feature.DEFAULT_ADOPTION_WINDOW_DAYS);
        insert.setLong(7, at.toEpochMilli());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Binds one row's parameters (key and value) to a statement. */
  @FunctionalInterface
  private interface Binder<K, V> {
    void bind(PreparedStatement ps, K key, V value) throws SQLException;
  }

  /**
   * Update-then-insert in two JDBC batches: every row is updated in place (counters and min/max
   * computed in SQL, under the row lock); the rows no update touched are inserted. A concurrent
   * insert of the same key fails the insert with a unique violation, and the caller retries the
   * whole transaction, whose update then finds the row.
   */
  private static <K, V> List<K> upsert(
      Connection c,
      String updateSql,
      Binder<K, V> update,
      String insertSql,
      Binder<K, V> insert,
      Map<K, V> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Map.Entry<K, V>> entries = new ArrayList<>(rows.entrySet());
    List<K> inserted = new ArrayList<>();
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(updateSql)) {
      for (Map.Entry<K, V> e : entries) {
        update.bind(ps, e.getKey(), e.getValue());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(insertSql)) {
      boolean any = false;
      for (int i = 0; i < entries.size(); i++) {
        if (counts[i] == 0) {
          insert.bind(ps, entries.get(i).getKey(), entries.get(i).getValue());
          ps.addBatch();
          any = true;
          inserted.add(entries.get(i).getKey());
        }
      }
      if (any) {
        ps.executeBatch();
      }
    }
    return inserted;
  }

  private static void upsertSpans(
      Connection c, String table, String idColumn, long env, Map<String, Span> spans)
      throws SQLException {
    upsert(
        c,
        "UPDATE "
            + table
            + " SET first_seen_at = LEAST(first_seen_at, ?), last_seen_at ="
            + " GREATEST(last_seen_at, ?) WHERE environment_id = ? AND "
            + idColumn
            + " = ?",
        (ps, id, span) -> {
          ps.setLong(1, span.first());
          ps.setLong(2, span.last());
          ps.setLong(3, env);
          ps.setString(4, id);
        },
        "INSERT INTO "
            + table
            + " (environment_id, "
            + idColumn
            + ", first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)",
        (ps, id, span) -> {
          ps.setLong(1, env);
          ps.setString(2, id);
          ps.setLong(3, span.first());
          ps.setLong(4, span.last());
        },
        spans);
  }

  private static void upsertCompanyDays(Connection c, long env, TrackingBatch batch)
      throws SQLException {
    upsert(
        c,
        "UPDATE company_day SET first_at = LEAST(first_at, ?)"
            + " WHERE environment_id = ? AND company_id = ? AND epoch_day = ?",
        (ps, key, firstAt) -> {
          ps.setLong(1, firstAt);
          ps.setLong(2, env);
          ps.setString(3, key.id());
          ps.setInt(4, (int) key.day());
        },
        "INSERT INTO company_day (environment_id, company_id, epoch_day, first_at)"
            + " VALUES (?, ?, ?, ?)",
        (ps, key, firstAt) -> {
          ps.setLong(1, env);
          ps.setString(2, key.id());
          ps.setInt(3, (int) key.day());
          ps.setLong(4, firstAt);
        },
        batch.companyDays);
  }

  private static void upsertAttributes(
      Connection c,
      String table,
      String idColumn,
      long env,
      Map<AttributeKey, AttributeValue> attributes)
      throws SQLException {
    // The value with the latest timestamp wins, whatever order the calls arrive in.
    upsert(
        c,
        "UPDATE "
            + table
            + " SET value_json = CASE WHEN updated_at <= ? THEN ? ELSE value_json END,"
            + " updated_at = GREATEST(updated_at, ?)"
            + " WHERE environment_id = ? AND "
            + idColumn
            + " = ? AND attr_key = ?",
        (ps, key, value) -> {
          ps.setLong(1, value.at());
          ps.setString(2, value.json());
          ps.setLong(3, value.at());
          ps.setLong(4, env);
          ps.setString(5, key.id());
          ps.setString(6, key.key());
        },
        "INSERT INTO "
            + table
            + " (environment_id, "
            + idColumn
            + ", attr_key, value_json, updated_at) VALUES (?, ?, ?, ?, ?)",
        (ps, key, value) -> {
          ps.setLong(1, env);
          ps.setString(2, key.id());
          ps.setString(3, key.key());
          ps.setString(4, value.json());
          ps.setLong(5, value.at());
        },
        attributes);
  }

  private static void insertLinks(Connection c, long env, TrackingBatch batch) throws SQLException {
    if (batch.newLinks.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO user_company_link (environment_id, user_id, company_id, linked_at)"
                + " VALUES (?, ?, ?, ?)")) {
      for (TrackingBatch.Link link : batch.newLinks) {
        ps.setLong(1, env);
        ps.setString(2, link.userId());
        ps.setString(3, link.companyId());
        ps.setLong(4, link.at());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertEvents(Connection c, long env, TrackingBatch batch, long receivedAt)
      throws SQLException {
    if (batch.events.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO tracked_event (environment_id, event_name, user_id, company_id,"
                + " occurred_at, received_at, attributes_json) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (TrackingBatch.EventRow e : batch.events) {
        ps.setLong(1, env);
        ps.setString(2, e.event());
        ps.setString(3, e.userId());
        ps.setString(4, e.companyId());
        ps.setLong(5, e.occurredAt());
        ps.setLong(6, receivedAt);
        ps.setString(7, e.attributesJson());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertFeedback(Connection c, long env, TrackingBatch batch, long receivedAt)
      throws SQLException {
    if (batch.feedback.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO feedback (environment_id, feature_key, user_id, company_id, score,"
                + " comment_text, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TrackingBatch.FeedbackRow f : batch.feedback) {
        ps.setLong(1, env);
        ps.setString(2, f.featureKey());
        ps.setString(3, f.userId());
        ps.setString(4, f.companyId());
        if (f.score() == null) {
          ps.setNull(5, Types.INTEGER);
        } else {
          ps.setInt(5, f.score());
        }
        ps.setString(6, f.comment());
        ps.setLong(7, f.occurredAt());
        ps.setLong(8, receivedAt);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Returns the usage days that were new (inserted, not added to). */
  private static List<UsageKey> upsertUsage(Connection c, long env, TrackingBatch batch)
      throws SQLException {
    return upsert(
        c,
        "UPDATE usage_day SET usage_count = usage_count + ?, first_at = LEAST(first_at, ?),"
            + " last_at = GREATEST(last_at, ?) WHERE environment_id = ? AND company_id = ?"
            + " AND feature_key = ? AND epoch_day = ?",
        (ps, k, u) -> {
          ps.setLong(1, u.count());
          ps.setLong(2, u.firstAt());
          ps.setLong(3, u.lastAt());
          ps.setLong(4, env);
          ps.setString(5, k.companyId());
          ps.setString(6, k.featureKey());
          ps.setInt(7, (int) k.day());
        },
        "INSERT INTO usage_day (environment_id, company_id, feature_key, epoch_day, usage_count,"
            + " first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (ps, k, u) -> {
          ps.setLong(1, env);
          ps.setString(2, k.companyId());
          ps.setString(3, k.featureKey());
          ps.setInt(4, (int) k.day());
          ps.setLong(5, u.count());
          ps.setLong(6, u.firstAt());
          ps.setLong(7, u.lastAt());
        },
        batch.usage);
  }
}
