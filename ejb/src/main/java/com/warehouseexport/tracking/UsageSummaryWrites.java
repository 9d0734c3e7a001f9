package com.warehouseexport.tracking;

import com.warehouseexport.core.usage.Adoption;
import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.TrackingBatch.UsageKey;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code usage_summary} (V13) up to date, in the transaction that wrote the usage days: per
 * company × feature the first and last usage day, their number and the first adoption day, so that
 * an export reads usage only from its window on ({@code HistoryWindow}).
 *
 * <p>The pair's summary row is locked first (upserted, in key order, after every usage row the
 * transaction writes), then the usage is read: two requests that together complete an adoption are
 * serialized on that row, and the second one reads the first one's days (read committed: each
 * statement sees what committed before it). New usage days {@code d} can only move the first
 * adoption day earlier, to a day in {@code [min d, max d + window - 1]}, so only that range (plus
 * the window before it) is read. A row computed with other thresholds than the feature's current
 * ones (a threshold change not yet recomputed, see {@link UsageSummaryRecompute}) is recomputed
 * from the pair's whole history.
 */
final class UsageSummaryWrites {

  /** Reads and rows of at most this many pairs per statement. */
  private static final int CHUNK = 500;

  private final Connection c;
  private final long env;
  private final SqlDialect dialect;

  UsageSummaryWrites(Connection c, long env) throws SQLException {
    this.c = c;
    this.env = env;
    this.dialect = SqlDialect.of(c);
  }

  /** A company × feature of the batch: the range of its new usage days. */
  record Pair(String companyId, String featureKey) implements Comparable<Pair> {
    @Override
    public int compareTo(Pair o) {
      int cmp = companyId.compareTo(o.companyId);
      return cmp != 0 ? cmp : featureKey.compareTo(o.featureKey);
    }
  }

  private static final class Touched {
    long minDay = Long.MAX_VALUE;
    long maxDay = Long.MIN_VALUE;
    int newDays;
  }

  /** The stored row of a pair after the lock. */
  record Stored(int adoptionDays, int adoptionWindowDays, Integer firstAdoptionDay, int usageDays) {
    /** Computed with other thresholds than the feature's current ones. */
    boolean staleFor(Thresholds current) {
      return adoptionDays != current.adoptionDays()
          || adoptionWindowDays != current.adoptionWindowDays();
    }
  }

  /** Thresholds of a feature. */
  record Thresholds(int adoptionDays, int adoptionWindowDays) {}

  /**
   * The usage days to read for a pair, {@code [from, to]}, and the first day an adoption found in
   * them may fall on; {@link #WHOLE}: the pair's whole history, recomputed from scratch.
   */
  private record Range(long from, long to, long adoptionsFrom) {
    static final Range WHOLE = new Range(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE);
  }

  /** A row to store: the thresholds it is computed with and the first adoption day (or null). */
  private record Write(Pair pair, Thresholds thresholds, Integer firstAdoptionDay) {
    static Write of(Pair pair, Thresholds thresholds, long adopted) {
      return new Write(pair, thresholds, adopted == Long.MAX_VALUE ? null : (int) adopted);
    }
  }

