package com.warehouseexport.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CadenceTest {

  @ParameterizedTest
  @CsvSource({"daily, DAILY", "weekly, WEEKLY", "' Weekly ', WEEKLY", "DAILY, DAILY"})
  void fromIdAcceptsIdsCaseInsensitively(String id, Cadence expected) {
    assertEquals(expected, Cadence.fromId(id));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "hourly", "day", "monthly"})
  void fromIdRejectsUnknownIds(String id) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cadence.fromId(id));
    assertTrue(e.getMessage().contains("'daily' or 'weekly'"), e.getMessage());
  }

  @Test
  void idsAreStable() {
    assertEquals("daily", Cadence.DAILY.id());
    assertEquals("weekly", Cadence.WEEKLY.id());
    for (Cadence c : Cadence.values()) {
      assertEquals(c, Cadence.fromId(c.id()));
    }
  }

  @Test
  void weeklyPeriodsAreSundays() {
    assertTrue(Cadence.WEEKLY.isValidPeriod(LocalDate.of(2026, 11, 29)));
    assertFalse(Cadence.WEEKLY.isValidPeriod(LocalDate.of(2026, 11, 30)));
    assertTrue(Cadence.DAILY.isValidPeriod(LocalDate.of(2026, 11, 30)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Cadence.WEEKLY.requireValidPeriod(LocalDate.of(2026, 11, 26)));
    assertEquals("A weekly period must be a Sunday, but 2026-11-26 is a THURSDAY", e.getMessage());
  }
}
