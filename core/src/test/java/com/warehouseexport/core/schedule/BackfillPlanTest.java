package com.warehouseexport.core.schedule;

import static com.warehouseexport.core.schedule.Cadence.DAILY;
import static com.warehouseexport.core.schedule.Cadence.WEEKLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.schedule.BackfillPlan.Action;
import com.warehouseexport.core.schedule.BackfillPlan.RangeException;
import com.warehouseexport.core.schedule.DeliveryCalendar.ClaimState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

  private static final ExportSchedule SCHEDULE = new ExportSchedule();
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z"); // a Thursday

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static RangeException refused(Cadence cadence, String from, String to, int lookBack) {
    return assertThrows(
        RangeException.class,
        () -> BackfillPlan.check(SCHEDULE, cadence, NOW, d(from), d(to), lookBack));
  }

  @Test
  void onlyPeriodsNeverClaimedAreExported() {
    BackfillPlan plan =
        BackfillPlan.of(
            SCHEDULE,
            DAILY,
            NOW,
            d("2026-11-26"),
            d("2026-12-02"),
            14,
            Map.of(
                d("2026-11-27"), ClaimState.LANDED,
                d("2026-11-28"), ClaimState.RETRYING,
                d("2026-11-29"), ClaimState.FAILED,
                d("2026-11-30"), ClaimState.STARTED));
    assertEquals(7, plan.items().size());
    assertEquals(Action.LANDED, plan.items().get(1).action());
    assertEquals(Action.IN_PROGRESS, plan.items().get(2).action());
    assertEquals(Action.FAILED, plan.items().get(3).action());
    assertEquals(Action.IN_PROGRESS, plan.items().get(4).action());
    assertEquals(List.of(d("2026-11-26"), d("2026-12-01"), d("2026-12-02")), plan.toExport());
  }

  @Test
  void weeklyRangesAreAlignedToSundays() {
    List<LocalDate> periods =
        BackfillPlan.check(SCHEDULE, WEEKLY, NOW, d("2026-11-10"), d("2026-12-02"), 14);
    assertEquals(List.of(d("2026-11-15"), d("2026-11-22"), d("2026-11-29")), periods);
    RangeException none = refused(WEEKLY, "2026-11-23", "2026-11-28", 14);
    assertEquals("from", none.field());
    assertTrue(none.getMessage().contains("Sunday"), none.getMessage());
  }

  @Test
  void theFutureAndTheGraceDelayAreRefused() {
    RangeException today = refused(DAILY, "2026-12-01", "2026-12-03", 14);
    assertEquals("to", today.field());
    assertTrue(today.getMessage().contains("2026-12-02"), today.getMessage());
    // 00:10 UTC: yesterday is still within its grace delay.
    assertThrows(
        RangeException.class,
        () ->
            BackfillPlan.check(
                SCHEDULE,
                DAILY,
                Instant.parse("2026-12-03T00:10:00Z"),
                d("2026-12-01"),
                d("2026-12-02"),
                14));
  }

  @Test
  void rangesOutsideTheLookBackWindowOrTooLongOrReversedAreRefused() {
    RangeException old = refused(DAILY, "2026-11-18", "2026-11-20", 14);
    assertEquals("from", old.field());
    assertTrue(old.getMessage().contains("2026-11-19"), old.getMessage());
    assertEquals(
        14, BackfillPlan.check(SCHEDULE, DAILY, NOW, d("2026-11-19"), d("2026-12-02"), 14).size());

    RangeException tooLong = refused(DAILY, "2026-09-01", "2026-12-02", 365);
    assertEquals("from", tooLong.field());
    assertTrue(tooLong.getMessage().contains("at most 60"), tooLong.getMessage());
    assertEquals(
        60, BackfillPlan.check(SCHEDULE, DAILY, NOW, d("2026-10-04"), d("2026-12-02"), 365).size());

    RangeException reversed = refused(DAILY, "2026-12-01", "2026-11-30", 14);
    assertEquals("to", reversed.field());
    RangeException missing =
        assertThrows(
            RangeException.class,
            () -> BackfillPlan.check(SCHEDULE, DAILY, NOW, d("2026-12-01"), null, 14));
    assertEquals("to", missing.field());
  }
}
