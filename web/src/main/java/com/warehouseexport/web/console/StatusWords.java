package com.warehouseexport.web.console;

import com.warehouseexport.export.automatic.ExportStatusView;
import java.time.Instant;

/**
 * The words of the automatic export's status block (PRODUCT.md §5): what an admin reads for a
 * destination's status at a given moment — last run, status and its badge, next run, the retry
 * pending, the periods waiting, failed or missed. Pure, unit-tested; a null status is an
 * environment that has none yet.
 */
final class StatusWords {

  /** Closer than this, a time to come reads "within a minute". */
  private static final long SOON_SECONDS = 60;

  private StatusWords() {}

  /** {@code never ran before}, {@code successful}, {@code failed} or {@code paused}. */
  static String label(ExportStatusView s) {
    return s == null ? ExportStatusView.NEVER : s.status();
  }

  /** The badge style of a status label: complete, failed (also paused) or idle. */
  static String style(String label) {
    return ExportStatusView.SUCCESSFUL.equals(label)
        ? "complete"
        : ExportStatusView.FAILED.equals(label) || ExportStatusView.PAUSED.equals(label)
            ? "failed"
            : "idle";
  }

  /** "2026-11-29 00:01 UTC", or "—" before the first run. */
  static String lastRun(ExportStatusView s) {
    return s == null || s.lastRunAt() == null ? "—" : Formats.instant(s.lastRunAt());
  }

  /** When the next run is, "within a minute", or "—" with why there is none while paused. */
  static String nextRun(ExportStatusView s, Instant now) {
    if (s == null || s.nextRunAt() == null) {
      return s != null && s.pausedReason() != null ? "— (" + s.pausedReason() + ")" : "—";
    }
    return isSoon(s.nextRunAt(), now) ? "within a minute" : Formats.instant(s.nextRunAt());
  }

  /**
   * "2 periods wait for another attempt; the next one (2026-11-29, attempt 3) runs at …", or null.
   */
  static String retry(ExportStatusView s, Instant now) {
    if (s == null || s.retry() == null) {
      return null;
    }
    ExportStatusView.Retry r = s.retry();
    String when =
        isSoon(r.nextAttemptAt(), now)
            ? "within a minute"
            : "at " + Formats.instant(r.nextAttemptAt());
    return (r.periods() == 1 ? "1 period waits" : r.periods() + " periods wait")
        + " for another attempt; the next one ("
        + r.period()
        + ", attempt "
        + (r.attempts() + 1)
        + ") runs "
        + when
        + ".";
  }

  /** The periods that wait for Resume (fell due, or waited for a retry, while paused), or null. */
  static String pausedPeriods(ExportStatusView s) {
    if (s == null || s.pausedPeriods().isEmpty()) {
      return null;
    }
    return "Waiting: " + Formats.periods(s.pausedPeriods()) + ". Resume exports them.";
  }

  /** The periods failed for good and what tries them again, or null. */
  static String failed(ExportStatusView s) {
    if (s == null || s.failedPeriods().isEmpty()) {
      return null;
    }
    return Formats.periods(s.failedPeriods())
        + (s.autoPaused()
            ? " — not delivered; Resume tries them again."
            : " — not delivered; saving the settings tries again.");
  }

  /** The periods missed (outside the look-back window), or null. */
  static String missed(ExportStatusView s) {
    if (s == null || s.missedPeriods().isEmpty()) {
      return null;
    }
    return Formats.periods(s.missedPeriods())
        + " — outside the look-back window, not exported automatically (an operator can export"
        + " them).";
  }

  private static boolean isSoon(Instant at, Instant now) {
    return !at.isAfter(now.plusSeconds(SOON_SECONDS));
  }
}
