package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RawDataWindowsTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final long DAY = 86_400_000L;

  @Test
  void defaultsAreSevenAndThirtyFiveDays() {
    RawDataWindows w =
        new RawDataWindows(
            RawDataWindows.DEFAULT_LATE_LINK_WINDOW, RawDataWindows.DEFAULT_RETENTION);
    assertEquals(NOW - 7 * DAY, w.lateLinkCutoff(NOW));
    assertEquals(NOW - 35 * DAY, w.retentionCutoff(NOW));
  }

  @Test
  void retentionIsNeverBelowTheLateLinkWindow() {
    RawDataWindows w = new RawDataWindows(Duration.ofDays(10), Duration.ofDays(3));
    assertEquals(Duration.ofDays(10), w.retention());
    assertEquals(NOW - 10 * DAY, w.retentionCutoff(NOW));
  }

  @Test
  void aWindowLongerThanTheEpochCoversEverything() {
    RawDataWindows w =
        new RawDataWindows(Duration.ofSeconds(Long.MAX_VALUE / 2), Duration.ofDays(1));
    assertEquals(Long.MIN_VALUE, w.lateLinkCutoff(NOW));
  }

  @Test
  void aNegativeWindowIsRefused() {
    assertThrows(
        IllegalStateException.class,
        () -> new RawDataWindows(Duration.ofDays(-1), Duration.ofDays(1)));
  }

  @Test
  void zeroWindowsCutAtNow() {
    RawDataWindows w = new RawDataWindows(Duration.ZERO, Duration.ZERO);
    assertEquals(NOW, w.lateLinkCutoff(NOW));
    assertEquals(NOW, w.retentionCutoff(NOW));
  }
}
