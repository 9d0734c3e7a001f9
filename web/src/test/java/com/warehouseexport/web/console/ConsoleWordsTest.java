package com.warehouseexport.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's words for customers: no internal notes, class names or setting names. */
class ConsoleWordsTest {

  @Test
  void theSchedulersNotesBecomeWordsACustomerUnderstands() {
    assertEquals("scheduled export", RunWords.startedBy("s3", "scheduler (unstarted claim)"));
    assertEquals("scheduled export", RunWords.startedBy("s3", "scheduler"));
    assertEquals(
        "scheduled export", RunWords.startedBy("s3", "scheduler (start interrupted, taken over)"));
    assertEquals(
        "backfill or resume (queued)",
        RunWords.startedBy("s3", "scheduler (queued by a backfill or resume)"));
    assertEquals("automatic retry (attempt 3)", RunWords.startedBy("s3", "scheduler (attempt 3)"));
    assertEquals("export by ada", RunWords.startedBy("s3", "ada"));
    assertEquals("", RunWords.startedBy("s3", null));
  }

  @Test
  void alertErrorsNameNoJavaClassAndNoServerSetting() {
    String refused =
        NotificationsView.customerError(
            "Could not reach the receiver: HttpHostConnectException Connect to"
                + " https://127.0.0.1:9 failed: Connection refused");
    assertTrue(refused.startsWith("Could not reach the receiver: the connection was refused"));
    assertFalse(refused.contains("Exception"), refused);
    String smtp =
        NotificationsView.customerError("SMTP is not configured on this server (SMTP_HOST)");
    assertFalse(smtp.contains("SMTP_HOST"), smtp);
    assertTrue(smtp.contains("outgoing mail is not set up"), smtp);
    assertEquals(
        "timed out after 10 s",
        NotificationsView.customerError("java.net.SocketTimeoutException: timed out after 10 s"));
    assertEquals(
        "HTTP 500 from the receiver",
        NotificationsView.customerError("HTTP 500 from the receiver"));
    assertEquals("", NotificationsView.customerError(null));
  }

  @Test
  void aTokenIsListedWithTheDayItWasMadeToExpireOn() {
    // Created with "expires 2027-01-31": it stops working at the end of that day.
    assertEquals(
        "2027-01-31 (end of day, UTC)", TokensView.expiry(Instant.parse("2027-02-01T00:00:00Z")));
    assertEquals("2027-02-01 13:30 UTC", TokensView.expiry(Instant.parse("2027-02-01T13:30:00Z")));
  }

  @Test
  void thePhoneChartIsDrawnNarrowWithDistinctIdsAndFewerLabels() {
    List<HistoryChart.Point> points = new java.util.ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      points.add(new HistoryChart.Point(i, i * 10, i, false));
    }
    String narrow = HistoryChart.narrowSvg(points);
    assertTrue(narrow.contains("viewBox=\"0 0 300 200\""), narrow);
    assertTrue(narrow.contains("id=\"chart-title-narrow\""));
    assertEquals(25, narrow.split("<rect ", -1).length - 1);
    // one label under every 7th bar (the newest always): #25, #18, #11, #4
    assertTrue(narrow.contains(">#25<") && narrow.contains(">#18<") && narrow.contains(">#4<"));
    assertFalse(narrow.contains(">#24<"), "not every bar labelled");
    String wide = HistoryChart.svg(points);
    assertTrue(wide.contains(">#24<"), "the wide chart labels every bar");
  }

  @Test
  void exportAgainSaysWhatItReplacesAtEachDestination() {
    assertEquals("Export again (replace the file)", AutomaticExportView.exportAgainLabel(false));
    String table = AutomaticExportView.exportAgainLabel(true);
    assertEquals("Export again (replace the period’s rows in the table)", table);
    assertFalse(table.contains("file"), table);
  }

  @Test
  void theCalendarSaysWhereALandedPeriodIs() {
    assertEquals("the file is in the bucket", DeliveriesView.legend(false).get(0).meaning());
    assertEquals(
        "the period's rows are in the table", DeliveriesView.legend(true).get(0).meaning());
  }
}
