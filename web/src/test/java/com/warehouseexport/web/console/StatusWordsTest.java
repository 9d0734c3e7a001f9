package com.warehouseexport.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.warehouseexport.export.automatic.ExportStatusView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status block's words for each state an admin can meet (PRODUCT.md §5). */
class StatusWordsTest {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-11-28");

  private static ExportStatusView status(
      String status,
      Instant lastRunAt,
      Instant nextRunAt,
      String pausedReason,
      ExportStatusView.Retry retry,
      List<LocalDate> failed,
      List<LocalDate> missed,
      boolean autoPaused,
      List<LocalDate> paused) {
    return new ExportStatusView(
        lastRunAt,
        status,
        nextRunAt,
        null,
        false,
        pausedReason,
        null,
        retry,
        failed,
        missed,
        autoPaused,
        paused,
        false);
  }

  private static ExportStatusView plain(String status, Instant lastRunAt, Instant nextRunAt) {
    return status(status, lastRunAt, nextRunAt, null, null, List.of(), List.of(), false, List.of());
  }

  @Test
  void anEnvironmentWithoutStatusNeverRanBefore() {
    assertEquals("never ran before", StatusWords.label(null));
    assertEquals("idle", StatusWords.style(StatusWords.label(null)));
    assertEquals("—", StatusWords.lastRun(null));
    assertEquals("—", StatusWords.nextRun(null, NOW));
    assertNull(StatusWords.retry(null, NOW));
    assertNull(StatusWords.failed(null));
    assertNull(StatusWords.missed(null));
    assertNull(StatusWords.pausedPeriods(null));
  }

  @Test
  void eachStatusHasItsBadge() {
    assertEquals("complete", StatusWords.style(ExportStatusView.SUCCESSFUL));
    assertEquals("failed", StatusWords.style(ExportStatusView.FAILED));
    assertEquals("failed", StatusWords.style(ExportStatusView.PAUSED));
    assertEquals("idle", StatusWords.style(ExportStatusView.NEVER));
  }

  @Test
  void timesAreInUtcToTheMinuteAndTheImminentOneReadsWithinAMinute() {
    ExportStatusView s =
        plain(
            ExportStatusView.SUCCESSFUL,
            Instant.parse("2026-11-29T00:01:07Z"),
            Instant.parse("2026-11-30T00:00:00Z"));
    assertEquals("successful", StatusWords.label(s));
    assertEquals("2026-11-29 00:01 UTC", StatusWords.lastRun(s));
    assertEquals("2026-11-30 00:00 UTC", StatusWords.nextRun(s, NOW));
    assertEquals(
        "within a minute",
        StatusWords.nextRun(plain(ExportStatusView.SUCCESSFUL, null, NOW.plusSeconds(60)), NOW));
    assertEquals(
        "2026-11-29 10:01 UTC",
        StatusWords.nextRun(plain(ExportStatusView.SUCCESSFUL, null, NOW.plusSeconds(61)), NOW));
    assertEquals(
        "within a minute",
        StatusWords.nextRun(plain(ExportStatusView.SUCCESSFUL, null, NOW.minusSeconds(5)), NOW));
  }

  @Test
  void aPausedScheduleSaysWhyThereIsNoNextRun() {
    ExportStatusView s =
        status(
            ExportStatusView.PAUSED,
            null,
            null,
            "paused after 3 failed attempts",
            null,
            List.of(),
            List.of(),
            true,
            List.of(DAY));
    assertEquals("— (paused after 3 failed attempts)", StatusWords.nextRun(s, NOW));
    assertEquals("Waiting: 2026-11-28. Resume exports them.", StatusWords.pausedPeriods(s));
  }

  @Test
  void aPendingRetryNamesItsPeriodAttemptAndTime() {
    ExportStatusView.Retry later = new ExportStatusView.Retry(2, 2, DAY, NOW.plusSeconds(3600));
    ExportStatusView.Retry soon = new ExportStatusView.Retry(1, 0, DAY, NOW.plusSeconds(30));
    assertEquals(
        "2 periods wait for another attempt; the next one (2026-11-28, attempt 3) runs at"
            + " 2026-11-29 11:00 UTC.",
        StatusWords.retry(retrying(later), NOW));
    assertEquals(
        "1 period waits for another attempt; the next one (2026-11-28, attempt 1) runs within a"
            + " minute.",
        StatusWords.retry(retrying(soon), NOW));
  }

  @Test
  void failedPeriodsSayWhatTriesThemAgain() {
    List<LocalDate> failed = List.of(DAY, DAY.plusDays(1));
    assertEquals(
        "2026-11-28 and 2026-11-29 — not delivered; saving the settings tries again.",
        StatusWords.failed(periods(ExportStatusView.FAILED, failed, List.of(), false)));
    assertEquals(
        "2026-11-28 and 2026-11-29 — not delivered; Resume tries them again.",
        StatusWords.failed(periods(ExportStatusView.PAUSED, failed, List.of(), true)));
  }

  @Test
  void missedPeriodsPointToTheOperator() {
    assertEquals(
        "2026-11-28 — outside the look-back window, not exported automatically (an operator can"
            + " export them).",
        StatusWords.missed(periods(ExportStatusView.SUCCESSFUL, List.of(), List.of(DAY), false)));
  }

  private static ExportStatusView retrying(ExportStatusView.Retry retry) {
    return status(
        ExportStatusView.FAILED, null, null, null, retry, List.of(), List.of(), false, List.of());
  }

  private static ExportStatusView periods(
      String status, List<LocalDate> failed, List<LocalDate> missed, boolean autoPaused) {
    return status(status, null, null, null, null, failed, missed, autoPaused, List.of());
  }
}
