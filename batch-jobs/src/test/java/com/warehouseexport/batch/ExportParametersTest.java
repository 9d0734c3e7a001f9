package com.warehouseexport.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.core.usage.DataPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportParametersTest {

  private static final String AS_OF = "2026-11-26T10:15:30Z";

  @Test
  void parsesTheInjectedStrings() {
    ExportParameters p = ExportParameters.parse("42", "snapshot", AS_OF, null);
    assertEquals(42, p.environmentId());
    assertEquals(Aggregation.SNAPSHOT, p.aggregation());
    assertEquals(Instant.parse(AS_OF), p.asOf());
    assertNull(p.period());
  }

  @Test
  void aBlankPeriodIsAManualExport() {
    assertNull(ExportParameters.parse("42", "snapshot", AS_OF, "").period());
    assertNull(ExportParameters.parse("42", "snapshot", AS_OF, "  ").period());
  }

  @Test
  void anAutomaticPeriodHasOneDataPointAtTheEndOfThatDay() {
    ExportParameters p = ExportParameters.parse("42", "snapshot", AS_OF, "2026-11-25");
    assertEquals(LocalDate.of(2026, 11, 25), p.period());
    assertEquals(List.of(DataPoint.endOfDay(LocalDate.of(2026, 11, 25))), p.dataPoints());
    assertEquals(Instant.parse("2026-11-25T23:59:59.999Z"), p.lastInstant());
  }

  @Test
  void theAutomaticPeriodWinsOverTheAggregation() {
    ExportParameters p = ExportParameters.parse("42", "30-days-daily", AS_OF, "2026-11-25");
    assertEquals(1, p.dataPoints().size());
    assertEquals(Instant.parse("2026-11-25T23:59:59.999Z"), p.lastInstant());
  }

  @Test
  void aSnapshotLooksAtTheAsOfInstant() {
    ExportParameters p = ExportParameters.parse("42", "snapshot", AS_OF, null);
    assertEquals(List.of(DataPoint.asOf(Instant.parse(AS_OF))), p.dataPoints());
    assertEquals(Instant.parse(AS_OF), p.lastInstant());
  }

  @Test
  void aManualAggregationHasItsDataPoints() {
    ExportParameters p = ExportParameters.parse("42", "30-days-daily", AS_OF, null);
    List<DataPoint> points = p.dataPoints();
    assertEquals(Aggregation.DAYS_30_DAILY.dataPoints(Instant.parse(AS_OF)), points);
    assertEquals(30, points.size());
    assertEquals(DataPoint.endOfDay(LocalDate.of(2026, 10, 28)), points.get(0));
    assertEquals(DataPoint.asOf(Instant.parse(AS_OF)), points.get(29));
    assertEquals(Instant.parse(AS_OF), p.lastInstant(), "today's point ends at the instant");
  }

  @Test
  void aWeeklyAggregationLooksNoFurtherThanTheLastCompleteSunday() {
    // 2026-11-26 is a Thursday: the last complete week ended on Sunday 2026-11-22.
    ExportParameters p = ExportParameters.parse("42", "3-months-weekly", AS_OF, null);
    assertEquals(13, p.dataPoints().size());
    assertEquals(LocalDate.of(2026, 11, 22), p.dataPoints().get(12).date());
    assertEquals(Instant.parse("2026-11-22T23:59:59.999Z"), p.lastInstant());
  }

  @Test
  void requiredParametersMustBePresent() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExportParameters.parse(null, "snapshot", AS_OF, null));
    assertTrue(e.getMessage().contains("environmentId"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ExportParameters.parse("42", "", AS_OF, null));
    assertThrows(
        IllegalArgumentException.class, () -> ExportParameters.parse("42", "snapshot", null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ExportParameters.parse("42", "no-such-aggregation", AS_OF, null));
  }
}
