package com.warehouseexport.core.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataPointTest {

  @Test
  void endOfDayIsTheLastMillisecond() {
    DataPoint point = DataPoint.endOfDay(LocalDate.of(2024, 2, 29));
    assertEquals(Instant.parse("2024-02-29T23:59:59.999Z"), point.end());
    assertTrue(point.includes(Instant.parse("2024-02-29T23:59:59.999Z")));
    assertFalse(point.includes(Instant.parse("2024-03-01T00:00:00Z")));
  }

  @Test
  void asOfUsesTheUtcDate() {
    Instant instant = Instant.parse("2025-12-31T23:30:00Z");
    DataPoint point = DataPoint.asOf(instant);
    assertEquals(LocalDate.of(2025, 12, 31), point.date());
    assertTrue(point.includes(instant));
    assertFalse(point.includes(instant.plusNanos(1)));
  }

  @Test
  void endMustLieWithinTheDate() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DataPoint(LocalDate.of(2026, 1, 4), Instant.parse("2026-01-05T00:00:00Z")));
  }

  @Test
  void usageAndSeenDaysMustMatchTheirInstant() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new UsageDay(LocalDate.of(2026, 1, 4), Instant.parse("2026-01-03T23:59:59Z")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SeenDay(LocalDate.of(2026, 1, 4), Instant.parse("2026-01-05T00:00:00Z")));
  }

  @Test
  void satisfactionAndEnumsMapToTheirNumbers() {
    assertEquals(Satisfaction.NEUTRAL, Satisfaction.of(3));
    assertEquals("very dissatisfied", Satisfaction.of(1).label());
    assertEquals("very satisfied", Satisfaction.of(5).label());
    assertThrows(IllegalArgumentException.class, () -> Satisfaction.of(0));
    assertThrows(IllegalArgumentException.class, () -> Satisfaction.of(6));
    assertEquals(1, StarsState.NEVER.code());
    assertEquals(4, StarsState.CHURNED.code());
    assertEquals("churned", StarsState.CHURNED.label());
    assertEquals(0, Frequency.QUARTERLY.code());
    assertEquals(0, Frequency.INACTIVE.code());
    assertEquals(3, Frequency.DAILY.code());
    assertThrows(IllegalArgumentException.class, () -> new FeedbackEntry("u", Instant.EPOCH, 6));
  }

  @Test
  void historiesRejectUnsortedInput() {
    Instant t = Instant.parse("2026-01-04T10:00:00Z");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FeatureActivity(
                List.of(UsageDay.of(t), UsageDay.of(t.minusSeconds(86_400))), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new FeatureDefinition("k", "n", 6, 5));
  }
}
