package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.automatic.TickReport.Refusal;
import com.warehouseexport.export.automatic.TickReport.RefusalReason;
import com.warehouseexport.export.automatic.TickReport.Start;
import com.warehouseexport.export.automatic.TickReport.StartReason;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.settings.ExportSettings;
import com.warehouseexport.tenancy.Plan;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One tick over one environment, with claims and job starts in memory. */
class TickPassTest {

  private static final long ENV = 7;
  private static final LocalDate TODAY = LocalDate.parse("2026-12-06");

  /** Today 00:20 UTC: yesterday is due (grace 15 minutes). */
  private static final Instant NOW = Instant.parse("2026-12-06T00:20:00Z");

  private final FakePeriodClaims claims = new FakePeriodClaims();
  private final FakeExports exports = new FakeExports();
  private final List<PeriodOutcome> outcomes = new ArrayList<>();
  private final TickReport.Builder report = new TickReport.Builder("a");

  private static ExportSettings settings(LocalDate firstPeriod) {
    ExportSettings s = new ExportSettings(ENV, "production-7", firstPeriod);
    s.update(true, "daily", "CUSTOM", null, "b", "us-east-1", "", "http://127.0.0.1", NOW, "t");
    return s;
  }

  private static PeriodId day(LocalDate period) {
    return new PeriodId(ENV, "s3", Cadence.DAILY, period);
  }

  private TickPass pass(int free, Map<Long, Plan> plans, Set<String> paused) {
    return pass(free, plans, paused, report);
  }

  private TickPass pass(
      int free, Map<Long, Plan> plans, Set<String> paused, TickReport.Builder into) {
    PeriodStarts starts = exports.starts(claims);
    ExportHistoryService history =
        new ExportHistoryService() {
          @Override
          public ExportExecution latestOfInstance(long executionId) {
            throw new AssertionError("no attempt to look at in these tests");
          }
        };
    ClaimAdvancer advancer = new ClaimAdvancer(claims, history, outcomes::add, starts);
    String key = PeriodClaims.key(ENV, "s3", Cadence.DAILY);
    Map<String, LocalDate> latest = new HashMap<>();
    claims.latestPeriod(ENV, "s3", Cadence.DAILY).ifPresent(p -> latest.put(key, p));
    TickPass.Reads reads = new TickPass.Reads(Map.of(key, openClaims()), latest, plans, paused);
    return new TickPass(
        claims,
        null,
        advancer,
        reads,
        new TickPass.Clock(NOW, NOW, new ExportSchedule(), ScheduleSettings.retrySchedule()),
        new TickCapacity(free),
        into);
  }

  private List<PeriodClaim> openClaims() {
    return claims.rows.values().stream()
        .filter(c -> c.state() == ClaimState.STARTED || c.state() == ClaimState.RETRYING)
        .toList();
  }

  /**
   * The pass collects the due periods, oldest first, and claims none: the scheduler starts them in
   * the order the nodes share them (AutomaticExportScheduler, ShareOrder).
   */
  @Test
  void collectsDuePeriodsOldestFirstAndClaimsNone() {
    TickPass pass = pass(2, Map.of(ENV, Plan.ENTERPRISE), Set.of());
    pass.environment(settings(TODAY.minusDays(3)));
    TickReport done = report.build();
    assertEquals(
        List.of(day(TODAY.minusDays(3)), day(TODAY.minusDays(2)), day(TODAY.minusDays(1))),
        pass.due());
    assertEquals(List.of(), done.started());
    assertEquals(List.of(), done.refused());
    assertFalse(done.busy(), "due periods are queued, not busy");
    assertTrue(claims.rows.isEmpty(), "a due period is claimed when it starts");
    assertTrue(exports.requests.isEmpty());
  }

  /** The bucket of {@link #settings} plus a PostgreSQL table switched on from {@code first}. */
  private static ExportSettings bucketAndTable(LocalDate bucketFirst, LocalDate tableFirst) {
    ExportSettings s = settings(bucketFirst);
    s.usePostgres(
        true,
        "daily",
        "127.0.0.1",
        5432,
        "w",
        "public",
        "company_usage",
        "u",
        "v1:k:x",
        "require",
        NOW,
        "t");
    s.startPeriodsFrom("postgresql", tableFirst);
    return s;
  }

  private static PeriodId tableDay(LocalDate period) {
    return new PeriodId(ENV, "postgresql", Cadence.DAILY, period);
  }

  @Test
  void aBucketAndATableAreScheduledEachWithItsOwnPeriodsAndClaims() {
    // PRODUCT.md §11: one destination of each kind; the table was added a day after the bucket.
    TickPass pass = pass(5, Map.of(ENV, Plan.ENTERPRISE), Set.of());
    pass.environment(bucketAndTable(TODAY.minusDays(2), TODAY.minusDays(1)));
    assertEquals(
        List.of(day(TODAY.minusDays(2)), day(TODAY.minusDays(1)), tableDay(TODAY.minusDays(1))),
        pass.due(),
        "the table's periods start from the day it was added");
  }

