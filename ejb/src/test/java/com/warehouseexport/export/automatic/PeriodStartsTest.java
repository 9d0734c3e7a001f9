package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.PeriodId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeriodStartsTest {

  private static final PeriodId DAY =
      new PeriodId(7, "s3", Cadence.DAILY, LocalDate.parse("2026-12-01"));
  private static final ExportSchedule SCHEDULE = new ExportSchedule();

  private final FakePeriodClaims claims = new FakePeriodClaims();
  private final FakeExports exports = new FakeExports();
  private final PeriodStarts starts = exports.starts(claims);

  @Test
  void aFreshPeriodIsStartedOnceAsASnapshotOfItsEndToItsDestination() {
    assertEquals(OptionalLong.of(100), starts.fresh(DAY, SCHEDULE, "scheduler"));
    assertEquals(OptionalLong.empty(), starts.fresh(DAY, SCHEDULE, "scheduler"), "claimed before");
    assertEquals(
        List.of(
            new ExportRequest(
                7,
                Aggregation.SNAPSHOT,
                Instant.parse("2026-12-02T00:00:00Z"),
                ExportJob.DESTINATION_S3,
                "daily",
                "2026-12-01",
                "scheduler",
                false)),
        exports.requests);
    assertEquals(List.of(100L), exports.slotStarts, "counted on this node before its listener");
    PeriodClaim claim = claims.get(DAY);
    assertEquals(100L, claim.executionId());
    assertEquals(1, claim.attempts());
    assertEquals(ClaimState.STARTED, claim.state());
  }

  @Test
  void aTakeOverWinsOnlyFromTheExecutionTheClaimStillPointsAt() {
    starts.fresh(DAY, SCHEDULE, "scheduler");
    claims.markRetrying(DAY, 100, Instant.now());
    assertEquals(OptionalLong.empty(), starts.takeOver(DAY, 99L, SCHEDULE, "stale"));
    assertEquals(OptionalLong.of(101), starts.takeOver(DAY, 100L, SCHEDULE, "retry"));
    assertEquals(OptionalLong.empty(), starts.takeOver(DAY, 100L, SCHEDULE, "second node"));
    assertEquals(2, exports.requests.size(), "the losers started nothing");
    PeriodClaim claim = claims.get(DAY);
    assertEquals(101L, claim.executionId());
    assertEquals(2, claim.attempts());
    assertEquals(ClaimState.STARTED, claim.state());
  }

  @Test
  void aQueuedClaimWithoutExecutionIsStartedFromNull() {
    assertTrue(claims.claimQueued(DAY, "a", Instant.now()));
    assertEquals(OptionalLong.of(100), starts.takeOver(DAY, null, SCHEDULE, "backfill"));
    assertEquals(100L, claims.get(DAY).executionId());
  }

  @Test
  void everyStartNamesItsClaimAttemptInItsJobParameters() {
    starts.fresh(DAY, SCHEDULE, "scheduler");
    assertEquals(
        "" + claims.get(DAY).claimedAt().toEpochMilli(),
        exports.parameters.get(0).getProperty(ExportJob.CLAIMED_AT));
    claims.markRetrying(DAY, 100, Instant.now());
    starts.takeOver(DAY, 100L, SCHEDULE, "retry");
    assertEquals(
        "" + claims.get(DAY).claimedAt().toEpochMilli(),
        exports.parameters.get(1).getProperty(ExportJob.CLAIMED_AT));
  }

  @Test
  void aStartWhoseClaimWasTakenOverMeanwhileIsStoppedAndReportsNothing() {
    // Another node takes the claim over while this start is under way (past the claim deadline).
    exports.afterStart =
        () -> {
          exports.afterStart = () -> {};
          claims.reserve(DAY, null, System.currentTimeMillis() + 1);
        };
    assertEquals(OptionalLong.empty(), starts.fresh(DAY, SCHEDULE, "slow"));
    assertEquals(List.of(100L), exports.stopped, "its job must not deliver");
    assertTrue(claims.get(DAY).executionId() < 0, "the claim stays with the take-over");
  }

  @Test
  void aSlowStartWhoseJobATakeOverAdoptedMeanwhileStands() {
    // The start outlives the claim deadline; a tick finds its job by the claim attempt and adopts
    // it before this start points the claim at it.
    exports.afterStart =
        () -> {
          exports.afterStart = () -> {};
          assertEquals(OptionalLong.of(100), starts.adoptInterrupted(claims.get(DAY)));
        };
    assertEquals(OptionalLong.of(100), starts.fresh(DAY, SCHEDULE, "slow"));
    assertEquals(List.of(), exports.stopped, "the adopted job delivers");
    assertEquals(100L, claims.get(DAY).executionId());
    assertEquals(1, exports.requests.size());
  }
}
