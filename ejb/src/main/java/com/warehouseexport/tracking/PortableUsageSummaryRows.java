package com.warehouseexport.tracking;

import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.tracking.UsageSummaryWrites.NewDays;
import com.warehouseexport.tracking.UsageSummaryWrites.Pair;
import com.warehouseexport.tracking.UsageSummaryWrites.Range;
import com.warehouseexport.tracking.UsageSummaryWrites.Stored;
import com.warehouseexport.tracking.UsageSummaryWrites.Thresholds;
import com.warehouseexport.tracking.UsageSummaryWrites.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link UsageSummaryRows} in SQL that H2 and PostgreSQL both run: a statement per pair. */
final class PortableUsageSummaryRows implements UsageSummaryRows {

  private final Connection c;
  private final long env;

  PortableUsageSummaryRows(Connection c, long env) {
    this.c = c;
    this.env = env;
  }

  @Override
  public Map<Pair, Stored> lock(
      List<Pair> chunk, Map<Pair, NewDays> pairs, Map<String, Thresholds> thresholds)
      throws SQLException {
    int[] updated =
        Jdbc.batch(
            c,
            "UPDATE usage_summary SET first_day = LEAST(first_day, ?),"
                + " last_day = GREATEST(last_day, ?), usage_days = usage_days + ?"
                + " WHERE environment_id = ? AND company_id = ? AND feature_key = ?",
            chunk,
            p -> {
              NewDays d = pairs.get(p);
              return new Object[] {
                (int) d.minDay(), (int) d.maxDay(), d.count(), env, p.companyId(), p.featureKey()
              };
            });
    Map<Pair, Stored> stored = new HashMap<>();
    List<Pair> created = new ArrayList<>();
    List<Pair> existing = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      (updated[i] == 0 ? created : existing).add(chunk.get(i));
    }
    Jdbc.batch(
        c,
        "INSERT INTO usage_summary (environment_id, company_id, feature_key, first_day,"
            + " last_day, usage_days, adoption_days, adoption_window_days, first_adoption_day)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        created,
        p -> {
          Thresholds t = thresholds.get(p.featureKey());
          NewDays d = pairs.get(p);
          return new Object[] {
            env,
            p.companyId(),
            p.featureKey(),
            (int) d.minDay(),
            (int) d.maxDay(),
            d.count(),
            t.adoptionDays(),
            t.adoptionWindowDays()
          };
        });
    for (Pair p : created) {
      Thresholds t = thresholds.get(p.featureKey());
      stored.put(
          p, new Stored(t.adoptionDays(), t.adoptionWindowDays(), null, pairs.get(p).count()));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT adoption_days, adoption_window_days, first_adoption_day, usage_days"
                + " FROM usage_summary WHERE environment_id = ? AND company_id = ? AND feature_key = ?")) {
      for (Pair p : existing) {
        Jdbc.bind(ps, env, p.companyId(), p.featureKey());
        Jdbc.list(ps, rs -> UsageSummaryRows.stored(rs, 1)).forEach(s -> stored.put(p, s));
      }
    }
    return stored;
  }

  @Override
  public Map<Pair, long[]> days(Map<Pair, Range> ranges) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT company_id, feature_key, epoch_day FROM usage_day WHERE environment_id = ?"
                + " AND company_id = ? AND feature_key = ? AND epoch_day BETWEEN ? AND ?"
                + " ORDER BY epoch_day")) {
      for (Map.Entry<Pair, Range> e : ranges.entrySet()) {
        Pair p = e.getKey();
        Jdbc.bind(
            ps,
            env,
            p.companyId(),
            p.featureKey(),
            UsageSummaryRows.clamp(e.getValue().from()),
            UsageSummaryRows.clamp(e.getValue().to()));
        rows.addAll(
            Jdbc.list(ps, rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}));
      }
    }
    return UsageSummaryRows.collect(rows);
  }

  @Override
  public void store(List<Write> writes) throws SQLException {
    Jdbc.batch(
        c,
        "UPDATE usage_summary SET adoption_days = ?, adoption_window_days = ?,"
            + " first_adoption_day = ? WHERE environment_id = ? AND company_id = ?"
            + " AND feature_key = ?",
        writes,
        w ->
            new Object[] {
              w.thresholds().adoptionDays(),
              w.thresholds().adoptionWindowDays(),
              w.firstAdoptionDay(),
              env,
              w.pair().companyId(),
              w.pair().featureKey()
            });
  }
}
