package com.warehouseexport.tracking;

import com.warehouseexport.core.usage.Adoption;
import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.tracking.TrackingBatch.UsageKey;
import java.sql.Connection;
import java.sql.SQLException;
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
 * the window before it) is read. A stale row ({@link SummaryFreshness}) is recomputed from the
 * pair's whole history. This class decides; {@link UsageSummaryRows} runs the SQL (portable or
 * PostgreSQL).
 */
final class UsageSummaryWrites {

  /** Reads and rows of at most this many pairs per statement. */
  static final int CHUNK = 500;

  private final Connection c;
  private final long env;
  private final UsageSummaryRows rows;

  UsageSummaryWrites(Connection c, long env) throws SQLException {
    this(c, env, UsageSummaryRows.of(c, env));
  }

  UsageSummaryWrites(Connection c, long env, UsageSummaryRows rows) {
    this.c = c;
    this.env = env;
    this.rows = rows;
  }

  /** A company × feature. */
  record Pair(String companyId, String featureKey) implements Comparable<Pair> {
    @Override
    public int compareTo(Pair o) {
      int cmp = companyId.compareTo(o.companyId);
      return cmp != 0 ? cmp : featureKey.compareTo(o.featureKey);
    }
  }

  /** The new usage days of a pair in this transaction: their range and number. */
  record NewDays(long minDay, long maxDay, int count) {
    NewDays plus(long day) {
      return new NewDays(Math.min(minDay, day), Math.max(maxDay, day), count + 1);
    }

    static NewDays of(long day) {
      return new NewDays(day, day, 1);
    }
  }

  /** The stored row of a pair after the lock. */
  record Stored(int adoptionDays, int adoptionWindowDays, Integer firstAdoptionDay, int usageDays) {
    /** Computed with other thresholds than the feature's current ones. */
    boolean staleFor(Thresholds current) {
      return !SummaryFreshness.isFresh(
          new int[] {adoptionDays, adoptionWindowDays}, current == null ? null : current.values());
    }
  }

  /** Thresholds of a feature. */
  record Thresholds(int adoptionDays, int adoptionWindowDays) {
    /** In {@link SummaryFreshness#COLUMNS} order. */
    int[] values() {
      return new int[] {adoptionDays, adoptionWindowDays};
    }
  }

  /**
   * The usage days to read for a pair, {@code [from, to]}, and the first day an adoption found in
   * them may fall on; {@link #WHOLE}: the pair's whole history, recomputed from scratch.
   */
  record Range(long from, long to, long adoptionsFrom) {
    static final Range WHOLE = new Range(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE);
  }

  /** A row to store: the thresholds it is computed with and the first adoption day (or null). */
  record Write(Pair pair, Thresholds thresholds, Integer firstAdoptionDay) {
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
    TreeMap<Pair, NewDays> pairs = new TreeMap<>();
    for (UsageKey key : newDays) {
      pairs.merge(
          new Pair(key.companyId(), key.featureKey()),
          NewDays.of(key.day()),
          (a, b) -> a.plus(key.day()));
    }
    Map<Pair, Stored> stored = lock(pairs, thresholds(c, env));
    // Read again after the lock: a threshold change that committed while this request waited for
    // a row is seen, and its recompute (which locks the same rows) has either finished or waits.
    Map<String, Thresholds> thresholds = thresholds(c, env);
    Map<Pair, Range> ranges = new TreeMap<>();
    for (Map.Entry<Pair, NewDays> e : pairs.entrySet()) {
      Range range =
          range(stored.get(e.getKey()), thresholds.get(e.getKey().featureKey()), e.getValue());
      if (range != null) {
        ranges.put(e.getKey(), range);
      }
    }
    if (ranges.isEmpty()) {
      return;
    }
    Map<Pair, long[]> days = rows.days(ranges);
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
    rows.store(writes);
  }

  /**
   * Which usage days of a pair to read after new days: none (null) when they cannot change its
   * first adoption day, the whole history when its row is stale, else the days around the new ones.
   */
  static Range range(Stored row, Thresholds current, NewDays added) {
    if (current == null || row == null) {
      return null; // not a registered feature: no export reads it
    }
    if (row.staleFor(current)) {
      return Range.WHOLE;
    }
    long minDay = added.minDay();
    if (row.firstAdoptionDay() != null && row.firstAdoptionDay() <= minDay) {
      return null; // adopted before any of the new days: they cannot change it
    }
    if (row.usageDays() < current.adoptionDays()) {
      return null; // fewer usage days in all than one adoption needs
    }
    long window = current.adoptionWindowDays();
    long to = added.maxDay() + window - 1;
    if (row.firstAdoptionDay() != null) {
      to = Math.min(to, row.firstAdoptionDay() - 1L);
    }
    return new Range(minDay - window + 1, to, minDay);
  }