  /**
   * Updates the summaries of the pairs that got new usage days. Days that only added to an existing
   * day change neither the first day nor any adoption, so they need nothing.
   *
   * @param newDays the usage days this transaction inserted
   */
  void update(List<UsageKey> newDays) throws SQLException {
    if (newDays.isEmpty()) {
      return;
    }
    TreeMap<Pair, Touched> pairs = new TreeMap<>();
    for (UsageKey key : newDays) {
      Touched t =
          pairs.computeIfAbsent(new Pair(key.companyId(), key.featureKey()), p -> new Touched());
      t.minDay = Math.min(t.minDay, key.day());
      t.maxDay = Math.max(t.maxDay, key.day());
      t.newDays++;
    }
    Map<Pair, Stored> stored = lock(pairs, thresholds(c, env));
    // Read again after the lock: a threshold change that committed while this request waited for
    // a row is seen, and its recompute (which locks the same rows) has either finished or waits.
    Map<String, Thresholds> thresholds = thresholds(c, env);
    // Which range of usage days each pair needs.
    Map<Pair, Range> ranges = new TreeMap<>();
    for (Map.Entry<Pair, Touched> e : pairs.entrySet()) {
      Pair pair = e.getKey();
      Thresholds current = thresholds.get(pair.featureKey());
      Stored row = stored.get(pair);
      if (current == null || row == null) {
        continue; // not a registered feature: no export reads it
      }
      if (row.staleFor(current)) {
        ranges.put(pair, Range.WHOLE);
        continue;
      }
      long minDay = e.getValue().minDay;
      if (row.firstAdoptionDay() != null && row.firstAdoptionDay() <= minDay) {
        continue; // adopted before any of the new days: they cannot change it
      }
      if (row.usageDays() < current.adoptionDays()) {
        continue; // fewer usage days in all than one adoption needs
      }
      long window = current.adoptionWindowDays();
      long to = e.getValue().maxDay + window - 1;
      if (row.firstAdoptionDay() != null) {
        to = Math.min(to, row.firstAdoptionDay() - 1L);
      }
      ranges.put(pair, new Range(minDay - window + 1, to, minDay));
    }
    if (ranges.isEmpty()) {
      return;
    }
    Map<Pair, long[]> days = days(ranges);
    List<Write> writes = new ArrayList<>();
    for (Map.Entry<Pair, Range> e : ranges.entrySet()) {
      Pair pair = e.getKey();
      Thresholds current = thresholds.get(pair.featureKey());
      Stored row = stored.get(pair);
      long[] pairDays = days.getOrDefault(pair, new long[0]);
      long adopted =
          Adoption.firstAdoptionDay(
              pairDays,
              pairDays.length,
              current.adoptionDays(),
              current.adoptionWindowDays(),
              e.getValue().adoptionsFrom());
      if (row.staleFor(current)
          || adopted != Long.MAX_VALUE
              && (row.firstAdoptionDay() == null || adopted < row.firstAdoptionDay())) {
        writes.add(Write.of(pair, current, adopted));
      }
    }
    store(c, env, writes);
  }

