package com.warehouseexport.tracking;

import com.warehouseexport.catalog.FeatureRegistration;
import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.TrackingBatch.UsageKey;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Writes tracking items with plain JDBC, in one transaction: registers new features ({@link
 * FeatureRegistration}), then raw events and feedback, companies, users, attributes, links and the
 * daily usage rollup ({@link TrackingWrites}, portable or PostgreSQL) and the per company × feature
 * summary ({@link UsageSummaryWrites}). Counters are incremented in SQL under the row lock, so
 * concurrent writers never lose counts; a lost insert race surfaces as {@link
 * RetryableWriteException} and the caller retries the whole transaction.
 */
@Stateless
public class JdbcTrackingStore {

  private static final int IN_CHUNK = 500;

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  private final RawDataWindows windows = RawDataWindows.configured();

  /**
   * Stores the items that are not duplicates ({@link MessageIds}) and returns which were, by index.
   *
   * <p>Order matters for concurrency: the message ids first (a copy in flight waits here), then the
   * users' rows (locked in key order, so requests about one user run one after the other), then the
   * users' links are read, so a link and an event of the same user arriving at once always see each
   * other: whichever commits second attributes (or re-attributes, {@link LateLinks}) the event.
   *
   * @param messageIds per item its messageId or null
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean[] write(
      long environmentId, List<TrackingItem> items, List<String> messageIds, Instant receivedAt) {
    try (Connection c = dataSource.getConnection()) {
      long received = receivedAt.toEpochMilli();
      boolean[] duplicate = MessageIds.claim(c, environmentId, messageIds, received);
      List<TrackingItem> fresh = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        if (!duplicate[i]) {
          fresh.add(items.get(i));
        }
      }
      if (fresh.isEmpty()) {
        return duplicate;
      }
      TrackingWrites writes = TrackingWrites.of(c, environmentId);
      writes.upsertSpans("tracked_user", "user_id", TrackingBatch.userSpans(fresh));
      Map<String, UserLinks> links =
          loadLinks(c, environmentId, TrackingBatch.usersNeedingLinks(fresh));
      TrackingBatch batch = new TrackingBatch(user -> links.getOrDefault(user, new UserLinks()));
      batch.addAll(fresh);
      if (!batch.newLinks().isEmpty()) {
        Map<String, Long> earliest = LateLinks.earliestNewLink(batch.newLinks());
        List<LateLinks.StoredRow> stored =
            loadByLink(c, environmentId, earliest, windows.lateLinkCutoff(received));
        batch.reattribute(LateLinks.moves(stored, earliest, batch::linksOf));
      }
      FeatureRegistration.registerMissing(c, environmentId, batch.featureKeys, receivedAt);
      List<UsageKey> newDays = writes.writeAfterUsers(batch, received);
      List<UsageKey> emptied = writes.removeEmptied(batch);
      UsageSummaryWrites summaries = new UsageSummaryWrites(c, environmentId);
      if (emptied.isEmpty()) {
        summaries.update(newDays);
      } else {
        Set<UsageKey> gone = new HashSet<>(emptied);
        summaries.update(newDays.stream().filter(k -> !gone.contains(k)).toList());
        summaries.recompute(emptied);
      }
      return duplicate;
    } catch (SQLException e) {
      if (SqlDialect.isRetryable(e)) {
        throw new RetryableWriteException(e);
      }
      throw new IllegalStateException("Could not store tracking data: " + e.getMessage(), e);
    }
  }

  /**
   * The stored events and feedback of the users with new links whose company follows their links,
   * from each user's earliest new link on, that arrived at or after {@code receivedFrom}.
   */
  private static List<LateLinks.StoredRow> loadByLink(
      Connection c, long env, Map<String, Long> earliest, long receivedFrom) throws SQLException {
    List<LateLinks.StoredRow> rows = new ArrayList<>();
    List<String> users = new ArrayList<>(new TreeSet<>(earliest.keySet()));
    for (int from = 0; from < users.size(); from += IN_CHUNK) {
      List<String> chunk = users.subList(from, Math.min(users.size(), from + IN_CHUNK));
      long since = chunk.stream().mapToLong(earliest::get).min().orElseThrow();
      List<Object> params = new ArrayList<>(chunk.size() + 3);
      params.add(env);
      params.add(since);
      params.add(receivedFrom);
      params.addAll(chunk);
      String inUsers = " AND user_id IN (" + "?,".repeat(chunk.size() - 1) + "?) ORDER BY id";
      rows.addAll(
          Jdbc.list(
              c,
              "SELECT id, event_name, user_id, company_id, occurred_at FROM tracked_event"
                  + " WHERE environment_id = ? AND by_link AND occurred_at >= ?"
                  + " AND received_at >= ?"
                  + inUsers,
              rs -> storedRow(LateLinks.Kind.EVENT, rs),
              params.toArray()));
      rows.addAll(
          Jdbc.list(
              c,
              "SELECT id, feature_key, user_id, company_id, occurred_at FROM feedback"
                  + " WHERE environment_id = ? AND by_link AND occurred_at >= ?"
                  + " AND received_at >= ?"
                  + inUsers,
              rs -> storedRow(LateLinks.Kind.FEEDBACK, rs),
              params.toArray()));
    }
    return rows;
  }

  private static LateLinks.StoredRow storedRow(LateLinks.Kind kind, java.sql.ResultSet rs)
      throws SQLException {
    return new LateLinks.StoredRow(
        kind, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
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
      List<Object> params = new ArrayList<>(chunk.size() + 1);
      params.add(env);
      params.addAll(chunk);
      Jdbc.list(
              c,
              sql,
              rs -> new TrackingBatch.Link(rs.getString(1), rs.getString(2), rs.getLong(3)),
              params.toArray())
          .forEach(
              l ->
                  links
                      .computeIfAbsent(l.userId(), u -> new UserLinks())
                      .link(l.companyId(), Instant.ofEpochMilli(l.at())));
    }
    return links;
  }
}
