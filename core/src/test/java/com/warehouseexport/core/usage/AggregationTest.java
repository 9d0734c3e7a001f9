package com.warehouseexport.core.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AggregationTest {

  private static List<LocalDate> dates(List<DataPoint> points) {
    return points.stream().map(DataPoint::date).toList();
  }

  @Test
  void idsAndLabels() {
    assertEquals("snapshot", Aggregation.SNAPSHOT.id());
    assertEquals("30-days-daily", Aggregation.DAYS_30_DAILY.id());
    assertEquals("3-months-weekly", Aggregation.MONTHS_3_WEEKLY.id());
    assertEquals("6-months-weekly", Aggregation.MONTHS_6_WEEKLY.id());
    assertEquals("Just today's snapshot", Aggregation.SNAPSHOT.label());
    assertEquals("30 days, daily granularity", Aggregation.DAYS_30_DAILY.label());
    assertEquals("3 months, weekly granularity", Aggregation.MONTHS_3_WEEKLY.label());
    assertEquals("6 months, weekly granularity", Aggregation.MONTHS_6_WEEKLY.label());
  }

  @ParameterizedTest
  @EnumSource(Aggregation.class)
  void fromIdRoundTrips(Aggregation aggregation) {
    assertEquals(aggregation, Aggregation.fromId(aggregation.id()));
  }

  @Test
  void fromIdRejectsUnknownIdsListingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Aggregation.fromId("SNAPSHOT"));
    assertTrue(
        e.getMessage().contains("snapshot, 30-days-daily, 3-months-weekly, 6-months-weekly"));
    assertThrows(IllegalArgumentException.class, () -> Aggregation.fromId(null));
  }

  @Test
  void snapshotIsTodayAsOfTheInstant() {
    Instant asOf = Instant.parse("2026-01-04T09:15:00Z");
    assertEquals(
        List.of(new DataPoint(LocalDate.of(2026, 1, 4), asOf)),
        Aggregation.SNAPSHOT.dataPoints(asOf));
  }

  @Test
  void thirtyDaysDailyEndsTodayAsOfNowAcrossAYearBoundary() {
    Instant asOf = Instant.parse("2026-01-04T09:15:00Z");
    List<DataPoint> points = Aggregation.DAYS_30_DAILY.dataPoints(asOf);
    assertEquals(30, points.size());
    assertEquals(LocalDate.of(2025, 12, 6), points.get(0).date());
    assertEquals(Instant.parse("2025-12-06T23:59:59.999Z"), points.get(0).end());
    assertEquals(DataPoint.endOfDay(LocalDate.of(2025, 12, 31)), points.get(25));
    assertEquals(new DataPoint(LocalDate.of(2026, 1, 4), asOf), points.get(29));
    for (int i = 1; i < points.size(); i++) {
      assertEquals(points.get(i - 1).date().plusDays(1), points.get(i).date());
    }
  }

  @Test
  void thirtyDaysDailyOverALeapDay() {
    List<LocalDate> dates =
        dates(Aggregation.DAYS_30_DAILY.dataPoints(Instant.parse("2024-03-01T00:00:00Z")));
    assertEquals(LocalDate.of(2024, 2, 1), dates.get(0));
    assertTrue(dates.contains(LocalDate.of(2024, 2, 29)));
    assertEquals(LocalDate.of(2024, 3, 1), dates.get(29));
    List<LocalDate> nonLeap =
        dates(Aggregation.DAYS_30_DAILY.dataPoints(Instant.parse("2025-03-01T00:00:00Z")));
    assertEquals(LocalDate.of(2025, 1, 31), nonLeap.get(0));
  }

  @ParameterizedTest(name = "{0} -> last Sunday {1}")
  @CsvSource({
    "2026-01-05T00:00:00Z, 2026-01-04", // Monday 00:00: the week just ended is complete
    "2026-01-04T23:59:59.999Z, 2026-01-04", // Sunday's last millisecond: complete
    "2026-01-04T23:59:59.998Z, 2025-12-28", // one millisecond earlier: not yet
    "2026-01-04T09:15:00Z, 2025-12-28", // Sunday mid-day: not complete
    "2026-01-04T00:00:00Z, 2025-12-28", // Sunday 00:00
    "2026-01-03T23:59:59.999Z, 2025-12-28", // Saturday
    "2026-01-07T12:00:00Z, 2026-01-04", // Wednesday
    "2024-03-03T10:00:00Z, 2024-02-25", // Sunday after a leap day
    "2024-03-04T00:00:00Z, 2024-03-03"
  })
  void latestCompleteWeek(Instant asOf, LocalDate lastSunday) {
    List<DataPoint> points = Aggregation.MONTHS_3_WEEKLY.dataPoints(asOf);
    assertEquals(lastSunday, points.get(points.size() - 1).date());
  }

  @ParameterizedTest
  @CsvSource({"MONTHS_3_WEEKLY, 13", "MONTHS_6_WEEKLY, 26"})
  void weeklyGivesConsecutiveSundaysEndingAtTheirLastMillisecond(
      Aggregation aggregation, int weeks) {
    Instant asOf = Instant.parse("2026-01-04T09:15:00Z");
    List<DataPoint> points = aggregation.dataPoints(asOf);
    assertEquals(weeks, points.size());
    for (int i = 0; i < points.size(); i++) {
      DataPoint point = points.get(i);
      assertEquals(DayOfWeek.SUNDAY, point.date().getDayOfWeek());
      assertEquals(DataPoint.endOfDay(point.date()), point);
      assertTrue(!point.end().isAfter(asOf));
      if (i > 0) {
        assertEquals(points.get(i - 1).date().plusWeeks(1), point.date());
      }
    }
    assertEquals(LocalDate.of(2025, 12, 28), points.get(weeks - 1).date());
  }

  @Test
  void threeMonthsWeeklyDates() {
    assertEquals(
        LocalDate.of(2025, 10, 5),
        Aggregation.MONTHS_3_WEEKLY
            .dataPoints(Instant.parse("2026-01-04T09:15:00Z"))
            .get(0)
            .date());
    assertEquals(
        LocalDate.of(2025, 7, 6),
        Aggregation.MONTHS_6_WEEKLY
            .dataPoints(Instant.parse("2026-01-04T09:15:00Z"))
            .get(0)
            .date());
  }
}
