package com.warehouseexport.export.automatic;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The status block under the toggle (PRODUCT.md §5): last run, {@code never ran before} / {@code
 * successful} / {@code failed}, next run, the error; plus whether a run is in progress, why
 * automatic export is paused (if it is), the retry pending (if any), the periods failed for good
 * and the periods that fell outside the look-back window (missed); when automatic export paused
 * itself after repeated failures ({@link AutoPause}) the status is {@code paused}, {@code
 * pausedReason} says why, {@code pausedPeriods} lists the periods that wait for Resume (fell due
 * meanwhile, or were waiting for a retry) and {@code retry} is null (nothing starts). {@code
 * pending}: a period is queued or starting (a backfill's, Export now's, a resumed one) or waits for
 * a retry, and automatic export is not paused — the status changes soon without anyone acting, so
 * the console's status block keeps refreshing itself.
 */
public record ExportStatusView(
    Instant lastRunAt,
    String status,
    Instant nextRunAt,
    String error,
    boolean running,
    String pausedReason,
    String lastPeriod,
    Retry retry,
    List<LocalDate> failedPeriods,
    List<LocalDate> missedPeriods,
    boolean autoPaused,
    List<LocalDate> pausedPeriods,
    boolean pending) {

  public static final String NEVER = "never ran before";
  public static final String SUCCESSFUL = "successful";
  public static final String FAILED = "failed";
  public static final String PAUSED = "paused";

  /**
   * Periods waiting for another attempt: how many, the attempts so far of the one tried next, and
   * when that is.
   */
  public record Retry(int periods, int attempts, LocalDate period, Instant nextAttemptAt) {}
}
