package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.warehouseexport.core.schedule.Cadence;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Export now's period: the newest that has ended, without the schedule's grace delay. */
class ExportNowPeriodTest {

  @Test
  void dailyIsYesterdayEvenWithinTheGraceDelay() {
    assertEquals(
        LocalDate.of(2026, 12, 5),
        ExportNow.period(Cadence.DAILY, Instant.parse("2026-12-06T00:05:00Z")));
    assertEquals(
        LocalDate.of(2026, 12, 5),
        ExportNow.period(Cadence.DAILY, Instant.parse("2026-12-06T23:59:59Z")));
    assertEquals(
        LocalDate.of(2026, 12, 6),
        ExportNow.period(Cadence.DAILY, Instant.parse("2026-12-07T00:00:00Z")));
  }

  @Test
  void weeklyIsTheWeekThatEndedLastSunday() {
    // 2026-12-06 is a Sunday: its week has not ended before Monday 00:00.
    assertEquals(
        LocalDate.of(2026, 11, 29),
        ExportNow.period(Cadence.WEEKLY, Instant.parse("2026-12-06T12:00:00Z")));
    assertEquals(
        LocalDate.of(2026, 12, 6),
        ExportNow.period(Cadence.WEEKLY, Instant.parse("2026-12-07T00:00:00Z")));
    assertEquals(
        LocalDate.of(2026, 12, 6),
        ExportNow.period(Cadence.WEEKLY, Instant.parse("2026-12-12T18:00:00Z")));
  }

  @Test
  void alreadyLandedSaysWhatExportingAgainReplaces() {
    LocalDate day = LocalDate.of(2026, 12, 5);
    String bucket = ExportNow.alreadyLanded(day, 42L, "s3");
    assertEquals(
        "The export of 2026-12-05 already landed (execution 42). Export it again only if you"
            + " want to replace the file.",
        bucket);
    String table = ExportNow.alreadyLanded(day, null, "postgresql");
    assertEquals(
        "The export of 2026-12-05 already landed. Export it again only if you want to replace"
            + " the rows of 2026-12-05 in the table.",
        table);
    org.junit.jupiter.api.Assertions.assertFalse(table.contains("file"), table);
  }

  @Test
  void aPeriodThatLandedAtTheOtherDestinationKindHasNotLandedHere() {
    org.junit.jupiter.api.Assertions.assertTrue(ExportNow.landedAt("postgresql", "postgresql"));
    org.junit.jupiter.api.Assertions.assertTrue(ExportNow.landedAt("s3", "s3"));
    org.junit.jupiter.api.Assertions.assertFalse(ExportNow.landedAt("postgresql", "s3"));
    org.junit.jupiter.api.Assertions.assertFalse(ExportNow.landedAt("s3", "postgresql"));
    org.junit.jupiter.api.Assertions.assertTrue(ExportNow.landedAt("s3", null), "unknown");
  }
}
