package com.warehouseexport.export.automatic;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettingsService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Periods exported on an operator's or admin's request, through the same period claims as the
 * schedule (so each period still runs exactly once): one period now, or a backfill of several.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OperatorPeriodRuns {

  private static final Logger LOG = Logger.getLogger(OperatorPeriodRuns.class.getName());

  @EJB private ExportSettingsService settings;
  @EJB private PeriodClaims claims;
  @EJB private ExportOperations operations;
  @EJB private ExportHistoryService history;
  @EJB private NodeExportSlots slots;
  @EJB private ClusterClock clusterClock;

  /** What a backfill did with one period: started as an execution, or queued for the ticks. */
  public record BackfillStart(LocalDate period, Long executionId) {}

  /**
   * Exports one period now through the same claim. Without {@code replace} a period that was
   * already started answers with an error; with it, a new run replaces the delivered period.
   */
  public long runPeriod(long env, String kind, LocalDate period, boolean replace, String by) {
    DestinationSchedule s =
        settings
            .settings(env)
            .flatMap(x -> x.schedule(kind))
            .orElseThrow(
                () ->
                    new ExportStateException(
                        "Automatic export is not configured for environment "
                            + env
                            + (ExportJob.DESTINATION_POSTGRESQL.equals(kind)
                                ? " (no PostgreSQL table)"
                                : "")));
    Cadence cadence = s.cadence();
    cadence.requireValidPeriod(period);
    ExportSchedule schedule = ScheduleSettings.schedule();
    if (schedule.asOf(cadence, period).isAfter(clusterClock.now())) {
      throw new ExportStateException("The period " + period + " has not ended yet");
    }
    PeriodId id = new PeriodId(env, kind, cadence, period);
    PeriodStarts starts = starts();
    OptionalLong started = starts.fresh(id, schedule, "export by " + by, true);
    if (started.isPresent()) {
      return started.getAsLong();
    }
    PeriodClaim claim = claims.find(id).orElseThrow();
    boolean landedOrRunning =
        claim.state() == ClaimState.STARTED || claim.state() == ClaimState.LANDED;
    if (!replace && claim.state() == ClaimState.STARTED && claim.withoutExecution()) {
      throw new ExportStateException(
          "The period "
              + period
              + " is being started right now (by the schedule or another request); its run"
              + " appears in the history in a moment");
    }
    if (!replace && landedOrRunning) {
      throw new ExportStateException(
          "The period "
              + period
              + " was already exported or is being exported (execution "
              + claim.executionId()
              + "); pass replace=true to export it again");
    }
    if (claim.executionId() != null && claim.executionId() > 0) {
      try {
        if (history.execution(claim.executionId()).isRunning()) {
          throw new ExportStateException(
              "The period "
                  + period
                  + " is being exported right now (execution "
                  + claim.executionId()
                  + ")");
        }
      } catch (NotFoundException ignored) {
        // the old execution is gone; replace it
      }
    }
    claims.markRequested(id); // a re-export: a fresh give-up horizon
    return starts
        .takeOver(id, claim.executionId(), schedule, "re-export by " + by)
        .orElseThrow(
            () -> new ExportStateException("Someone else is re-running " + period + " right now"));
  }

  /**
   * A backfill of {@code periods} (checked by the caller: due, within the look-back window, never
   * claimed): each is claimed exactly once through its period claim, then started now while this
   * node has free batch capacity; the rest wait as unstarted claims that the next ticks start as
   * capacity frees up (on any node). Periods someone else claimed meanwhile are left out of the
   * answer. Due periods the schedule has not claimed yet and that are older than the newest
   * backfilled one are claimed along, so the schedule (which continues after the newest claimed
   * period) never skips them.
   */
  public List<BackfillStart> backfill(
      long env, String kind, Cadence cadence, List<LocalDate> periods, String by) {
    if (periods.isEmpty()) {
      return List.of();
    }
    ExportSchedule schedule = ScheduleSettings.schedule();
    LocalDate newest = periods.stream().max(LocalDate::compareTo).orElseThrow();
    TreeSet<LocalDate> wanted = new TreeSet<>(periods);
    settings
        .settings(env)
        .flatMap(x -> x.schedule(kind))
        .ifPresent(
            s ->
                schedule
                    .duePeriods(
                        cadence,
                        clusterClock.now(),
                        claims.latestPeriod(env, kind, cadence).orElse(null),
                        s.firstPeriod(),
                        ScheduleSettings.lookBackPeriods())
                    .stream()
                    .filter(p -> p.isBefore(newest))
                    .forEach(wanted::add));
    Instant queuedAt = clusterClock.now().minus(ScheduleSettings.claimDeadline()).minusSeconds(1);
    List<PeriodId> won = new ArrayList<>();
    for (LocalDate period : wanted) {
      PeriodId id = new PeriodId(env, kind, cadence, period);
      if (claims.claimQueued(id, NodeExportSlots.node(), queuedAt)) {
        won.add(id);
      }
    }
    PeriodStarts starts = starts();
    List<BackfillStart> result =
        slots.exclusively(
            () -> {
              TickCapacity capacity = new TickCapacity(slots.free());
              List<BackfillStart> answer = new ArrayList<>();
              for (PeriodId id : won) {
                Long execution = null;
                if (capacity.hasFree()) {
                  OptionalLong started =
                      capacity.start(
                          () -> starts.takeOver(id, null, schedule, "backfill by " + by));
                  if (started.isPresent()) {
                    execution = started.getAsLong();
                  }
                }
                answer.add(new BackfillStart(id.period(), execution));
              }
              return answer;
            });
    long startedNow = result.stream().filter(r -> r.executionId() != null).count();
    LOG.info(
        "Backfill of environment "
            + env
            + " ("
            + kind
            + ") by "
            + by
            + ": "
            + won.size()
            + " period(s) claimed, "
            + startedNow
            + " started now, the rest by the next ticks");
    return result;
  }

  private PeriodStarts starts() {
    return new PeriodStarts(claims, operations, slots, clusterClock::millis);
  }
}
