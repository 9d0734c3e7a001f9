package com.warehouseexport.export.history;

import java.time.Instant;

/**
 * One export execution as the job repository knows it (the status JSON of PRODUCT.md §6).
 *
 * @param status JBeret's batch status name (STARTING, STARTED, STOPPING, STOPPED, FAILED,
 *     COMPLETED, ABANDONED)
 * @param error the admin-facing message of a failed execution, else null
 * @param node the server node that ran (or runs) this execution
 */
public record ExportExecution(
    long executionId,
    long instanceId,
    long environmentId,
    String aggregation,
    Instant asOf,
    String destination,
    String cadence,
    String period,
    String status,
    long rowsWritten,
    long bytes,
    int percent,
    String error,
    Instant startedAt,
    Instant endedAt,
    String requestedBy,
    String node) {

  public boolean isRunning() {
    return status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING");
  }

  public boolean isCompleted() {
    return status.equals("COMPLETED");
  }
}
