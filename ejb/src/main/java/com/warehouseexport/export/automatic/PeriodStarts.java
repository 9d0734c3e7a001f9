package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.platform.FaultInjection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The one way a period's job is started: win the period (a new claim, or a compare-and-set of the
 * claim away from the execution it points at), start the job through {@link ExportOperations},
 * count it on this node and point the claim at the new execution. Empty when another tick, node or
 * operator won. Used by the ticks, the claim advancing and the operators' runs and backfills.
 */
final class PeriodStarts {

  private static final Logger LOG = Logger.getLogger(PeriodStarts.class.getName());

  private final PeriodClaims claims;
  private final ExportOperations operations;
  private final NodeExportSlots slots;

  /** The time a claim's attempt is stamped with (the cluster's, {@code ClusterClock}). */
  private final LongSupplier millis;

  PeriodStarts(
      PeriodClaims claims,
      ExportOperations operations,
      NodeExportSlots slots,
      LongSupplier millis) {
    this.claims = claims;
    this.operations = operations;
    this.slots = slots;
    this.millis = millis;
  }

  /** Claims a period no one claimed yet and starts it. */
  OptionalLong fresh(PeriodId id, ExportSchedule schedule, String by) {
    return fresh(id, schedule, by, false);
  }

  /**
   * As {@link #fresh(PeriodId, ExportSchedule, String)}; {@code requested}: someone asked for it
   * now, so its give-up horizon counts from now.
   */
  OptionalLong fresh(PeriodId id, ExportSchedule schedule, String by, boolean requested) {
    String node = NodeExportSlots.node();
    long claimedAt = millis.getAsLong();
    if (!(requested
        ? claims.claimRequested(id, node, claimedAt)
        : claims.claim(id, node, claimedAt))) {
      return OptionalLong.empty();
    }
    return start(id, null, claimedAt, schedule, by);
  }

  /**
   * Takes a claim over from execution {@code current} (null: none attached) and starts a new
   * attempt: a retry, a re-run, or a claim whose start never happened.
   */
  OptionalLong takeOver(PeriodId id, Long current, ExportSchedule schedule, String by) {
    long claimedAt = millis.getAsLong();
    Optional<Long> placeholder = claims.reserve(id, current, claimedAt);
    if (placeholder.isEmpty()) {
      return OptionalLong.empty();
    }
    return start(id, placeholder.get(), claimedAt, schedule, by);
  }

  /**
   * A claim without execution whose job did start, but whose claim was never pointed at it (the
   * start was cut after the job was created: the database went away, the node died): points the
   * claim at that execution, so a take-over does not start the period a second time. Empty when no
   * job was started for the claim's attempt (or someone moved the claim meanwhile). Claims a
   * backfill queued and nobody started yet are not looked up.
   */
  OptionalLong adoptInterrupted(PeriodClaim claim) {
    if (!claim.withoutExecution() || (claim.executionId() == null && claim.queuedByBackfill())) {
      return OptionalLong.empty();
    }
    PeriodId id = claim.id();
    Optional<Long> started = operations.startedForClaim(id, claim.claimedAt().toEpochMilli());
    if (started.isPresent() && claims.attach(id, claim.executionId(), started.get())) {
      return OptionalLong.of(started.get());
    }
    return OptionalLong.empty();
  }

  private OptionalLong start(
      PeriodId id, Long from, long claimedAt, ExportSchedule schedule, String by) {
    FaultInjection.afterClaim();
    ExportRequest request = request(id, schedule, id.destination(), by);
    Properties attempt = new Properties();
    attempt.setProperty(ExportJob.CLAIMED_AT, Long.toString(claimedAt));
    long execution = operations.start(request, attempt);
    slots.started(execution, request.destination()); // before its listener: no overfilling
    FaultInjection.afterStart();
    if (!claims.attach(id, from, execution) && !adoptedMeanwhile(id, execution)) {
      // The claim moved on while this job was being started (a take-over after the claim deadline,
      // or an operator's re-export): the period's attempt is theirs, this one must not deliver.
      LOG.warning(
          "Automatic export of environment "
              + id.environmentId()
              + " for "
              + id.period()
              + ": the claim was taken over while execution "
              + execution
              + " was being started; stopping it");
      try {
        operations.stop(execution);
      } catch (RuntimeException e) {
        LOG.warning("Could not stop execution " + execution + ": " + e.getMessage());
      }
      return OptionalLong.empty();
    }
    return OptionalLong.of(execution);
  }

  /**
   * True if a take-over found this start's job (by its claim attempt, {@link #adoptInterrupted})
   * and pointed the claim at it while the start was slow: the start stands.
   */
  private boolean adoptedMeanwhile(PeriodId id, long execution) {
    return claims
        .find(id)
        .map(c -> c.executionId() != null && c.executionId() == execution)
        .orElse(false);
  }

  /** The job of a period: a snapshot as of the end of the period, to its destination. */
  static ExportRequest request(
      PeriodId id, ExportSchedule schedule, String destination, String by) {
    return new ExportRequest(
        id.environmentId(),
        Aggregation.SNAPSHOT,
        schedule.asOf(id.cadence(), id.period()),
        destination,
        id.cadence().id(),
        id.period().toString(),
        by,
        false);
  }
}