  @Test
  void aPausedTableDoesNotStopTheBucketAndASwitchedOffOneIsLeftAlone() {
    TickPass first =
        pass(5, Map.of(ENV, Plan.ENTERPRISE), Set.of(ExportAlertState.key(ENV, "postgresql")));
    first.environment(bucketAndTable(TODAY.minusDays(1), TODAY.minusDays(1)));
    TickReport done = report.build();
    assertEquals(List.of(day(TODAY.minusDays(1))), first.due());
    assertEquals(ClaimState.PAUSED, claims.get(tableDay(TODAY.minusDays(1))).state());
    assertEquals(RefusalReason.AUTO_PAUSED, done.refused().get(0).reason());

    ExportSettings bucketOff = bucketAndTable(TODAY.minusDays(1), TODAY.minusDays(1));
    bucketOff.disable("s3", NOW, "t");
    TickReport.Builder second = new TickReport.Builder("a");
    claims.rows.clear();
    TickPass then = pass(5, Map.of(ENV, Plan.ENTERPRISE), Set.of(), second);
    then.environment(bucketOff);
    assertEquals(List.of(tableDay(TODAY.minusDays(1))), then.due());
    assertEquals(null, claims.get(day(TODAY.minusDays(1))), "the bucket is switched off");
  }

  @Test
  void aPlanWithoutAutomaticExportIsRefusedAndNothingIsClaimed() {
    pass(5, Map.of(ENV, Plan.PRO), Set.of()).environment(settings(TODAY.minusDays(2)));
    TickReport done = report.build();
    assertEquals(List.of(new Refusal(ENV, RefusalReason.PLAN, "PRO")), done.refused());
    assertEquals(List.of(), done.started());
    assertTrue(claims.rows.isEmpty());
  }

  @Test
  void anAutoPausedEnvironmentRecordsItsDuePeriodsAsPaused() {
    pass(5, Map.of(ENV, Plan.ENTERPRISE), Set.of(ExportAlertState.key(ENV, "s3")))
        .environment(settings(TODAY.minusDays(2)));
    TickReport done = report.build();
    assertEquals(RefusalReason.AUTO_PAUSED, done.refused().get(0).reason());
    assertEquals(List.of(), done.started());
    assertEquals(ClaimState.PAUSED, claims.get(day(TODAY.minusDays(2))).state());
    assertEquals(ClaimState.PAUSED, claims.get(day(TODAY.minusDays(1))).state());
    assertTrue(exports.requests.isEmpty());
  }

  @Test
  void periodsOutsideTheLookBackAreRecordedAsMissed() {
    // default look-back: the 14 newest due periods
    pass(0, Map.of(ENV, Plan.ENTERPRISE), Set.of()).environment(settings(TODAY.minusDays(16)));
    assertEquals(ClaimState.MISSED, claims.get(day(TODAY.minusDays(16))).state());
    assertEquals(ClaimState.MISSED, claims.get(day(TODAY.minusDays(15))).state());
    assertEquals(null, claims.get(day(TODAY.minusDays(14))));
  }

  @Test
  void aDueRetryWithoutCapacityMarksTheNodeBusyAndWithCapacityRestarts() {
    LocalDate period = TODAY.minusDays(1);
    claims.put(
        new PeriodClaim(
            ENV,
            "s3",
            Cadence.DAILY,
            period,
            50L,
            1,
            ClaimState.RETRYING,
            NOW,
            NOW.minusSeconds(1),
            "a"));
    pass(0, Map.of(ENV, Plan.ENTERPRISE), Set.of()).environment(settings(period));
    assertTrue(report.build().busy());
    assertEquals(50L, claims.get(day(period)).executionId(), "left for the next tick");
    assertTrue(exports.requests.isEmpty());

    TickReport.Builder second = new TickReport.Builder("a");
    TickPass pass = pass(1, Map.of(ENV, Plan.ENTERPRISE), Set.of(), second);
    pass.environment(settings(period));
    TickReport done = second.build();
    assertEquals(List.of(new Start(day(period), 100, StartReason.RETRY)), done.restarted());
    assertFalse(done.busy());
    assertEquals(100L, claims.get(day(period)).executionId());
    assertEquals(2, claims.get(day(period)).attempts());
    assertEquals("scheduler (attempt 2)", exports.requests.get(0).requestedBy());
    assertTrue(pass.due().isEmpty());
  }

  @Test
  void theClaimsSettledBeforeTheLockAreThoseOfTheDestinationsThePassVisits() {
    ExportSettings both = bucketAndTable(TODAY.minusDays(1), TODAY.minusDays(1));
    PeriodClaims.Schedule bucket = new PeriodClaims.Schedule(ENV, "s3", Cadence.DAILY);
    PeriodClaims.Schedule table = new PeriodClaims.Schedule(ENV, "postgresql", Cadence.DAILY);
    assertEquals(
        List.of(bucket, table),
        TickPass.visited(List.of(both), Map.of(ENV, Plan.ENTERPRISE), Set.of()));
    assertEquals(
        List.of(bucket),
        TickPass.visited(
            List.of(both),
            Map.of(ENV, Plan.ENTERPRISE),
            Set.of(ExportAlertState.key(ENV, "postgresql"))),
        "an auto-paused table's claims are left as the pass leaves them");
    assertEquals(
        List.of(),
        TickPass.visited(List.of(both), Map.of(ENV, Plan.PRO), Set.of()),
        "a plan without automatic export");
    assertEquals(
        List.of(),
        TickPass.visited(List.of(both), Map.of(), Set.of()),
        "an environment created after the read waits for the locked pass");
    both.disable("s3", NOW, "t");
    assertEquals(
        List.of(table), TickPass.visited(List.of(both), Map.of(ENV, Plan.ENTERPRISE), Set.of()));
  }
}
