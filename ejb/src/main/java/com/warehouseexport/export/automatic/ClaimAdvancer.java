package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.automatic.ClaimAdvance.GiveUp;
import com.warehouseexport.export.automatic.ClaimAdvance.Land;
import com.warehouseexport.export.automatic.ClaimAdvance.Retry;
import com.warehouseexport.export.automatic.ClaimAdvance.RetryLater;
import com.warehouseexport.export.automatic.ClaimAdvance.Step;
import com.warehouseexport.export.automatic.ClaimAdvance.TakeOver;
import com.warehouseexport.export.automatic.TickReport.StartReason;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.history.JobRepositoryReads.Attempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Moves open claims along ({@link ClaimAdvance} decides): starts take-overs and due retries within
 * the tick's capacity, and records a finished attempt as landed, retrying or failed for good —
 * firing a {@link PeriodOutcome} for a final one, once, by whoever won the state change.
 */
final class ClaimAdvancer {

  private static final Logger LOG = Logger.getLogger(ClaimAdvancer.class.getName());

  private final PeriodClaims claims;
  private final ExportHistoryService history;
  private final Consumer<PeriodOutcome> outcomes;
  private final PeriodStarts starts;

  ClaimAdvancer(
      PeriodClaims claims,
      ExportHistoryService history,
      Consumer<PeriodOutcome> outcomes,
      PeriodStarts starts) {
    this.claims = claims;
    this.history = history;
    this.outcomes = outcomes;
    this.starts = starts;
  }

  /**
   * Settles, without any capacity, the open claims whose attempt has finished: records each as
   * landed, retrying or failed for good ({@link #apply}), reading the latest attempts of all of
   * them at once ({@code latestOfInstances}) instead of one claim at a time. Runs before a tick
   * takes the node's start lock, so that the pump keeps starting exports meanwhile: at 10,000
   * environments the tick held the lock 2–4 s every 30 s doing this one claim at a time (issue 24).
   * Returns the claims that need capacity (a take-over or a due retry), by the key they were given
   * under, for the locked part of the tick; claims still running are left out.
   */
  Map<String, List<PeriodClaim>> settle(
      Map<String, List<PeriodClaim>> open,
      ExportSchedule schedule,
      RetrySchedule retries,
      Instant wallClock,
      Function<Collection<Long>, Map<Long, Attempt>> latestOfInstances) {
    List<Long> finishing = new ArrayList<>();
    open.values()
        .forEach(
            claims ->
                claims.stream()
                    .filter(c -> !c.withoutExecution() && c.state() == ClaimState.STARTED)
                    .forEach(c -> finishing.add(c.executionId())));
    Map<Long, Attempt> latest = finishing.isEmpty() ? Map.of() : latestOfInstances.apply(finishing);
    Map<String, List<PeriodClaim>> needCapacity = new HashMap<>();
    Map<PeriodId, Long> landed = new LinkedHashMap<>();
    open.forEach(
        (key, claims) -> {
          for (PeriodClaim claim : claims) {
            Step step =
                next(
                    claim, wallClock, schedule, retries, id -> Optional.ofNullable(latest.get(id)));
            if (step instanceof TakeOver || step instanceof Retry) {
              needCapacity.computeIfAbsent(key, k -> new ArrayList<>()).add(claim);
            } else if (step instanceof Land land) {
              landed.put(claim.id(), land.executionId());
            } else {
              apply(claim, step, retries);
            }
          }
        });
    // A midnight's landed exports are recorded in a few batches, not a transaction each (issue 24:
    // 1.6–4.5 s per tick at 10,000 environments); each outcome still fires once, by the winner.
    if (!landed.isEmpty()) {
      Set<PeriodId> won = claims.markLanded(landed);
      landed.forEach(
          (id, execution) -> {
            if (won.contains(id)) {
              outcomes.accept(outcome(id, execution, true, null));
            }
          });
    }
    return needCapacity;
  }

