package com.warehouseexport.tracking;

import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.tracking.UsageSummaryWrites.NewDays;
import com.warehouseexport.tracking.UsageSummaryWrites.Pair;
import com.warehouseexport.tracking.UsageSummaryWrites.Range;
import com.warehouseexport.tracking.UsageSummaryWrites.Stored;
import com.warehouseexport.tracking.UsageSummaryWrites.Thresholds;
import com.warehouseexport.tracking.UsageSummaryWrites.Write;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link UsageSummaryRows} for PostgreSQL: the lock and the range read are one statement per chunk
 * of pairs, the pairs passed as arrays ({@code unnest}); the lock is one {@code INSERT … ON
 * CONFLICT DO UPDATE … RETURNING}. Every statement reaches the rows through the primary key,
 * whatever the table's statistics say.
 */
final class PostgresUsageSummaryRows implements UsageSummaryRows {

  private final Connection c;
  private final long env;

  PostgresUsageSummaryRows(Connection c, long env) {
    this.c = c;
    this.env = env;
  }

  @Override
  public Map<Pair, Stored> lock(
      List<Pair> chunk, Map<Pair, NewDays> pairs, Map<String, Thresholds> thresholds)
      throws SQLException {
    int n = chunk.size();
    String[] companies = new String[n];
    String[] features = new String[n];
    Integer[] firstDays = new Integer[n];
    Integer[] lastDays = new Integer[n];
    Integer[] counts = new Integer[n];
    Integer[] days = new Integer[n];
    Integer[] windows = new Integer[n];
    for (int i = 0; i < n; i++) {
      Pair p = chunk.get(i);
      NewDays d = pairs.get(p);
      companies[i] = p.companyId();
      features[i] = p.featureKey();
      firstDays[i] = (int) d.minDay();
      lastDays[i] = (int) d.maxDay();
      counts[i] = d.count();
      days[i] = thresholds.get(p.featureKey()).adoptionDays();
      windows[i] = thresholds.get(p.featureKey()).adoptionWindowDays();
    }
    Map<Pair, Stored> stored = new HashMap<>();
    for (Map.Entry<Pair, Stored> e :
        Jdbc.list(
            c,
            "INSERT INTO usage_summary AS t (environment_id, company_id, feature_key, first_day,"
                + " last_day, usage_days, adoption_days, adoption_window_days, first_adoption_day)"
                + " SELECT ?, u.co, u.fk, u.d, u.l, u.n, u.k, u.w, NULL FROM unnest(?::varchar[],"
                + " ?::varchar[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[])"
                + " AS u(co, fk, d, l, n, k, w)"
                + " ON CONFLICT (environment_id, company_id, feature_key) DO UPDATE SET"
                + " first_day = LEAST(t.first_day, EXCLUDED.first_day),"
                + " last_day = GREATEST(t.last_day, EXCLUDED.last_day),"
                + " usage_days = t.usage_days + EXCLUDED.usage_days"
                + " RETURNING t.company_id, t.feature_key, t.adoption_days,"
                + " t.adoption_window_days, t.first_adoption_day, t.usage_days",
            rs ->
                Map.entry(
                    new Pair(rs.getString(1), rs.getString(2)), UsageSummaryRows.stored(rs, 3)),
            env,
            companies,
            features,
            firstDays,
            lastDays,
            counts,
            days,
            windows)) {
      stored.put(e.getKey(), e.getValue());
    }
    return stored;
  }

  @Override
  public Map<Pair, long[]> days(Map<Pair, Range> ranges) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    List<Map.Entry<Pair, Range>> all = new ArrayList<>(ranges.entrySet());
    for (int from = 0; from < all.size(); from += UsageSummaryWrites.CHUNK) {
      List<Map.Entry<Pair, Range>> chunk =
          all.subList(from, Math.min(all.size(), from + UsageSummaryWrites.CHUNK));
      int n = chunk.size();
      String[] companies = new String[n];
      String[] features = new String[n];
      Integer[] lo = new Integer[n];
      Integer[] hi = new Integer[n];
      for (int i = 0; i < n; i++) {
        companies[i] = chunk.get(i).getKey().companyId();
        features[i] = chunk.get(i).getKey().featureKey();
        lo[i] = UsageSummaryRows.clamp(chunk.get(i).getValue().from());
        hi[i] = UsageSummaryRows.clamp(chunk.get(i).getValue().to());
      }
      // One primary-key range scan per pair (LATERAL, kept apart by OFFSET 0), whatever the
      // statistics say: planned as a join, a custom plan with stale statistics hash-joined the
      // pairs against a bitmap scan of the environment's whole usage_day (≈ 13 rows fetched per
      // ingested event in the ingestion benchmark).
      rows.addAll(
          Jdbc.list(
              c,
              "SELECT p.co, p.fk, u.epoch_day FROM unnest(?::varchar[], ?::varchar[], ?::int[],"
                  + " ?::int[]) AS p(co, fk, lo, hi) CROSS JOIN LATERAL (SELECT d.epoch_day"
                  + " FROM usage_day d WHERE d.environment_id = ? AND d.company_id = p.co"
                  + " AND d.feature_key = p.fk AND d.epoch_day BETWEEN p.lo AND p.hi OFFSET 0) u"
                  + " ORDER BY 1, 2, 3",
              rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)},
              companies,
              features,
              lo,
              hi,
              env));
    }
    return UsageSummaryRows.collect(rows);
  }

  /**
   * One primary-key update per row, sent as one JDBC batch ({@link PortableUsageSummaryRows}'s
   * statement): an {@code UPDATE … FROM unnest(…)} join was planned, with the statistics of a
   * growing table, as a hash join over a bitmap scan of the environment's whole usage_summary
   * (134,000 rows read to update 100 in the ingestion benchmark).
   */
  @Override
  public void store(List<Write> writes) throws SQLException {
    new PortableUsageSummaryRows(c, env).store(writes);
  }
}
