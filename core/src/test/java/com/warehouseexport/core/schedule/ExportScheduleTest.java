package com.warehouseexport.core.schedule;

import static com.warehouseexport.core.schedule.Cadence.DAILY;
import static com.warehouseexport.core.schedule.Cadence.WEEKLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportScheduleTest {

  private final ExportSchedule schedule = new ExportSchedule();

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static Instant i(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void defaultGraceIsFifteenMinutes() {
    assertEquals(Duration.ofMinutes(15), ExportSchedule.DEFAULT_GRACE);
    assertEquals(ExportSchedule.DEFAULT_GRACE, schedule.grace());
  }

  @Test
  void negativeGraceIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ExportSchedule(Duration.ofSeconds(-1)));
  }

  @ParameterizedTest
  @CsvSource({
    "DAILY, 2026-11-26, 2026-11-27T00:00:00Z, 2026-11-27T00:15:00Z",
    "DAILY, 2026-11-30, 2026-12-01T00:00:00Z, 2026-12-01T00:15:00Z",
    "DAILY, 2026-12-31, 2027-01-01T00:00:00Z, 2027-01-01T00:15:00Z",
    "DAILY, 2028-02-28, 2028-02-29T00:00:00Z, 2028-02-29T00:15:00Z",
    "DAILY, 2028-02-29, 2028-03-01T00:00:00Z, 2028-03-01T00:15:00Z",
    "WEEKLY, 2026-11-29, 2026-11-30T00:00:00Z, 2026-11-30T00:15:00Z",
    "WEEKLY, 2027-01-03, 2027-01-04T00:00:00Z, 2027-01-04T00:15:00Z",
    "WEEKLY, 2027-01-31, 2027-02-01T00:00:00Z, 2027-02-01T00:15:00Z",
    "WEEKLY, 2028-03-05, 2028-03-06T00:00:00Z, 2028-03-06T00:15:00Z",
  })
  void asOfAndRunAt(Cadence cadence, LocalDate period, Instant asOf, Instant runAt) {
    assertEquals(asOf, schedule.asOf(cadence, period));
    assertEquals(runAt, schedule.runAt(cadence, period));
  }

  @Test
  void customGraceShiftsRunAt() {
    ExportSchedule s = new ExportSchedule(Duration.ofHours(2));
    assertEquals(i("2026-11-27T02:00:00Z"), s.runAt(DAILY, d("2026-11-26")));
    ExportSchedule zero = new ExportSchedule(Duration.ZERO);
    assertEquals(i("2026-11-27T00:00:00Z"), zero.runAt(DAILY, d("2026-11-26")));
  }

  @Test
  void weeklyPeriodMustBeASunday() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> schedule.asOf(WEEKLY, d("2027-01-04")));
    assertTrue(e.getMessage().contains("Sunday"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> schedule.runAt(WEEKLY, d("2028-02-29")));
  }

  @ParameterizedTest
  @CsvSource({
    // grace edges: exactly at runAt is due, one ms before is not
    "DAILY, 2026-11-27T00:15:00Z, 2026-11-26",
    "DAILY, 2026-11-27T00:14:59.999Z, 2026-11-25",
    "DAILY, 2026-11-27T00:00:00Z, 2026-11-25",
    "DAILY, 2026-11-27T23:59:59.999Z, 2026-11-26",
    // month end, year end, leap day
    "DAILY, 2026-12-01T00:15:00Z, 2026-11-30",
    "DAILY, 2027-01-01T00:15:00Z, 2026-12-31",
    "DAILY, 2027-01-01T00:14:59.999Z, 2026-12-30",
    "DAILY, 2028-03-01T00:15:00Z, 2028-02-29",
    "DAILY, 2028-03-01T00:14:59.999Z, 2028-02-28",
    // weekly: Monday 00:15 is the edge
    "WEEKLY, 2026-11-30T00:15:00Z, 2026-11-29",
    "WEEKLY, 2026-11-30T00:14:59.999Z, 2026-11-22",
    "WEEKLY, 2026-12-06T23:59:59Z, 2026-11-29",
    "WEEKLY, 2026-12-07T00:15:00Z, 2026-12-06",
    // week spanning New Year (Mon 2026-12-28 .. Sun 2027-01-03)
    "WEEKLY, 2027-01-01T12:00:00Z, 2026-12-27",
    "WEEKLY, 2027-01-04T00:14:59.999Z, 2026-12-27",
    "WEEKLY, 2027-01-04T00:15:00Z, 2027-01-03",
    "WEEKLY, 2028-02-29T10:00:00Z, 2028-02-27",
  })
  void latestDuePeriod(Cadence cadence, Instant now, LocalDate expected) {
    assertEquals(Optional.of(expected), schedule.latestDuePeriod(cadence, now));
    assertTrue(!schedule.runAt(cadence, expected).isAfter(now));
    assertTrue(schedule.runAt(cadence, nextPeriod(cadence, expected)).isAfter(now));
  }

  @ParameterizedTest
  @CsvSource({
    "DAILY, 2026-11-27T00:14:59.999Z, 2026-11-27T00:15:00Z",
    "DAILY, 2026-11-27T00:15:00Z, 2026-11-28T00:15:00Z",
    "DAILY, 2026-12-31T18:00:00Z, 2027-01-01T00:15:00Z",
    "DAILY, 2028-02-29T00:15:00Z, 2028-03-01T00:15:00Z",
    "DAILY, 2028-02-28T00:15:00Z, 2028-02-29T00:15:00Z",
    "WEEKLY, 2026-11-26T10:00:00Z, 2026-11-30T00:15:00Z",
    "WEEKLY, 2026-11-30T00:14:59.999Z, 2026-11-30T00:15:00Z",
    "WEEKLY, 2026-11-30T00:15:00Z, 2026-12-07T00:15:00Z",
    "WEEKLY, 2026-12-31T10:00:00Z, 2027-01-04T00:15:00Z",
    "WEEKLY, 2028-02-29T00:00:00Z, 2028-03-06T00:15:00Z",
  })
  void nextRunAtIsStrictlyAfterNow(Cadence cadence, Instant now, Instant expected) {
    assertEquals(expected, schedule.nextRunAt(cadence, now));
  }

  @Test
  void nextRunAtOnWeeklyIsAMondayAtGrace() {
    Instant now = i("2027-03-10T08:00:00Z");
    Instant next = schedule.nextRunAt(WEEKLY, now);
    assertEquals(
        DayOfWeek.MONDAY, LocalDate.ofInstant(next, java.time.ZoneOffset.UTC).getDayOfWeek());
    assertEquals(i("2027-03-15T00:15:00Z"), next);
  }

  // ---- duePeriods

  @Test
  void dailyNothingMissedReturnsOnlyTheLatest() {
    assertEquals(
        List.of(d("2026-11-26")),
        schedule.duePeriods(
            DAILY, i("2026-11-27T00:15:00Z"), d("2026-11-25"), d("2026-01-01"), 30));
  }

  @Test
  void dailyAlreadyExportedReturnsNothing() {
    assertEquals(
        List.of(),
        schedule.duePeriods(
            DAILY, i("2026-11-27T09:00:00Z"), d("2026-11-26"), d("2026-01-01"), 30));
    assertEquals(
        List.of(),
        schedule.duePeriods(
            DAILY, i("2026-11-27T00:14:59.999Z"), d("2026-11-25"), d("2026-01-01"), 30));
  }

  @Test
  void dailyMissedPeriodsAcrossYearEndOldestFirst() {
    assertEquals(
        List.of(d("2026-12-30"), d("2026-12-31"), d("2027-01-01")),
        schedule.duePeriods(
            DAILY, i("2027-01-02T03:00:00Z"), d("2026-12-29"), d("2026-01-01"), 30));
  }

  @Test
  void dailyMissedPeriodsAcrossLeapDay() {
    assertEquals(
        List.of(d("2028-02-28"), d("2028-02-29"), d("2028-03-01")),
        schedule.duePeriods(
            DAILY, i("2028-03-02T00:15:00Z"), d("2028-02-27"), d("2028-01-01"), 30));
  }

  @Test
  void dailyLookBackKeepsTheNewestPeriods() {
    assertEquals(
        List.of(d("2026-11-30"), d("2026-12-01"), d("2026-12-02")),
        schedule.duePeriods(DAILY, i("2026-12-03T01:00:00Z"), d("2026-11-01"), d("2026-01-01"), 3));
    assertEquals(
        List.of(d("2026-12-02")),
        schedule.duePeriods(DAILY, i("2026-12-03T01:00:00Z"), null, d("2026-01-01"), 1));
  }

  @Test
  void dailyNeverExportedStartsAtEnabledOn() {
    // settings saved on Thursday 2026-11-26: the first run is the next day, exporting 11-26
    assertEquals(
        List.of(),
        schedule.duePeriods(DAILY, i("2026-11-26T15:00:00Z"), null, d("2026-11-26"), 30));
    assertEquals(
        List.of(d("2026-11-26")),
        schedule.duePeriods(DAILY, i("2026-11-27T00:15:00Z"), null, d("2026-11-26"), 30));
    assertEquals(
        List.of(d("2026-11-26"), d("2026-11-27")),
        schedule.duePeriods(DAILY, i("2026-11-28T06:00:00Z"), null, d("2026-11-26"), 30));
  }

  @Test
  void enabledOnWinsOverAnOlderLastExport() {
    // re-enabled after a pause: periods before enabledOn are not backfilled
    assertEquals(
        List.of(d("2026-11-25"), d("2026-11-26")),
        schedule.duePeriods(
            DAILY, i("2026-11-27T01:00:00Z"), d("2026-10-01"), d("2026-11-25"), 90));
  }

  @Test
  void weeklyNeverExportedStartsWithTheFirstSundayOnOrAfterEnabledOn() {
    // saved on Thursday 2026-11-26: first run Monday 2026-11-30 for the week ending 11-29
    assertEquals(
        List.of(),
        schedule.duePeriods(WEEKLY, i("2026-11-30T00:14:59.999Z"), null, d("2026-11-26"), 10));
    assertEquals(
        List.of(d("2026-11-29")),
        schedule.duePeriods(WEEKLY, i("2026-11-30T00:15:00Z"), null, d("2026-11-26"), 10));
    // enabled on a Sunday: that Sunday is eligible
    assertEquals(
        List.of(d("2026-11-29")),
        schedule.duePeriods(WEEKLY, i("2026-11-30T00:15:00Z"), null, d("2026-11-29"), 10));
    // enabled on a Monday: next Sunday
    assertEquals(
        List.of(),
        schedule.duePeriods(WEEKLY, i("2026-11-30T00:15:00Z"), null, d("2026-11-30"), 10));
  }

  @Test
  void weeklyMissedPeriodsAcrossNewYearAreSundaysOldestFirst() {
    List<LocalDate> due =
        schedule.duePeriods(
            WEEKLY, i("2027-01-12T00:00:00Z"), d("2026-12-20"), d("2026-01-01"), 10);
    assertEquals(List.of(d("2026-12-27"), d("2027-01-03"), d("2027-01-10")), due);
    due.forEach(p -> assertEquals(DayOfWeek.SUNDAY, p.getDayOfWeek()));
  }

  @Test
  void weeklyLookBackBound() {
    assertEquals(
        List.of(d("2027-01-03"), d("2027-01-10")),
        schedule.duePeriods(WEEKLY, i("2027-01-12T00:00:00Z"), null, d("2026-01-01"), 2));
  }

  @Test
  void weeklyAfterSwitchFromDailyUsesTheFirstSundayAfterLastExport() {
    // last (daily) export was Wednesday 2026-12-02; the week ending Sunday 12-06 is still due
    assertEquals(
        List.of(d("2026-12-06")),
        schedule.duePeriods(
            WEEKLY, i("2026-12-08T00:00:00Z"), d("2026-12-02"), d("2026-01-01"), 5));
  }

  @Test
  void duePeriodsValidatesLookBack() {
    assertThrows(
        IllegalArgumentException.class,
        () -> schedule.duePeriods(DAILY, i("2026-12-08T00:00:00Z"), null, d("2026-01-01"), 0));
  }

  @Test
  void duePeriodsResultIsImmutable() {
    List<LocalDate> due =
        schedule.duePeriods(DAILY, i("2026-12-08T00:00:00Z"), null, d("2026-12-01"), 5);
    assertThrows(UnsupportedOperationException.class, () -> due.add(d("2026-12-09")));
  }

  private static LocalDate nextPeriod(Cadence cadence, LocalDate p) {
    return cadence == DAILY ? p.plusDays(1) : p.plusWeeks(1);
  }

  @Test
  void periodsOutsideTheLookBackAreReportedAsMissedNewestFirstLimited() {
    Instant now = i("2026-11-30T06:00:00Z"); // latest due: 2026-11-29
    // enabled 2026-11-10, nothing exported, look-back 14: 11-16..11-29 are due, 11-10..11-15 missed
    assertEquals(
        List.of(
            d("2026-11-10"),
            d("2026-11-11"),
            d("2026-11-12"),
            d("2026-11-13"),
            d("2026-11-14"),
            d("2026-11-15")),
        schedule.missedPeriods(DAILY, now, null, d("2026-11-10"), 14, 100));
    assertEquals(
        List.of(d("2026-11-14"), d("2026-11-15")),
        schedule.missedPeriods(DAILY, now, null, d("2026-11-10"), 14, 2),
        "only the newest ones up to the limit");
    assertEquals(
        List.of(d("2026-11-13"), d("2026-11-14"), d("2026-11-15")),
        schedule.missedPeriods(DAILY, now, d("2026-11-12"), d("2026-11-10"), 14, 100),
        "after the last exported period");
    assertEquals(
        List.of(), schedule.missedPeriods(DAILY, now, d("2026-11-20"), d("2026-11-10"), 14, 100));
    assertEquals(List.of(), schedule.missedPeriods(DAILY, now, null, d("2026-11-20"), 14, 100));
    List<LocalDate> due = schedule.duePeriods(DAILY, now, null, d("2026-11-10"), 14);
    assertEquals(d("2026-11-16"), due.get(0), "missed and due periods meet without a gap");
  }

  @Test
  void weeklyMissedPeriodsAreSundays() {
    Instant now = i("2026-11-30T06:00:00Z"); // Monday: latest due Sunday 2026-11-29
    List<LocalDate> missed = schedule.missedPeriods(WEEKLY, now, null, d("2026-10-01"), 2, 100);
    assertEquals(
        List.of(
            d("2026-10-04"),
            d("2026-10-11"),
            d("2026-10-18"),
            d("2026-10-25"),
            d("2026-11-01"),
            d("2026-11-08"),
            d("2026-11-15")),
        missed);
    missed.forEach(p -> assertEquals(DayOfWeek.SUNDAY, p.getDayOfWeek()));
  }
}
