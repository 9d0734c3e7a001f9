package com.warehouseexport.core.schedule;

import static com.warehouseexport.core.schedule.Cadence.DAILY;
import static com.warehouseexport.core.schedule.Cadence.WEEKLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.warehouseexport.core.schedule.DeliveryCalendar.Cell;
import com.warehouseexport.core.schedule.DeliveryCalendar.Claim;
import com.warehouseexport.core.schedule.DeliveryCalendar.ClaimState;
import com.warehouseexport.core.schedule.DeliveryCalendar.Facts;
import com.warehouseexport.core.schedule.DeliveryCalendar.Run;
import com.warehouseexport.core.schedule.DeliveryCalendar.State;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryCalendarTest {

  private final DeliveryCalendar calendar = new DeliveryCalendar(new ExportSchedule());

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static Cell cell(List<Cell> cells, String period) {
    return cells.stream().filter(c -> c.period().equals(d(period))).findFirst().orElseThrow();
  }

  @Test
  void dailyCalendarIsSixtyDaysEndingWithTheDayThatHasNotEnded() {
    List<LocalDate> periods = calendar.periods(DAILY, Instant.parse("2026-12-03T10:00:00Z"));
    assertEquals(60, periods.size());
    assertEquals(d("2026-12-03"), periods.get(59));
    assertEquals(d("2026-10-05"), periods.get(0));
  }

  @Test
  void withinTheGraceDelayYesterdayIsNotDueYet() {
    List<LocalDate> periods = calendar.periods(DAILY, Instant.parse("2026-12-03T00:10:00Z"));
    assertEquals(d("2026-12-02"), periods.get(59), "yesterday runs at 00:15");
    List<Cell> cells =
        calendar.cells(
            DAILY,
            Instant.parse("2026-12-03T00:10:00Z"),
            new Facts(true, false, d("2026-11-01"), d("2026-12-01"), 14),
            Map.of());
    assertEquals(State.NOT_DUE, cell(cells, "2026-12-02").state());
  }

  @Test
  void weeklyCalendarIsTwentySixSundays() {
    // Thursday 2026-12-03: the week ending Sunday 2026-11-29 is the newest due one.
    List<LocalDate> periods = calendar.periods(WEEKLY, Instant.parse("2026-12-03T10:00:00Z"));
    assertEquals(26, periods.size());
    assertEquals(d("2026-12-06"), periods.get(25));
    assertEquals(d("2026-06-14"), periods.get(0));
    periods.forEach(p -> assertEquals(DayOfWeek.SUNDAY, p.getDayOfWeek(), p.toString()));
  }

  @Test
  void cellsFollowTheClaimsAndTheSchedule() {
    Instant now = Instant.parse("2026-12-03T10:00:00Z");
    Map<LocalDate, Claim> claims = new HashMap<>();
    claims.put(
        d("2026-11-25"),
        new Claim(d("2026-11-25"), ClaimState.LANDED, 11L, 1, Run.COMPLETED, null));
    claims.put(
        d("2026-11-26"),
        new Claim(d("2026-11-26"), ClaimState.RETRYING, 12L, 2, Run.FAILED, "Access denied"));
    claims.put(
        d("2026-11-27"), new Claim(d("2026-11-27"), ClaimState.FAILED, 13L, 9, Run.FAILED, "x"));
    claims.put(
        d("2026-11-28"), new Claim(d("2026-11-28"), ClaimState.STARTED, 14L, 1, Run.RUNNING, null));
    claims.put(
        d("2026-11-29"),
        new Claim(d("2026-11-29"), ClaimState.STARTED, 15L, 1, Run.COMPLETED, null));
    claims.put(
        d("2026-11-30"), new Claim(d("2026-11-30"), ClaimState.STARTED, -7L, 0, Run.NONE, null));
    claims.put(
        d("2026-11-10"), new Claim(d("2026-11-10"), ClaimState.MISSED, null, 0, Run.NONE, null));
    claims.put(
        d("2026-11-30"), new Claim(d("2026-11-30"), ClaimState.STARTED, -7L, 0, Run.NONE, null));
    List<Cell> cells =
        calendar.cells(
            DAILY, now, new Facts(true, false, d("2026-11-01"), d("2026-11-30"), 14), claims);
    assertEquals(60, cells.size());
    Cell landed = cell(cells, "2026-11-25");
    assertEquals(State.LANDED, landed.state());
    assertEquals(11L, landed.executionId());
    Cell retrying = cell(cells, "2026-11-26");
    assertEquals(State.RETRYING, retrying.state());
    assertEquals(2, retrying.attempts());
    assertEquals("Access denied", retrying.error());
    assertEquals(State.FAILED, cell(cells, "2026-11-27").state());
    assertEquals(State.EXPORTING, cell(cells, "2026-11-28").state());
    assertEquals(State.LANDED, cell(cells, "2026-11-29").state(), "completed, not yet marked");
    Cell queued = cell(cells, "2026-11-30");
    assertEquals(State.QUEUED, queued.state());
    assertNull(queued.executionId(), "a placeholder is no execution");
    assertEquals(State.MISSED, cell(cells, "2026-11-10").state());
    // After the newest claim: due and in the window → queued for the next tick.
    assertEquals(State.QUEUED, cell(cells, "2026-12-01").state());
    assertEquals(State.QUEUED, cell(cells, "2026-12-02").state());
    assertEquals(State.NOT_DUE, cell(cells, "2026-12-03").state());
    // Before automatic export began, or a gap before the newest claim: not exported.
    assertEquals(State.NOT_EXPORTED, cell(cells, "2026-10-31").state());
    assertEquals(State.NOT_EXPORTED, cell(cells, "2026-11-05").state());
  }

  @Test
  void eligiblePeriodsOutsideTheLookBackWindowAreMissed() {
    Instant now = Instant.parse("2026-12-03T10:00:00Z");
    List<Cell> cells =
        calendar.cells(DAILY, now, new Facts(true, false, d("2026-11-01"), null, 14), Map.of());
    assertEquals(State.QUEUED, cell(cells, "2026-11-19").state(), "the 14th newest due day");
    assertEquals(State.MISSED, cell(cells, "2026-11-18").state());
    assertEquals(State.MISSED, cell(cells, "2026-11-01").state());
    assertEquals(State.NOT_EXPORTED, cell(cells, "2026-10-31").state());
  }

  @Test
  void pausedOrSwitchedOff() {
    Instant now = Instant.parse("2026-12-03T10:00:00Z");
    Facts paused = new Facts(true, true, d("2026-11-01"), d("2026-11-30"), 14);
    Map<LocalDate, Claim> claims =
        Map.of(
            d("2026-12-01"),
            new Claim(d("2026-12-01"), ClaimState.PAUSED, null, 0, Run.NONE, null));
    List<Cell> cells = calendar.cells(DAILY, now, paused, claims);
    assertEquals(State.PAUSED, cell(cells, "2026-12-01").state());
    assertEquals(State.PAUSED, cell(cells, "2026-12-02").state(), "due while paused");
    assertEquals(State.NOT_DUE, cell(cells, "2026-12-03").state());

    // Nothing starts while paused: a period waiting for its retry, or queued by a backfill, waits
    // for Resume and says so (with its attempts and last error); landed and failed stay what they
    // are.
    Map<LocalDate, Claim> open =
        Map.of(
            d("2026-11-27"),
            new Claim(d("2026-11-27"), ClaimState.RETRYING, 7L, 4, Run.FAILED, "bucket gone"),
            d("2026-11-28"),
            new Claim(d("2026-11-28"), ClaimState.STARTED, null, 0, Run.NONE, null),
            d("2026-11-29"),
            new Claim(d("2026-11-29"), ClaimState.FAILED, 8L, 9, Run.FAILED, "bucket gone"),
            d("2026-11-30"),
            new Claim(d("2026-11-30"), ClaimState.LANDED, 9L, 1, Run.COMPLETED, null));
    List<Cell> frozen = calendar.cells(DAILY, now, paused, open);
    Cell waiting = cell(frozen, "2026-11-27");
    assertEquals(State.PAUSED, waiting.state());
    assertEquals(4, waiting.attempts());
    assertEquals("bucket gone", waiting.error());
    assertEquals(State.PAUSED, cell(frozen, "2026-11-28").state(), "queued by a backfill");
    assertEquals(State.FAILED, cell(frozen, "2026-11-29").state());
    assertEquals(State.LANDED, cell(frozen, "2026-11-30").state());
    Facts running = new Facts(true, false, d("2026-11-01"), d("2026-11-30"), 14);
    assertEquals(
        State.RETRYING, cell(calendar.cells(DAILY, now, running, open), "2026-11-27").state());

    Facts off = new Facts(false, false, d("2026-11-01"), d("2026-11-30"), 14);
    assertEquals(
        State.NOT_EXPORTED, cell(calendar.cells(DAILY, now, off, Map.of()), "2026-12-02").state());
  }

  @Test
  void statesHaveWordsAndIds() {
    assertEquals("not-due", State.NOT_DUE.id());
    assertEquals("not due yet", State.NOT_DUE.label());
    assertEquals("failed for good", State.FAILED.label());
  }
}