  /**
   * Recomputes every row of the environment whose thresholds differ from its feature's current
   * ones, from the pair's whole history; returns how many rows were recomputed. Rows are locked (in
   * key order) before the thresholds and the usage are read, as {@link #update} does.
   */
  int recomputeStale() throws SQLException {
    List<Pair> stale = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.company_id, s.feature_key FROM usage_summary s JOIN feature f"
                + " ON f.environment_id = s.environment_id AND f.feature_key = s.feature_key"
                + " WHERE s.environment_id = ? AND (s.adoption_days <> f.adoption_days"
                + " OR s.adoption_window_days <> f.adoption_window_days)")) {
      ps.setLong(1, env);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stale.add(new Pair(rs.getString(1), rs.getString(2)));
        }
      }
    }
    stale.sort(null);
    int recomputed = 0;
    for (int from = 0; from < stale.size(); from += CHUNK) {
      List<Pair> chunk = stale.subList(from, Math.min(stale.size(), from + CHUNK));
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE usage_summary SET first_day = first_day"
                  + " WHERE environment_id = ? AND company_id = ? AND feature_key = ?")) {
        for (Pair p : chunk) {
          bindPair(ps, 1, p);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      Map<String, Thresholds> thresholds = thresholds(c, env);
      Map<Pair, Range> ranges = new TreeMap<>();
      for (Pair p : chunk) {
        if (thresholds.containsKey(p.featureKey())) {
          ranges.put(p, Range.WHOLE);
        }
      }
      Map<Pair, long[]> days = days(ranges);
      List<Write> writes = new ArrayList<>();
      for (Pair p : ranges.keySet()) {
        Thresholds t = thresholds.get(p.featureKey());
        long[] pairDays = days.getOrDefault(p, new long[0]);
        writes.add(
            Write.of(
                p,
                t,
                Adoption.firstAdoptionDay(pairDays, t.adoptionDays(), t.adoptionWindowDays())));
      }
      store(c, env, writes);
      recomputed += writes.size();
    }
    return recomputed;
  }

  /** Binds environment, company and feature to {@code ps} from parameter {@code first} on. */
  private void bindPair(PreparedStatement ps, int first, Pair p) throws SQLException {
    ps.setLong(first, env);
    ps.setString(first + 1, p.companyId());
    ps.setString(first + 2, p.featureKey());
  }

  /** Stores recomputed rows (thresholds and first adoption day). */
  private static void store(Connection c, long env, List<Write> writes) throws SQLException {
    if (writes.isEmpty()) {
      return;
    }
    if (SqlDialect.of(c) == SqlDialect.POSTGRESQL) {
      int n = writes.size();
      String[] companies = new String[n];
      String[] features = new String[n];
      Integer[] days = new Integer[n];
      Integer[] windows = new Integer[n];
      Integer[] adopted = new Integer[n];
      for (int i = 0; i < n; i++) {
        Write w = writes.get(i);
        companies[i] = w.pair().companyId();
        features[i] = w.pair().featureKey();
        days[i] = w.thresholds().adoptionDays();
        windows[i] = w.thresholds().adoptionWindowDays();
        adopted[i] = w.firstAdoptionDay();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE usage_summary t SET adoption_days = u.k, adoption_window_days = u.w,"
                  + " first_adoption_day = u.a FROM unnest(?::varchar[], ?::varchar[], ?::int[],"
                  + " ?::int[], ?::int[]) AS u(co, fk, k, w, a) WHERE t.environment_id = ?"
                  + " AND t.company_id = u.co AND t.feature_key = u.fk")) {
        ps.setArray(1, c.createArrayOf("varchar", companies));
        ps.setArray(2, c.createArrayOf("varchar", features));
        ps.setArray(3, c.createArrayOf("int4", days));
        ps.setArray(4, c.createArrayOf("int4", windows));
        ps.setArray(5, c.createArrayOf("int4", adopted));
        ps.setLong(6, env);
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE usage_summary SET adoption_days = ?, adoption_window_days = ?,"
                + " first_adoption_day = ? WHERE environment_id = ? AND company_id = ?"
                + " AND feature_key = ?")) {
      for (Write w : writes) {
        ps.setInt(1, w.thresholds().adoptionDays());
        ps.setInt(2, w.thresholds().adoptionWindowDays());
        if (w.firstAdoptionDay() == null) {
          ps.setNull(3, Types.INTEGER);
        } else {
          ps.setInt(3, w.firstAdoptionDay());
        }
        ps.setLong(4, env);
        ps.setString(5, w.pair().companyId());
        ps.setString(6, w.pair().featureKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static Map<String, Thresholds> thresholds(Connection c, long env) throws SQLException {
    Map<String, Thresholds> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT feature_key, adoption_days, adoption_window_days FROM feature"
                + " WHERE environment_id = ?")) {
      ps.setLong(1, env);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Thresholds(rs.getInt(2), rs.getInt(3)));
        }
      }
    }
    return out;
  }

  /**
   * Creates the missing rows (first day, the feature's thresholds, never adopted: a new pair has no
   * earlier usage) and moves first days earlier, locking every row in key order; returns the rows.
   */
  private Map<Pair, Stored> lock(TreeMap<Pair, Touched> pairs, Map<String, Thresholds> thresholds)
      throws SQLException {
    List<Pair> known = new ArrayList<>();
    for (Pair p : pairs.keySet()) {
      if (thresholds.containsKey(p.featureKey())) {
        known.add(p);
      }
    }
    Map<Pair, Stored> stored = new HashMap<>();
    for (int from = 0; from < known.size(); from += CHUNK) {
      List<Pair> chunk = known.subList(from, Math.min(known.size(), from + CHUNK));
      if (dialect == SqlDialect.POSTGRESQL) {
        lockPostgres(chunk, pairs, thresholds, stored);
      } else {
        lockPortable(chunk, pairs, thresholds, stored);
      }
    }
    return stored;
  }

  private void lockPostgres(
      List<Pair> chunk,
      Map<Pair, Touched> pairs,
      Map<String, Thresholds> thresholds,
      Map<Pair, Stored> stored)
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
      companies[i] = p.companyId();
      features[i] = p.featureKey();
      firstDays[i] = (int) pairs.get(p).minDay;
      lastDays[i] = (int) pairs.get(p).maxDay;
      counts[i] = pairs.get(p).newDays;
      days[i] = thresholds.get(p.featureKey()).adoptionDays();
      windows[i] = thresholds.get(p.featureKey()).adoptionWindowDays();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
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
                + " t.adoption_window_days, t.first_adoption_day, t.usage_days")) {
      ps.setLong(1, env);
      ps.setArray(2, array("varchar", companies));
      ps.setArray(3, array("varchar", features));
      ps.setArray(4, array("int4", firstDays));
      ps.setArray(5, array("int4", lastDays));
      ps.setArray(6, array("int4", counts));
      ps.setArray(7, array("int4", days));
      ps.setArray(8, array("int4", windows));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(new Pair(rs.getString(1), rs.getString(2)), stored(rs, 3));
        }
      }
    }
  }

  private Array array(String type, Object[] values) throws SQLException {
    return c.createArrayOf(type, values);
  }

  private static Stored stored(ResultSet rs, int first) throws SQLException {
    int adoptionDays = rs.getInt(first);
    int window = rs.getInt(first + 1);
    int adopted = rs.getInt(first + 2);
    Integer firstAdoption = rs.wasNull() ? null : adopted;
    return new Stored(adoptionDays, window, firstAdoption, rs.getInt(first + 3));
  }

  private void lockPortable(
      List<Pair> chunk,
      Map<Pair, Touched> pairs,
      Map<String, Thresholds> thresholds,
      Map<Pair, Stored> stored)
      throws SQLException {
    int[] updated;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE usage_summary SET first_day = LEAST(first_day, ?),"
                + " last_day = GREATEST(last_day, ?), usage_days = usage_days + ?"
                + " WHERE environment_id = ? AND company_id = ? AND feature_key = ?")) {
      for (Pair p : chunk) {
        ps.setInt(1, (int) pairs.get(p).minDay);
        ps.setInt(2, (int) pairs.get(p).maxDay);
        ps.setInt(3, pairs.get(p).newDays);
        bindPair(ps, 4, p);
        ps.addBatch();
      }
      updated = ps.executeBatch();
    }
    List<Pair> existing = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO usage_summary (environment_id, company_id, feature_key, first_day,"
                + " last_day, usage_days, adoption_days, adoption_window_days, first_adoption_day)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
      boolean any = false;
      for (int i = 0; i < chunk.size(); i++) {
        Pair p = chunk.get(i);
        Thresholds t = thresholds.get(p.featureKey());
        if (updated[i] == 0) {
          bindPair(ps, 1, p);
          ps.setInt(4, (int) pairs.get(p).minDay);
          ps.setInt(5, (int) pairs.get(p).maxDay);
          ps.setInt(6, pairs.get(p).newDays);
          ps.setInt(7, t.adoptionDays());
          ps.setInt(8, t.adoptionWindowDays());
          ps.addBatch();
          any = true;
          stored.put(
              p, new Stored(t.adoptionDays(), t.adoptionWindowDays(), null, pairs.get(p).newDays));
        } else {
          existing.add(p);
        }
      }
      if (any) {
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT adoption_days, adoption_window_days, first_adoption_day, usage_days"
                + " FROM usage_summary WHERE environment_id = ? AND company_id = ? AND feature_key = ?")) {
      for (Pair p : existing) {
        bindPair(ps, 1, p);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            stored.put(p, stored(rs, 1));
          }
        }
      }
    }
  }

  /** The usage days of each pair within its range, ascending. */
  private Map<Pair, long[]> days(Map<Pair, Range> ranges) throws SQLException {
    Map<Pair, List<Long>> found = new HashMap<>();
    List<Map.Entry<Pair, Range>> all = new ArrayList<>(ranges.entrySet());
    if (dialect == SqlDialect.POSTGRESQL) {
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<Map.Entry<Pair, Range>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
        int n = chunk.size();
        String[] companies = new String[n];
        String[] features = new String[n];
        Integer[] lo = new Integer[n];
        Integer[] hi = new Integer[n];
        for (int i = 0; i < n; i++) {
          companies[i] = chunk.get(i).getKey().companyId();
          features[i] = chunk.get(i).getKey().featureKey();
          lo[i] = clamp(chunk.get(i).getValue().from());
          hi[i] = clamp(chunk.get(i).getValue().to());
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT p.co, p.fk, u.epoch_day FROM unnest(?::varchar[], ?::varchar[], ?::int[],"
                    + " ?::int[]) AS p(co, fk, lo, hi) JOIN usage_day u ON u.environment_id = ?"
                    + " AND u.company_id = p.co AND u.feature_key = p.fk"
                    + " AND u.epoch_day BETWEEN p.lo AND p.hi ORDER BY 1, 2, 3")) {
          ps.setArray(1, array("varchar", companies));
          ps.setArray(2, array("varchar", features));
          ps.setArray(3, array("int4", lo));
          ps.setArray(4, array("int4", hi));
          ps.setLong(5, env);
          collect(ps, found);
        }
      }
    } else {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT company_id, feature_key, epoch_day FROM usage_day WHERE environment_id = ?"
                  + " AND company_id = ? AND feature_key = ? AND epoch_day BETWEEN ? AND ?"
                  + " ORDER BY epoch_day")) {
        for (Map.Entry<Pair, Range> e : all) {
          bindPair(ps, 1, e.getKey());
          ps.setInt(4, clamp(e.getValue().from()));
          ps.setInt(5, clamp(e.getValue().to()));
          collect(ps, found);
        }
      }
    }
    Map<Pair, long[]> out = new HashMap<>();
    found.forEach((p, list) -> out.put(p, list.stream().mapToLong(Long::longValue).toArray()));
    return out;
  }

  private static void collect(PreparedStatement ps, Map<Pair, List<Long>> found)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found
            .computeIfAbsent(new Pair(rs.getString(1), rs.getString(2)), p -> new ArrayList<>())
            .add(rs.getLong(3));
      }
    }
  }

  private static int clamp(long day) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, day));
  }
}
