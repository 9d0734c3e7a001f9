package com.warehouseexport.tracking;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The "stale usage summary" rule, in one place: a {@code usage_summary} row is fresh when it was
 * computed with its feature's current adoption thresholds, stale otherwise (a threshold change not
 * yet recomputed by {@link UsageSummaryRecompute}; ingestion recomputes such a pair from its whole
 * history and the export reads its whole history). The Java decision and the SQL condition are
 * built from the same column list; {@code SummaryFreshnessTest} holds them to the same answers.
 */
public final class SummaryFreshness {

  /** The thresholds a summary row is computed with: columns of both tables, compared pairwise. */
  static final List<String> COLUMNS = List.of("adoption_days", "adoption_window_days");

  private SummaryFreshness() {}

  /**
   * True when a row computed with {@code row} thresholds is fresh for a feature whose thresholds
   * are {@code feature} (values in {@link #COLUMNS} order); a missing feature (null) makes it
   * stale.
   */
  public static boolean isFresh(int[] row, int[] feature) {
    if (feature == null) {
      return false;
    }
    for (int i = 0; i < COLUMNS.size(); i++) {
      if (row[i] != feature[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The SQL condition that is true exactly when the summary row aliased {@code summary} is fresh
   * for the feature row aliased {@code feature} (not true when the feature is missing: a {@code
   * LEFT JOIN}'s NULLs).
   */
  public static String freshSql(String summary, String feature) {
    return COLUMNS.stream()
        .map(c -> feature + "." + c + " = " + summary + "." + c)
        .collect(Collectors.joining(" AND "));
  }

  /** The negation of {@link #freshSql}, for rows that have a feature (an inner join). */
  public static String staleSql(String summary, String feature) {
    return "NOT (" + freshSql(summary, feature) + ")";
  }
}
