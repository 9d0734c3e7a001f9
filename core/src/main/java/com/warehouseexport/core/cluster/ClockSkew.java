package com.warehouseexport.core.cluster;

import java.util.Locale;

/**
 * How far a node's clock is from the database's, and what to tell the operator about it. The nodes
 * coordinate through the database (heartbeats, period claims, the schedule), so they read time on
 * the database's clock: a node whose own clock is a few minutes off would otherwise look dead to
 * the others while it beats, or see theirs as alive long after they died. Pure.
 */
public final class ClockSkew {

  /** Beyond this the operator is told (NTP keeps nodes within milliseconds). */
  public static final long WARN_MILLIS = 2_000;

  private ClockSkew() {}

  /**
   * The database clock minus the node's, from a reading of the database's clock taken between two
   * readings of the node's (half the round trip is the error).
   */
  public static long offsetMillis(long localBefore, long database, long localAfter) {
    return database - (localBefore + (localAfter - localBefore) / 2);
  }

  /** True when an offset is large enough to tell the operator. */
  public static boolean worthWarning(long offsetMillis) {
    return Math.abs(offsetMillis) > WARN_MILLIS;
  }

  /**
   * The operator's line for an offset worth warning about, e.g. "This node's clock is 300.0 s
   * behind the database's: …".
   */
  public static String warning(long offsetMillis) {
    return String.format(
        Locale.ROOT,
        "This node's clock is %.1f s %s the database's: the nodes' heartbeats, the period claims and"
            + " the export schedule use the database's clock, but log lines and this node's"
            + " other timestamps do not. Fix the node's time synchronisation (NTP).",
        Math.abs(offsetMillis) / 1000.0,
        offsetMillis > 0 ? "behind" : "ahead of");
  }
}
