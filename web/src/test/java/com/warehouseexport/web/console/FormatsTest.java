package com.warehouseexport.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void bytesUseDecimalUnits() {
    assertEquals("0 B", Formats.bytes(0));
    assertEquals("999 B", Formats.bytes(999));
    assertEquals("1.0 kB", Formats.bytes(1000));
    assertEquals("1.5 MB", Formats.bytes(1_500_000));
    assertEquals("1.0 MB", Formats.bytes(999_999));
    assertEquals("2.3 GB", Formats.bytes(2_300_000_000L));
  }

  @Test
  void durations() {
    assertNull(Formats.duration(null));
    assertEquals("0.4 s", Formats.duration(Duration.ofMillis(420)));
    assertEquals("12 s", Formats.duration(Duration.ofSeconds(12)));
    assertEquals("3 min 05 s", Formats.duration(Duration.ofSeconds(185)));
    assertEquals("2 h 03 min", Formats.duration(Duration.ofMinutes(123)));
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(Duration.ofSeconds(30), Formats.between(start, null, start.plusSeconds(30)));
  }

  @Test
  void labels() {
    assertEquals("30 days, daily granularity", Formats.aggregation("30-days-daily"));
    assertEquals("odd", Formats.aggregation("odd"));
    assertEquals("Completed", Formats.status("COMPLETED"));
    assertEquals("12,345", Formats.count(12345));
    assertEquals("2026-01-02 03:04 UTC", Formats.instant(Instant.parse("2026-01-02T03:04:05Z")));
    assertEquals(
        "2026-01-02 03:04:05 UTC", Formats.instantSeconds(Instant.parse("2026-01-02T03:04:05Z")));
    assertEquals(
        "2026-01-02 03:04:00 UTC", Formats.instantSeconds(Instant.parse("2026-01-02T03:04:00Z")));
    assertEquals("2026-01-02T03:04:00Z", Formats.iso(Instant.parse("2026-01-02T03:04:00Z")));
    assertEquals("", Formats.instantSeconds(null));
    assertEquals("", Formats.iso(null));
  }

  @Test
  void chartHasOneBarPerExecutionAndOnlyNumbers() {
    String svg =
        HistoryChart.svg(
            List.of(
                new HistoryChart.Point(7, 100, 1.5, false),
                new HistoryChart.Point(8, 0, 0.2, true),
                new HistoryChart.Point(9, 250, 3, false)));
    assertTrue(svg.startsWith("<svg"));
    assertTrue(svg.endsWith("</svg>"));
    assertEquals(3, svg.split("<rect ", -1).length - 1);
    assertTrue(svg.contains("#9"));
    assertTrue(svg.contains("class=\"bar failed\""));
    assertTrue(svg.contains("<path class=\"duration\" d=\"M"));
    assertFalse(svg.contains("NaN"));
    assertTrue(HistoryChart.svg(List.of()).contains("No exports yet"));
  }

  @Test
  void periodListsStayShort() {
    java.time.LocalDate d = java.time.LocalDate.parse("2026-11-20");
    assertEquals("2026-11-20", Formats.periods(List.of(d)));
    assertEquals(
        "2026-11-20, 2026-11-21 and 2026-11-22",
        Formats.periods(List.of(d, d.plusDays(1), d.plusDays(2))));
    List<java.time.LocalDate> many =
        java.util.stream.IntStream.range(0, 9).mapToObj(d::plusDays).toList();
    assertEquals("2026-11-20 … 2026-11-28 (9 periods)", Formats.periods(many));
  }

  @Test
  void aLongPathIsCutAfterEachSlashSoItWrapsAtAFolder() {
    assertEquals(
        List.of("s3:/", "/", "b/", "exports/", "daily/", "x.csv"),
        Formats.cutAfterSlashes("s3://b/exports/daily/x.csv"));
    assertEquals(List.of("b/", "folder/"), Formats.cutAfterSlashes("b/folder/"));
    assertEquals(List.of("x.csv"), Formats.cutAfterSlashes("x.csv"));
    assertEquals(List.of(), Formats.cutAfterSlashes(""));
  }

  @Test
  void itemsAreListedAsASentenceListsThem() {
    assertEquals("", Formats.list(List.of()));
    assertEquals("a", Formats.list(List.of("a")));
    assertEquals("a and b", Formats.list(List.of("a", "b")));
    assertEquals("a, b and c", Formats.list(List.of("a", "b", "c")));
  }
}
