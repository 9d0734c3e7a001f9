package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.JobRepositoryReads.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class ClaimAdvanceTest {

  private static final LocalDate PERIOD = LocalDate.parse("2026-12-01");
  private static final ExportSchedule SCHEDULE = new ExportSchedule(Duration.ofMinutes(15));
  private static final RetrySchedule RETRIES =
      new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(48));
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  /** When the period ran: 2026-12-02T00:15Z. */
  private static final Instant RUN_AT = SCHEDULE.runAt(Cadence.DAILY, PERIOD);

  private static PeriodClaim claim(
      Long execution, int attempts, ClaimState state, Instant claimedAt, Instant next, String by) {
    return new PeriodClaim(
        7, "s3", Cadence.DAILY, PERIOD, execution, attempts, state, claimedAt, next, by);
  }

  private static Attempt execution(long id, String status, Instant endedAt) {
    return Attempt.of(
        new ExportExecution(
            id,
            1,
            7,
            "snapshot",
            RUN_AT,
            "s3",
            "daily",
            PERIOD.toString(),
            jakarta.batch.runtime.BatchStatus.valueOf(status),
            0,
            0,
            0,
            "FAILED".equals(status) ? "bucket gone" : null,
            RUN_AT,
            endedAt,
            "scheduler",
            "a"));
  }

  private static ClaimAdvance.Step next(
      PeriodClaim claim, Instant wallClock, LongFunction<Optional<Attempt>> latest) {
    return ClaimAdvance.next(claim, wallClock, DEADLINE, SCHEDULE, RETRIES, latest);
  }

  private static final LongFunction<Optional<Attempt>> NEVER_ASKED =
      id -> {
        throw new AssertionError("the history is not read for this claim");
      };

  @Test
  void anUnstartedClaimIsTakenOverOnlyAfterTheDeadline() {
    Instant claimedAt = RUN_AT;
    PeriodClaim unstarted = claim(-5L, 0, ClaimState.STARTED, claimedAt, null, "a");
    assertInstanceOf(
        ClaimAdvance.Wait.class, next(unstarted, claimedAt.plus(DEADLINE), NEVER_ASKED));
    ClaimAdvance.Step step = next(unstarted, claimedAt.plus(DEADLINE).plusMillis(1), NEVER_ASKED);
    assertEquals(new ClaimAdvance.TakeOver(false), step);
    PeriodClaim queued =
        claim(null, 0, ClaimState.STARTED, claimedAt, null, PeriodClaims.BACKFILL + "a");
    assertEquals(
        new ClaimAdvance.TakeOver(true), next(queued, claimedAt.plusSeconds(600), NEVER_ASKED));
  }

  @Test
  void aRetryStartsTheNextAttemptWhenItIsDue() {
    Instant due = RUN_AT.plusSeconds(120);
    PeriodClaim retrying = claim(11L, 2, ClaimState.RETRYING, RUN_AT, due, "a");
    assertInstanceOf(ClaimAdvance.Wait.class, next(retrying, due.minusMillis(1), NEVER_ASKED));
    assertEquals(new ClaimAdvance.Retry(3), next(retrying, due, NEVER_ASKED));
    PeriodClaim retryNow = claim(11L, 2, ClaimState.RETRYING, RUN_AT, null, "a");
    assertEquals(new ClaimAdvance.Retry(3), next(retryNow, RUN_AT, NEVER_ASKED));
  }

  @Test
  void aRunningOrVanishedAttemptWaits() {
    PeriodClaim started = claim(11L, 1, ClaimState.STARTED, RUN_AT, null, "a");
    assertInstanceOf(
        ClaimAdvance.Wait.class,
        next(started, RUN_AT, id -> Optional.of(execution(id, "STARTED", null))));
    assertInstanceOf(ClaimAdvance.Wait.class, next(started, RUN_AT, id -> Optional.empty()));
  }

  @Test
  void aCompletedAttemptLandsThePeriod() {
    PeriodClaim started = claim(11L, 1, ClaimState.STARTED, RUN_AT, null, "a");
    // A crash recovery restarted 11 as 12: the latest execution of the instance decides.
    assertEquals(
        new ClaimAdvance.Land(11),
        next(started, RUN_AT, id -> Optional.of(execution(12, "COMPLETED", RUN_AT))));
  }

  @Test
  void aFailedAttemptIsRetriedWithBackoffFromItsEnd() {
    PeriodClaim started = claim(11L, 1, ClaimState.STARTED, RUN_AT, null, "a");
    Instant failedAt = RUN_AT.plusSeconds(30);
    ClaimAdvance.Step step =
        next(
            started,
            RUN_AT.plusSeconds(3600),
            id -> Optional.of(execution(id, "FAILED", failedAt)));
    ClaimAdvance.RetryLater later = assertInstanceOf(ClaimAdvance.RetryLater.class, step);
    assertEquals(11, later.executionId());
    Duration wait = Duration.between(failedAt, later.at());
    // first retry: one minute ± 20 % jitter, the same on every node
    assertTrue(wait.compareTo(Duration.ofSeconds(48)) >= 0, wait.toString());
    assertTrue(wait.compareTo(Duration.ofSeconds(72)) <= 0, wait.toString());
    assertEquals(
        step,
        next(
            started,
            RUN_AT.plusSeconds(3600),
            id -> Optional.of(execution(id, "FAILED", failedAt))));
  }

  @Test
  void aPeriodAskedForLaterGetsAFreshHorizonFromTheRequest() {
    // A backfill (or settings save, resume, re-export) ten days after the period fell due.
    Instant requested = RUN_AT.plus(Duration.ofDays(10));
    Instant failedAt = requested.plusSeconds(30);
    PeriodClaim asked =
        new PeriodClaim(
            7,
            "s3",
            Cadence.DAILY,
            PERIOD,
            11L,
            1,
            ClaimState.STARTED,
            requested,
            null,
            "a",
            requested);
    assertInstanceOf(
        ClaimAdvance.RetryLater.class,
        next(asked, failedAt, id -> Optional.of(execution(id, "FAILED", failedAt))));
    // Not asked for: the same failure is past the horizon counted from the due time.
    PeriodClaim scheduled = claim(11L, 1, ClaimState.STARTED, requested, null, "a");
    assertInstanceOf(
        ClaimAdvance.GiveUp.class,
        next(scheduled, failedAt, id -> Optional.of(execution(id, "FAILED", failedAt))));
    // 48 h after the request it gives up too.
    Instant late = requested.plus(Duration.ofHours(48));
    PeriodClaim stillAsked =
        new PeriodClaim(
            7,
            "s3",
            Cadence.DAILY,
            PERIOD,
            11L,
            9,
            ClaimState.STARTED,
            requested,
            null,
            "a",
            requested);
    assertEquals(
        new ClaimAdvance.GiveUp(11, "bucket gone"),
        next(stillAsked, late, id -> Optional.of(execution(id, "FAILED", late))));
  }

  @Test
  void aFailedAttemptPastTheHorizonGivesUpWithItsError() {
    PeriodClaim started = claim(11L, 9, ClaimState.STARTED, RUN_AT, null, "a");
    Instant failedAt = RUN_AT.plus(Duration.ofHours(48));
    assertEquals(
        new ClaimAdvance.GiveUp(11, "bucket gone"),
        next(started, failedAt, id -> Optional.of(execution(id, "FAILED", failedAt))));
  }

  @Test
  void aFailedAttemptWithoutAnEndTimeCountsFromTheWallClock() {
    PeriodClaim started = claim(11L, 1, ClaimState.STARTED, RUN_AT, null, "a");
    Instant wallClock = RUN_AT.plus(Duration.ofHours(48)).minusSeconds(30);
    // counted from the wall clock, the first retry (≥ 48 s later) lies beyond the 48 h horizon
    assertInstanceOf(
        ClaimAdvance.GiveUp.class,
        next(started, wallClock, id -> Optional.of(execution(id, "FAILED", null))));
  }
}
