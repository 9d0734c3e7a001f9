package com.warehouseexport.tracking;

import com.warehouseexport.platform.SqlDialect;
import com.warehouseexport.tracking.UsageSummaryWrites.NewDays;
import com.warehouseexport.tracking.UsageSummaryWrites.Pair;
import com.warehouseexport.tracking.UsageSummaryWrites.Range;
import com.warehouseexport.tracking.UsageSummaryWrites.Stored;
import com.warehouseexport.tracking.UsageSummaryWrites.Thresholds;
import com.warehouseexport.tracking.UsageSummaryWrites.Write;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of {@link UsageSummaryWrites}, on one connection and environment: portable (a statement
 * per pair, update-then-insert) or PostgreSQL (a statement per chunk of pairs, array parameters).
 */
interface UsageSummaryRows {

  static UsageSummaryRows of(Connection c, long env) throws SQLException {
    return switch (SqlDialect.of(c)) {
      case H2 -> new PortableUsageSummaryRows(c, env);
      case POSTGRESQL -> new PostgresUsageSummaryRows(c, env);
    };
  }

  /**
   * Upserts the rows of {@code chunk} (in key order): a new row gets the new days as first and last
   * day, their number and the feature's {@code thresholds}, never adopted; an existing one moves
   * its first / last day and adds the number. Returns every row as stored after the lock.
   */
  Map<Pair, Stored> lock(
      List<Pair> chunk, Map<Pair, NewDays> pairs, Map<String, Thresholds> thresholds)
      throws SQLException;

  /** The usage days of each pair within its range, ascending. */
  Map<Pair, long[]> days(Map<Pair, Range> ranges) throws SQLException;

  /** Stores recomputed rows (thresholds and first adoption day). */
  void store(List<Write> writes) throws SQLException;

  /** A stored row from columns {@code first…first + 3} (thresholds, first adoption, usage days). */
  static Stored stored(ResultSet rs, int first) throws SQLException {
    int adoptionDays = rs.getInt(first);
    int window = rs.getInt(first + 1);
    int adopted = rs.getInt(first + 2);
    Integer firstAdoption = rs.wasNull() ? null : adopted;
    return new Stored(adoptionDays, window, firstAdoption, rs.getInt(first + 3));
  }

  /** Rows of (company, feature, day), collected per pair in the order read. */
  static Map<Pair, long[]> collect(List<Object[]> rows) {
    Map<Pair, List<Long>> found = new HashMap<>();
    for (Object[] row : rows) {
      found
          .computeIfAbsent(new Pair((String) row[0], (String) row[1]), p -> new ArrayList<>())
          .add((Long) row[2]);
    }
    Map<Pair, long[]> out = new HashMap<>();
    found.forEach((p, list) -> out.put(p, list.stream().mapToLong(Long::longValue).toArray()));
    return out;
  }

  /** A day as an SQL integer, {@link Range#WHOLE}'s ends included. */
  static int clamp(long day) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, day));
  }
}