  /**
   * Recomputes every row of the environment whose thresholds differ from its feature's current
   * ones, from the pair's whole history; returns how many rows were recomputed. Rows are locked (in
   * key order) before the thresholds and the usage are read, as {@link #update} does.
   */
  int recomputeStale() throws SQLException {
    List<Pair> stale =
        new ArrayList<>(
            Jdbc.list(
                c,
                "SELECT s.company_id, s.feature_key FROM usage_summary s JOIN feature f"
                    + " ON f.environment_id = s.environment_id AND f.feature_key = s.feature_key"
                    + " WHERE s.environment_id = ? AND "
                    + SummaryFreshness.staleSql("s", "f"),
                rs -> new Pair(rs.getString(1), rs.getString(2)),
                env));
    stale.sort(null);
    return recomputeWhole(stale);
  }

  /**
   * After a late link took usage days away from pairs ({@code emptied}: the rollup rows it
   * deleted): reads each pair's first and last day and number of days again, deletes the summary of
   * a pair with no usage left, and recomputes the first adoption day from the whole history.
   */
  void recompute(List<UsageKey> emptied) throws SQLException {
    TreeMap<Pair, Boolean> pairs = new TreeMap<>();
    emptied.forEach(k -> pairs.put(new Pair(k.companyId(), k.featureKey()), true));
    List<Pair> all = new ArrayList<>(pairs.keySet());
    String usage =
        " FROM usage_day u WHERE u.environment_id = usage_summary.environment_id"
            + " AND u.company_id = usage_summary.company_id"
            + " AND u.feature_key = usage_summary.feature_key";
    Jdbc.batch(
        c,
        "DELETE FROM usage_summary WHERE environment_id = ? AND company_id = ? AND feature_key = ?"
            + " AND NOT EXISTS (SELECT 1"
            + usage
            + ")",
        all,
        p -> new Object[] {env, p.companyId(), p.featureKey()});
    Jdbc.batch(
        c,
        "UPDATE usage_summary SET first_day = (SELECT MIN(u.epoch_day)"
            + usage
            + "), last_day = (SELECT MAX(u.epoch_day)"
            + usage
            + "), usage_days = (SELECT COUNT(*)"
            + usage
            + ") WHERE environment_id = ? AND company_id = ? AND feature_key = ?",
        all,
        p -> new Object[] {env, p.companyId(), p.featureKey()});
    recomputeWhole(all);
  }

  /** Recomputes the first adoption day of {@code pairs} (sorted) from their whole history. */
  private int recomputeWhole(List<Pair> pairs) throws SQLException {
    List<Pair> stale = pairs;
    int recomputed = 0;
    for (int from = 0; from < stale.size(); from += CHUNK) {
      List<Pair> chunk = stale.subList(from, Math.min(stale.size(), from + CHUNK));
      Jdbc.batch(
          c,
          "UPDATE usage_summary SET first_day = first_day"
              + " WHERE environment_id = ? AND company_id = ? AND feature_key = ?",
          chunk,
          p -> new Object[] {env, p.companyId(), p.featureKey()});
      Map<String, Thresholds> thresholds = thresholds(c, env);
      Map<Pair, Range> ranges = new TreeMap<>();
      for (Pair p : chunk) {
        if (thresholds.containsKey(p.featureKey())) {
          ranges.put(p, Range.WHOLE);
        }
      }
      Map<Pair, long[]> days = rows.days(ranges);
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
      rows.store(writes);
      recomputed += writes.size();
    }
    return recomputed;
  }

  static Map<String, Thresholds> thresholds(Connection c, long env) throws SQLException {
    Map<String, Thresholds> out = new HashMap<>();
    for (Map.Entry<String, Thresholds> e :
        Jdbc.list(
            c,
            "SELECT feature_key, adoption_days, adoption_window_days FROM feature"
                + " WHERE environment_id = ?",
            rs -> Map.entry(rs.getString(1), new Thresholds(rs.getInt(2), rs.getInt(3))),
            env)) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * Creates the missing rows (first day, the feature's thresholds, never adopted: a new pair has no
   * earlier usage) and moves first days earlier, locking every row in key order; returns the rows.
   */
  private Map<Pair, Stored> lock(TreeMap<Pair, NewDays> pairs, Map<String, Thresholds> thresholds)
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
      stored.putAll(rows.lock(chunk, pairs, thresholds));
    }
    return stored;
  }
}
