package com.warehouseexport.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void doublesUpToTheMaximumThenGivesUp() {
    DeliveryBackoff b = new DeliveryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(2), 5);
    assertEquals(Optional.of(T.plusSeconds(30)), b.next(1, T));
    assertEquals(Optional.of(T.plusSeconds(60)), b.next(2, T));
    assertEquals(Optional.of(T.plusSeconds(120)), b.next(3, T));
    assertEquals(Optional.of(T.plusSeconds(120)), b.next(4, T));
    assertTrue(b.next(5, T).isEmpty());
  }

  @Test
  void refusesNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DeliveryBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DeliveryBackoff(Duration.ZERO, Duration.ofMinutes(1), 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DeliveryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0));
  }
}
