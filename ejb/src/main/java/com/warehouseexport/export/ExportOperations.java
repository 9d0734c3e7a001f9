package com.warehouseexport.export;

import jakarta.ejb.Local;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Starts and steers export job executions. Implemented in the batch-jobs module, next to the job
 * XML (the batch runtime resolves job XML through the caller's class loader).
 */
@Local
public interface ExportOperations {

  /** Starts a job execution; returns its id. */
  long start(ExportRequest request);

  /** Starts a job execution with extra (non-secret) parameters, e.g. fault injection in tests. */
  long start(ExportRequest request, Properties extra);

  /**
   * The first execution started for one claim attempt of a period (job parameter {@link
   * ExportJob#CLAIMED_AT} = {@code claimedAt}), indexed if its start was cut before that; empty if
   * none was started. Scans the job repository: only for claims whose start was interrupted.
   */
  java.util.Optional<Long> startedForClaim(PeriodId id, long claimedAt);

  /** Restarts a failed or stopped execution from its last checkpoint; returns the new id. */
  long restart(long executionId, Properties overrides);

  void stop(long executionId);

  void abandon(long executionId);

  /** An execution the job repository lists as running, with the node and destination it has. */
  record RunningExport(long executionId, String node, String destination) {}

  /**
   * The export executions the job repository lists as running, on any node; those in {@code skip}
   * are listed with a null node and destination (their parameters are not read).
   */
  List<RunningExport> running(Collection<Long> skip);
}
