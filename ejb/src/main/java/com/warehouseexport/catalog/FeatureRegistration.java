package com.warehouseexport.catalog;

import com.warehouseexport.platform.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Auto-registration of features by ingestion (an event name that is no feature yet): the JDBC
 * writer of table {@code feature} beside {@link CatalogService}'s JPA one, so that the catalog owns
 * the table.
 */
public final class FeatureRegistration {

  private FeatureRegistration() {}

  /**
   * Registers the keys that are not yet features of the environment, with the default adoption
   * thresholds, on the caller's connection (in its transaction); a concurrent registration of the
   * same key fails the insert with a unique violation, which the caller retries.
   */
  public static void registerMissing(Connection c, long env, Set<String> keys, Instant at)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    Set<String> known =
        new HashSet<>(
            Jdbc.list(
                c,
                "SELECT feature_key FROM feature WHERE environment_id = ?",
                rs -> rs.getString(1),
                env));
    List<String> missing = keys.stream().filter(k -> !known.contains(k)).sorted().toList();
    if (missing.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (String key : missing) {
      rows.add(
          new Object[] {
            Jdbc.nextValue(c, "feature_seq"),
            env,
            key,
            key,
            Feature.DEFAULT_ADOPTION_DAYS,
            Feature.DEFAULT_ADOPTION_WINDOW_DAYS,
            at.toEpochMilli()
          });
    }
    Jdbc.batch(
        c,
        "INSERT INTO feature (id, environment_id, feature_key, name, adoption_days,"
            + " adoption_window_days, auto_registered, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)",
        rows,
        row -> row);
  }
}
