package com.warehouseexport.core.input;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBoundsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void trackingTimestampsLieBetween1970AndADayAfterNowInclusive() {
    assertTrue(TimeBounds.isTrackingTimestamp(Instant.EPOCH, NOW));
    assertFalse(TimeBounds.isTrackingTimestamp(Instant.EPOCH.minusMillis(1), NOW));
    assertTrue(TimeBounds.isTrackingTimestamp(NOW, NOW));
    assertTrue(TimeBounds.isTrackingTimestamp(Instant.parse("2026-11-27T12:00:00Z"), NOW));
    assertFalse(TimeBounds.isTrackingTimestamp(Instant.parse("2026-11-27T12:00:00.001Z"), NOW));
  }

  @Test
  void extremeInstantsAreOutOfBounds() {
    assertFalse(TimeBounds.isTrackingTimestamp(Instant.MIN, NOW));
    assertFalse(TimeBounds.isTrackingTimestamp(Instant.MAX, NOW));
    assertFalse(TimeBounds.isTrackingTimestamp(Instant.parse("0000-01-01T00:00:00Z"), NOW));
    assertFalse(TimeBounds.isTrackingTimestamp(Instant.parse("9999-12-31T23:59:59Z"), NOW));
    assertFalse(TimeBounds.isAsOf(Instant.MIN, NOW));
    assertFalse(TimeBounds.isAsOf(Instant.MAX, NOW));
  }

  @Test
  void asOfLiesBetween2000AndNowInclusive() {
    assertTrue(TimeBounds.isAsOf(Instant.parse("2000-01-01T00:00:00Z"), NOW));
    assertFalse(TimeBounds.isAsOf(Instant.parse("1999-12-31T23:59:59.999Z"), NOW));
    assertTrue(TimeBounds.isAsOf(NOW, NOW));
    assertFalse(TimeBounds.isAsOf(NOW.plusMillis(1), NOW));
  }

  @Test
  void messagesNameTheField() {
    assertTrue(TimeBounds.trackingTimestampMessage("timestamp").startsWith("timestamp "));
    assertTrue(TimeBounds.asOfMessage("asOf").startsWith("asOf "));
  }
}
