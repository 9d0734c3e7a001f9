package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.automatic.TickReport.Start;
import com.warehouseexport.export.automatic.TickReport.StartReason;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.history.JobRepositoryReads;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Applying the steps of {@link ClaimAdvance} to claims, outcomes and starts (all in memory). */
class ClaimAdvancerTest {

  private static final LocalDate PERIOD = LocalDate.parse("2026-12-01");
  private static final PeriodId DAY = new PeriodId(7, "s3", Cadence.DAILY, PERIOD);
  private static final ExportSchedule SCHEDULE = new ExportSchedule();
  private static final RetrySchedule RETRIES =
      new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(48));
  private static final Instant RUN_AT = SCHEDULE.runAt(Cadence.DAILY, PERIOD);

  private final FakePeriodClaims claims = new FakePeriodClaims();
  private final FakeExports exports = new FakeExports();
  private final List<PeriodOutcome> outcomes = new ArrayList<>();
  private final Map<Long, ExportExecution> executions = new HashMap<>();
  private final TickReport.Builder report = new TickReport.Builder("a");

  private final ClaimAdvancer advancer =
      new ClaimAdvancer(
          claims,
          new ExportHistoryService() {
            @Override
            public ExportExecution latestOfInstance(long executionId) {
              ExportExecution e = executions.get(executionId);
              if (e == null) {
                throw new NotFoundException("execution " + executionId);
              }
              return e;
            }
          },
          outcomes::add,
          exports.starts(claims));

  private void ended(long id, String status, Instant at) {
    executions.put(
        id,
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
            at,
            "scheduler",
            "a"));
  }

  private void advance(Instant wallClock, int free) {
    advancer.advance(claims.get(DAY), SCHEDULE, RETRIES, wallClock, new TickCapacity(free), report);
  }

  private void started(long execution, int attempts) {
    claims.put(
        new PeriodClaim(
            7,
            "s3",
            Cadence.DAILY,
            PERIOD,
            execution,
            attempts,
            ClaimState.STARTED,
            RUN_AT,
            null,
            "a"));
  }

  @Test
  void aLandedAttemptFiresItsOutcome() {
    started(11, 1);
    ended(11, "COMPLETED", RUN_AT);
    advance(RUN_AT, 1);
    assertEquals(ClaimState.LANDED, claims.get(DAY).state());
    assertEquals(List.of(new PeriodOutcome(7, "s3", "daily", PERIOD, 11, true, null)), outcomes);
  }

  @Test
  void aFailedAttemptIsScheduledForRetryWithoutAnOutcome() {
    started(11, 1);
    ended(11, "FAILED", RUN_AT);
    advance(RUN_AT.plusSeconds(5), 1);
    PeriodClaim claim = claims.get(DAY);
    assertEquals(ClaimState.RETRYING, claim.state());
    assertTrue(claim.nextAttemptAt().isAfter(RUN_AT), claim.toString());
    assertEquals(List.of(), outcomes);
    assertTrue(exports.requests.isEmpty(), "the retry starts when it is due, not now");
  }

  @Test
  void anAttemptPastTheHorizonFailsForGoodWithItsError() {
    started(11, 6);
    Instant late = RUN_AT.plus(Duration.ofHours(48));
    ended(11, "FAILED", late);
    advance(late, 1);
    assertEquals(ClaimState.FAILED, claims.get(DAY).state());
    assertEquals(
        List.of(new PeriodOutcome(7, "s3", "daily", PERIOD, 11, false, "bucket gone")), outcomes);
  }

  @Test
  void aClaimThatNeverStartedIsTakenOverAfterTheDeadline() {
    claims.put(
        new PeriodClaim(
            7, "s3", Cadence.DAILY, PERIOD, -3L, 0, ClaimState.STARTED, RUN_AT, null, "b"));
    advance(RUN_AT.plusSeconds(60), 1);
    assertTrue(exports.requests.isEmpty(), "within the claim deadline (PT2M)");
    advance(RUN_AT.plusSeconds(121), 1);
    assertEquals(
        List.of(new Start(DAY, 100, StartReason.UNSTARTED_CLAIM)), report.build().restarted());
    assertEquals(
        "scheduler (start interrupted, taken over)", exports.requests.get(0).requestedBy());
    assertEquals(100L, claims.get(DAY).executionId());
  }

  @Test
  void aRunningOrVanishedAttemptIsLeftAlone() {
    started(11, 1);
    ended(11, "STARTED", null);
    advance(RUN_AT, 1);
    started(12, 1); // its execution is gone from the repository
    advance(RUN_AT, 1);
    assertEquals(ClaimState.STARTED, claims.get(DAY).state());
    assertNull(claims.get(DAY).nextAttemptAt());
    assertEquals(List.of(), outcomes);
  }

  @Test
  void aStartCutBeforeItsClaimPointedAtItIsAdoptedNotStartedAgain() {
    PeriodStarts starts = exports.starts(claims);
    claims.failingAttaches = 1;
    assertThrows(IllegalStateException.class, () -> starts.fresh(DAY, SCHEDULE, "operator"));
    assertEquals(1, exports.requests.size(), "the job started");
    assertTrue(claims.get(DAY).withoutExecution(), "but its claim does not say so");
    Instant afterDeadline = claims.get(DAY).claimedAt().plusSeconds(121);
    advance(afterDeadline, 1);
    assertEquals(1, exports.requests.size(), "not started a second time");
    assertEquals(100L, claims.get(DAY).executionId());
    assertEquals(1, claims.get(DAY).attempts());
    assertEquals(List.of(), report.build().restarted());
  }

  @Test
  void aRetryCutBeforeItsClaimPointedAtItIsAdoptedToo() {
    started(11, 1);
    PeriodStarts starts = exports.starts(claims);
    claims.failingAttaches = 1;
    assertThrows(IllegalStateException.class, () -> starts.takeOver(DAY, 11L, SCHEDULE, "retry"));
    assertTrue(claims.get(DAY).executionId() < 0, "a placeholder");
    advance(claims.get(DAY).claimedAt().plusSeconds(121), 1);
    assertEquals(1, exports.requests.size());
    assertEquals(100L, claims.get(DAY).executionId());
    assertEquals(2, claims.get(DAY).attempts());
  }

  @Test
  void aQueuedClaimIsStartedWithoutLookingForAnEarlierStart() {
    assertTrue(claims.claimQueued(DAY, "a", RUN_AT));
    // A job of the period that names the same claimed-at (impossible for a queued claim, which
    // nobody started) would be adopted if the queued claim were looked up.
    java.util.Properties p = new java.util.Properties();
    p.setProperty(com.warehouseexport.export.ExportJob.CLAIMED_AT, "" + RUN_AT.toEpochMilli());
    exports.start(PeriodStarts.request(DAY, SCHEDULE, "s3", "elsewhere"), p);
    advance(RUN_AT.plusSeconds(121), 1);
    assertEquals(2, exports.requests.size(), "started, not adopted");
    assertEquals(101L, claims.get(DAY).executionId());
  }

  @Test
  void finishedClaimsAreSettledWithOneBatchedReadAndOnlyThoseNeedingCapacityAreLeft() {
    PeriodId landed = DAY;
    PeriodId failed = new PeriodId(7, "s3", Cadence.DAILY, PERIOD.plusDays(1));
    PeriodId running = new PeriodId(7, "s3", Cadence.DAILY, PERIOD.plusDays(2));
    PeriodId unstarted = new PeriodId(7, "s3", Cadence.DAILY, PERIOD.plusDays(3));
    PeriodId retryDue = new PeriodId(7, "s3", Cadence.DAILY, PERIOD.plusDays(4));
    claims.put(claim(landed, 11L, ClaimState.STARTED, null));
    claims.put(claim(failed, 12L, ClaimState.STARTED, null));
    claims.put(claim(running, 13L, ClaimState.STARTED, null));
    claims.put(claim(unstarted, -4L, ClaimState.STARTED, null));
    claims.put(claim(retryDue, 14L, ClaimState.RETRYING, RUN_AT.plusSeconds(60)));
    Instant now = RUN_AT.plusSeconds(200);
    Map<Long, JobRepositoryReads.Attempt> repository =
        Map.of(
            11L,
            new JobRepositoryReads.Attempt(11, BatchStatus.COMPLETED, now, null),
            12L,
            new JobRepositoryReads.Attempt(12, BatchStatus.FAILED, now, "bucket gone"),
            13L,
            new JobRepositoryReads.Attempt(13, BatchStatus.STARTED, null, null));
    List<java.util.Set<Long>> reads = new ArrayList<>();
    String key = PeriodClaims.key(7, "s3", Cadence.DAILY);
    Map<String, List<PeriodClaim>> open =
        Map.of(
            key,
            List.of(
                claims.get(landed),
                claims.get(failed),
                claims.get(running),
                claims.get(unstarted),
                claims.get(retryDue)));

    Map<String, List<PeriodClaim>> left =
        advancer.settle(
            open,
            SCHEDULE,
            RETRIES,
            now,
            ids -> {
              reads.add(new java.util.HashSet<>(ids));
              Map<Long, JobRepositoryReads.Attempt> found = new HashMap<>();
              ids.forEach(id -> found.put(id, repository.get(id)));
              found.values().removeIf(java.util.Objects::isNull);
              return found;
            });

    assertEquals(List.of(java.util.Set.of(11L, 12L, 13L)), reads, "one read, started claims only");
    assertEquals(ClaimState.LANDED, claims.get(landed).state());
    assertEquals(ClaimState.RETRYING, claims.get(failed).state());
    assertEquals(ClaimState.STARTED, claims.get(running).state());
    assertEquals(
        List.of(new PeriodOutcome(7, "s3", "daily", PERIOD, 11, true, null)),
        outcomes,
        "the landed period's outcome, once");
    assertTrue(exports.requests.isEmpty(), "settling starts nothing");
    assertEquals(
        Map.of(key, List.of(claims.get(unstarted), claims.get(retryDue))),
        left,
        "the take-over and the due retry are left for the locked pass");

    // the locked pass then starts them within its capacity
    for (PeriodClaim claim : left.get(key)) {
      advancer.advance(claim, SCHEDULE, RETRIES, now, new TickCapacity(1), report);
    }
    assertEquals(2, exports.requests.size());
  }

  private static PeriodClaim claim(PeriodId id, Long execution, ClaimState state, Instant next) {
    return new PeriodClaim(
        id.environmentId(),
        id.destination(),
        id.cadence(),
        id.period(),
        execution,
        1,
        state,
        RUN_AT,
        next,
        "a");
  }
}
