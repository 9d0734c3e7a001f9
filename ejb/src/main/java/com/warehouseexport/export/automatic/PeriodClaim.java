package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.PeriodId;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A claim: the execution it points at (null or a negative placeholder while being started), how
 * many attempts were started, its state and, while retrying, when the next attempt is due.
 */
public record PeriodClaim(
    long environmentId,
    Cadence cadence,
    LocalDate period,
    Long executionId,
    int attempts,
    ClaimState state,
    Instant claimedAt,
    Instant nextAttemptAt,
    String claimedBy) {

  /** The period this claim is for. */
  public PeriodId id() {
    return new PeriodId(environmentId, cadence, period);
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
