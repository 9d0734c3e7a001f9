package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.platform.TestDatabases;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The statements a scheduler tick reads claims with, on H2 and PostgreSQL at the application's
 * schema: the newest claimed period per destination and cadence, asked per schedule (issue 24: its
 * cost must not grow with the claims kept), and a destination's newest claims in one state.
 */
class PeriodClaimsReadsTest {

  private static final LocalDate DAY = LocalDate.parse("2026-11-01");

  abstract static class Cases {

    abstract DataSource ds();

    private PeriodClaims claims() {
      return new PeriodClaims(ds());
    }

    private void claim(long env, String destination, Cadence cadence, LocalDate period) {
      assertTrue(claims().claim(new PeriodId(env, destination, cadence, period), "a", 1L));
    }

    @Test
    void theLatestPeriodOfEachScheduleAskedForThatHasAClaim() {
      for (int d = 0; d <= 10; d++) {
        claim(1, "s3", Cadence.DAILY, DAY.plusDays(d));
      }
      claim(1, "postgresql", Cadence.DAILY, DAY.plusDays(5));
      claim(2, "s3", Cadence.WEEKLY, DAY.minusDays(3));
      claim(2, "s3", Cadence.WEEKLY, DAY.minusDays(10));
      List<PeriodClaims.Schedule> asked = new ArrayList<>();
      asked.add(new PeriodClaims.Schedule(1, "s3", Cadence.DAILY));
      asked.add(new PeriodClaims.Schedule(1, "postgresql", Cadence.DAILY));
      asked.add(new PeriodClaims.Schedule(1, "s3", Cadence.WEEKLY)); // no claim of that cadence
      asked.add(new PeriodClaims.Schedule(2, "s3", Cadence.WEEKLY));
      asked.add(new PeriodClaims.Schedule(3, "s3", Cadence.DAILY)); // never claimed
      // more than one statement's worth of schedules without claims
      for (long env = 100; env < 100 + PeriodClaims.SCHEDULES_PER_STATEMENT; env++) {
        asked.add(new PeriodClaims.Schedule(env, "s3", Cadence.DAILY));
      }
      claim(100 + PeriodClaims.SCHEDULES_PER_STATEMENT - 1, "s3", Cadence.DAILY, DAY);

      Map<String, LocalDate> latest = claims().latestPeriods(asked);

      assertEquals(
          Map.of(
              PeriodClaims.key(1, "s3", Cadence.DAILY), DAY.plusDays(10),
              PeriodClaims.key(1, "postgresql", Cadence.DAILY), DAY.plusDays(5),
              PeriodClaims.key(2, "s3", Cadence.WEEKLY), DAY.minusDays(3),
              PeriodClaims.key(100 + PeriodClaims.SCHEDULES_PER_STATEMENT - 1, "s3", Cadence.DAILY),
                  DAY),
          latest);
      assertEquals(Map.of(), claims().latestPeriods(List.of()));
    }

    /**
     * Exactly one claim of a period wins; a lost race answers false (on PostgreSQL an insert of
     * nothing, on H2 the duplicate key) and leaves the winner's claim as it was.
     */
    @Test
    void aPeriodIsClaimedOnceAndALostRaceIsAnAnswerNotAnError() {
      PeriodId id = new PeriodId(1, "s3", Cadence.DAILY, DAY);
      assertTrue(claims().claim(id, "a", 1L));
      assertFalse(claims().claim(id, "b", 2L));
      assertFalse(claims().claimRequested(id, "b", 3L));
      PeriodClaim kept = claims().find(id).orElseThrow();
      assertEquals("a", kept.claimedBy());
      assertEquals(1L, kept.claimedAt().toEpochMilli());
      assertTrue(claims().claim(new PeriodId(1, "s3", Cadence.DAILY, DAY.plusDays(1)), "b", 4L));
    }

    /**
     * A tick records a midnight's landed exports in batches: only claims still on the execution
     * that landed, and not landed already, change (and are answered, so each outcome fires once).
     */
    @Test
    void landedClaimsAreRecordedInBatchesOnlyWhereTheAttemptStillHoldsTheClaim() {
      int n = PeriodClaims.LANDED_PER_BATCH + 3; // more than one batch
      Map<PeriodId, Long> landed = new java.util.LinkedHashMap<>();
      for (int env = 1; env <= n; env++) {
        PeriodId id = new PeriodId(env, "s3", Cadence.DAILY, DAY);
        claim(env, "s3", Cadence.DAILY, DAY);
        assertTrue(claims().attach(id, null, 1000L + env));
        landed.put(id, 1000L + env);
      }
      PeriodId movedOn = new PeriodId(2, "s3", Cadence.DAILY, DAY);
      landed.put(movedOn, 1L); // another attempt holds this claim now
      PeriodId settledBefore = new PeriodId(3, "s3", Cadence.DAILY, DAY);
      assertTrue(claims().markLanded(settledBefore, 1003L));
      PeriodId neverClaimed = new PeriodId(n + 1, "s3", Cadence.DAILY, DAY);
      landed.put(neverClaimed, 5L);

      java.util.Set<PeriodId> won = claims().markLanded(landed);

      assertEquals(n - 2, won.size());
      assertFalse(won.contains(movedOn));
      assertFalse(won.contains(settledBefore), "landed before: no second outcome");
      assertFalse(won.contains(neverClaimed));
      assertEquals(
          ClaimState.LANDED,
          claims().find(new PeriodId(n, "s3", Cadence.DAILY, DAY)).orElseThrow().state());
      assertEquals(ClaimState.STARTED, claims().find(movedOn).orElseThrow().state());
      assertEquals(java.util.Set.of(), claims().markLanded(landed), "once only");
    }

    @Test
    void theNewestClaimsInAStateAtMostTheLimit() {
      for (int d = 0; d < 5; d++) {
        claim(1, "s3", Cadence.DAILY, DAY.plusDays(d));
      }
      claim(1, "postgresql", Cadence.DAILY, DAY.plusDays(9));
      List<PeriodClaim> newest = claims().inState(1, "s3", ClaimState.STARTED, 2);
      assertEquals(
          List.of(DAY.plusDays(4), DAY.plusDays(3)),
          newest.stream().map(PeriodClaim::period).toList());
    }
  }

  @Nested
  class OnH2 extends Cases {
    private final DataSource ds = TestDatabases.h2();

    @Override
    DataSource ds() {
      return ds;
    }
  }

  @Nested
  class OnPostgresql extends Cases {
    private PGSimpleDataSource ds;

    @Override
    DataSource ds() {
      if (ds == null) {
        ds = TestDatabases.postgresql();
      }
      return ds;
    }

    @AfterEach
    void drop() throws SQLException {
      TestDatabases.drop(ds);
    }
  }
}