  /** Advances one open claim as of {@code wallClock}. */
  void advance(
      PeriodClaim claim,
      ExportSchedule schedule,
      RetrySchedule retries,
      Instant wallClock,
      TickCapacity capacity,
      TickReport.Builder report) {
    PeriodId id = claim.id();
    Step step = next(claim, wallClock, schedule, retries, this::latestOfInstance);
    if (step instanceof TakeOver takeOver) {
      OptionalLong adopted = starts.adoptInterrupted(claim);
      if (adopted.isPresent()) {
        LOG.warning(
            "Automatic export of environment "
                + id.environmentId()
                + " for "
                + id.period()
                + " was started as execution "
                + adopted.getAsLong()
                + " but its claim was never pointed at it (the start was cut); it follows that"
                + " execution now instead of starting another");
        return;
      }
      capacity
          .start(
              () ->
                  starts.takeOver(
                      id,
                      claim.executionId(),
                      schedule,
                      takeOver.queuedByBackfill()
                          ? "scheduler (queued by a backfill or resume)"
                          : "scheduler (start interrupted, taken over)"))
          .ifPresent(
              next -> {
                report.restarted(id, next, StartReason.UNSTARTED_CLAIM);
                if (takeOver.queuedByBackfill()) {
                  LOG.info(
                      "Automatic export of environment "
                          + id.environmentId()
                          + " for "
                          + id.period()
                          + " (queued by a backfill) started as execution "
                          + next);
                } else {
                  LOG.warning(
                      "Automatic export of environment "
                          + id.environmentId()
                          + " for "
                          + id.period()
                          + " was claimed but never started; started now as execution "
                          + next);
                }
              });
    } else if (step instanceof Retry retry) {
      String by = "scheduler (attempt " + retry.attempt() + ")";
      capacity
          .start(() -> starts.takeOver(id, claim.executionId(), schedule, by))
          .ifPresent(next -> report.restarted(id, next, StartReason.RETRY));
    } else {
      apply(claim, step, retries);
    }
  }

  /**
   * The claim's next step with the configured claim deadline, its attempts read by {@code latest}.
   */
  private static Step next(
      PeriodClaim claim,
      Instant wallClock,
      ExportSchedule schedule,
      RetrySchedule retries,
      java.util.function.LongFunction<Optional<Attempt>> latest) {
    return ClaimAdvance.next(
        claim, wallClock, ScheduleSettings.claimDeadline(), schedule, retries, latest);
  }

  /** Applies a step that needs no capacity: land, retry later, give up (or wait: nothing). */
  private void apply(PeriodClaim claim, Step step, RetrySchedule retries) {
    PeriodId id = claim.id();
    if (step instanceof Land land) {
      if (claims.markLanded(id, land.executionId())) {
        outcomes.accept(outcome(id, land.executionId(), true, null));
      }
    } else if (step instanceof RetryLater later) {
      claims.markRetrying(id, later.executionId(), later.at());
      LOG.info(
          () ->
              "Automatic export of environment "
                  + id.environmentId()
                  + " for "
                  + id.period()
                  + " failed (attempt "
                  + claim.attempts()
                  + "); next attempt at "
                  + later.at());
    } else if (step instanceof GiveUp giveUp && claims.markFailed(id, giveUp.executionId())) {
      LOG.warning(
          () ->
              "Automatic export of environment "
                  + id.environmentId()
                  + " for "
                  + id.period()
                  + " failed for good after "
                  + claim.attempts()
                  + " attempts: it is more than "
                  + retries.giveUpAfter()
                  + " past due and past the last request for it");
      outcomes.accept(outcome(id, giveUp.executionId(), false, giveUp.error()));
    }
  }

  private static PeriodOutcome outcome(PeriodId id, long execution, boolean landed, String error) {
    return new PeriodOutcome(
        id.environmentId(),
        id.destination(),
        id.cadence().id(),
        id.period(),
        execution,
        landed,
        error);
  }

  /** The latest execution of the instance (a crash recovery may have restarted it already). */
  private Optional<Attempt> latestOfInstance(long executionId) {
    try {
      return Optional.of(Attempt.of(history.latestOfInstance(executionId)));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
