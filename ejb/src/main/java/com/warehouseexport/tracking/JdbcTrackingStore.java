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
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void write(long environmentId, List<TrackingItem> items, Instant receivedAt) {
    try (Connection c = dataSource.getConnection()) {
      Map<String, UserLinks> links =
          loadLinks(c, environmentId, TrackingBatch.usersNeedingLinks(items));
      TrackingBatch batch = new TrackingBatch(user -> links.getOrDefault(user, new UserLinks()));
      items.forEach(batch::add);
      FeatureRegistration.registerMissing(c, environmentId, batch.featureKeys, receivedAt);
      List<UsageKey> newDays =
          TrackingWrites.of(c, environmentId).write(batch, receivedAt.toEpochMilli());
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
