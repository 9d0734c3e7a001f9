package com.warehouseexport.export.history;

import jakarta.batch.runtime.BatchStatus;
import java.time.Instant;

/**
 * One export execution as the job repository knows it (the status JSON of PRODUCT.md §6).
 *
 * @param status the execution's batch status in the job repository
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
    BatchStatus status,
    long rowsWritten,
    long bytes,
    int percent,
    String error,
    Instant startedAt,
    Instant endedAt,
    String requestedBy,
    String node) {

  public boolean isRunning() {
    return isRunning(status);
  }

  public boolean isCompleted() {
    return status == BatchStatus.COMPLETED;
  }

  /** Failed or stopped: an operator may restart it. */
  public boolean isRestartable() {
    return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
  }

  /**
   * The admin-facing error of a failed execution: the job's exit status, else a failed step's, else
   * a pointer to the log. An exit status that only repeats the batch status ({@code FAILED}, the
   * default) says nothing and is passed over.
   */
  public static String failureMessage(String jobExitStatus, String stepExitStatus) {
    if (says(jobExitStatus)) {
      return jobExitStatus;
    }
    return says(stepExitStatus)
        ? stepExitStatus
        : "The export failed; see the server log for details.";
  }

  /** An exit status with a message of its own. */
  static boolean says(String exitStatus) {
    return exitStatus != null && !exitStatus.equals(BatchStatus.FAILED.name());
  }

  /** Not finished yet: starting, started or stopping. */
  public static boolean isRunning(BatchStatus status) {
    return status == BatchStatus.STARTING
        || status == BatchStatus.STARTED
        || status == BatchStatus.STOPPING;
  }
}
