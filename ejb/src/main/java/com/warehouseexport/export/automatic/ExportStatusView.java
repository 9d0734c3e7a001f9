package com.warehouseexport.export.automatic;

import java.time.Instant;

/**
 * The status block under the toggle (PRODUCT.md §5): last run, {@code never ran before} / {@code
 * successful} / {@code failed}, next run, the error; plus whether a run is in progress and why
 * automatic export is paused, if it is.
 */
public record ExportStatusView(
    Instant lastRunAt,
    String status,
    Instant nextRunAt,
    String error,
    boolean running,
    String pausedReason,
    String lastPeriod) {

  public static final String NEVER = "never ran before";
  public static final String SUCCESSFUL = "successful";
  public static final String FAILED = "failed";
}
