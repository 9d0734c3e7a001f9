package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import com.warehouseexport.export.history.JobRepositoryReads.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What to do next with one open claim: a claim whose start never happened is started after the
 * claim deadline (a take-over); a due retry starts a new attempt; a finished attempt lands the
 * period, or schedules the next attempt (backoff with jitter), or gives up at the horizon (counted
 * from the later of the due time and the request, {@link RetrySchedule#horizonStart}). Retries and
 * deadlines run on the wall clock, whatever instant a tick simulates. Pure: the caller applies the
 * step ({@link ClaimAdvancer}).
 */
public final class ClaimAdvance {

  private ClaimAdvance() {}

  /** The next step for a claim. */
  public sealed interface Step permits Wait, TakeOver, Retry, Land, RetryLater, GiveUp {}

  /** Nothing to do now (running, not due yet, or its execution is gone). */
  public record Wait() implements Step {}

  /**
   * Claimed, but no execution was attached before the deadline (a crash between claim and start, or
   * a backfill that queued it): start it now.
   */
  public record TakeOver(boolean queuedByBackfill) implements Step {}

  /** A retry is due: start attempt {@code attempt}. */
  public record Retry(int attempt) implements Step {}

  /** The attempt completed: the period landed. */
  public record Land(long executionId) implements Step {}

  /** The attempt failed: the next one is due at {@code at}. */
  public record RetryLater(long executionId, Instant at) implements Step {}

  /** The attempt failed and the give-up horizon has passed: the period failed for good. */
  public record GiveUp(long executionId, String error) implements Step {}

  private static final Wait WAIT = new Wait();

  /**
   * The next step for {@code claim} as of {@code wallClock}.
   *
   * @param latestOfInstance the latest execution of the job instance an execution belongs to (a
   *     crash recovery may have restarted it), empty when it is gone
   */
  public static Step next(
      PeriodClaim claim,
      Instant wallClock,
      Duration claimDeadline,
      ExportSchedule schedule,
      RetrySchedule retries,
      LongFunction<Optional<Attempt>> latestOfInstance) {
    if (claim.withoutExecution()) {
      return claim.claimedAt().plus(claimDeadline).isBefore(wallClock)
          ? new TakeOver(claim.queuedByBackfill())
          : WAIT;
    }
    if (claim.state() == ClaimState.RETRYING) {
      return claim.nextAttemptAt() == null || !claim.nextAttemptAt().isAfter(wallClock)
          ? new Retry(claim.attempts() + 1)
          : WAIT;
    }
    long executionId = claim.executionId();
    Optional<Attempt> latest = latestOfInstance.apply(executionId);
    if (latest.isEmpty() || latest.get().isRunning()) {
      return WAIT;
    }
    Attempt execution = latest.get();
    if (execution.isCompleted()) {
      return new Land(executionId);
    }
    Instant failedAt = execution.endedAt() != null ? execution.endedAt() : wallClock;
    RetrySchedule.Decision decision =
        retries.next(
            RetrySchedule.horizonStart(
                schedule.runAt(claim.cadence(), claim.period()), claim.requestedAt()),
            Math.max(1, claim.attempts()),
            failedAt,
            RetrySchedule.seed(
                claim.environmentId(),
                claim.cadence().id(),
                claim.period().toEpochDay(),
                claim.attempts()));
    return decision instanceof RetrySchedule.RetryAt retry
        ? new RetryLater(executionId, retry.at())
        : new GiveUp(executionId, execution.error());
  }
}
