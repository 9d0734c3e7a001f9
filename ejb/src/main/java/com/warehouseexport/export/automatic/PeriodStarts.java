package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.destination.PeriodDestinations;
import com.warehouseexport.platform.FaultInjection;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one way a period's job is started: win the period (a new claim, or a compare-and-set of the
 * claim away from the execution it points at), start the job through {@link ExportOperations},
 * count it on this node and point the claim at the new execution. Empty when another tick, node or
 * operator won. Used by the ticks, the claim advancing and the operators' runs and backfills.
 */
final class PeriodStarts {

  private final PeriodClaims claims;
  private final ExportOperations operations;
  private final NodeExportSlots slots;
  private final PeriodDestinations destinations;

  PeriodStarts(
      PeriodClaims claims,
      ExportOperations operations,
      NodeExportSlots slots,
      PeriodDestinations destinations) {
    this.claims = claims;
    this.operations = operations;
    this.slots = slots;
    this.destinations = destinations;
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
    if (!(requested ? claims.claimRequested(id, node) : claims.claim(id, node))) {
      return OptionalLong.empty();
    }
    return start(id, null, schedule, by);
  }

  /**
   * Takes a claim over from execution {@code current} (null: none attached) and starts a new
   * attempt: a retry, a re-run, or a claim whose start never happened.
   */
  OptionalLong takeOver(PeriodId id, Long current, ExportSchedule schedule, String by) {
    Optional<Long> placeholder = claims.reserve(id, current);
    if (placeholder.isEmpty()) {
      return OptionalLong.empty();
    }
    return start(id, placeholder.get(), schedule, by);
  }

  private OptionalLong start(PeriodId id, Long from, ExportSchedule schedule, String by) {
    FaultInjection.afterClaim();
    ExportRequest request = request(id, schedule, destinations.kindOf(id.environmentId()), by);
    long execution = operations.start(request);
    slots.started(execution, request.destination()); // before its listener: no overfilling
    claims.attach(id, from, execution);
    return OptionalLong.of(execution);
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
