package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.PeriodId;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A claim: the execution it points at (null or a negative placeholder while being started), how
 * many attempts were started, its state and, while retrying, when the next attempt is due; {@code
 * requestedAt}: when someone last asked for the period (a backfill, a settings save, a resume, a
 * re-export), from which its give-up horizon counts when later than its due time; null when the
 * schedule claimed it and nobody asked since.
 */
public record PeriodClaim(
    long environmentId,
    String destination,
    Cadence cadence,
    LocalDate period,
    Long executionId,
    int attempts,
    ClaimState state,
    Instant claimedAt,
    Instant nextAttemptAt,
    String claimedBy,
    Instant requestedAt) {

  /** A claim nobody asked for (claimed by the schedule). */
  public PeriodClaim(
      long environmentId,
      String destination,
      Cadence cadence,
      LocalDate period,
      Long executionId,
      int attempts,
      ClaimState state,
      Instant claimedAt,
      Instant nextAttemptAt,
      String claimedBy) {
    this(
        environmentId,
        destination,
        cadence,
        period,
        executionId,
        attempts,
        state,
        claimedAt,
        nextAttemptAt,
        claimedBy,
        null);
  }

  /** The period this claim is for. */
  public PeriodId id() {
    return new PeriodId(environmentId, destination, cadence, period);
  }

  /** True while no execution is attached (being started, or a start that crashed). */
  public boolean withoutExecution() {
    return executionId == null || executionId < 0;
  }

  /**
   * True when a backfill claimed it and left it for the ticks to start ({@link
   * PeriodClaims#claimQueued}).
   */
  public boolean queuedByBackfill() {
    return claimedBy != null && claimedBy.startsWith(PeriodClaims.BACKFILL);
  }
}
