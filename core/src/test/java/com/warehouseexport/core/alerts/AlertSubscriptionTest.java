package com.warehouseexport.core.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.alerts.AlertMessage.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertSubscriptionTest {

  @Test
  void namesAreParsedAndStoredInAFixedOrder() {
    Set<Kind> events = AlertSubscription.parse(List.of("export.recovered", "period.failed"));
    assertEquals(EnumSet.of(Kind.PERIOD_FAILED, Kind.RECOVERED), events);
    assertEquals("period.failed,export.recovered", AlertSubscription.column(events));
    assertEquals(events, AlertSubscription.fromColumn("period.failed,export.recovered"));
  }

  @Test
  void absentMeansEveryEventAndOlderTargetsReceiveEverything() {
    assertEquals(AlertSubscription.all(), AlertSubscription.parse(null));
    assertEquals(AlertSubscription.all(), AlertSubscription.fromColumn(null));
    assertEquals(AlertSubscription.all(), AlertSubscription.fromColumn(" "));
    assertEquals("every event", AlertSubscription.describe(AlertSubscription.all()));
  }

  @Test
  void unknownOrNoEventsAreRefusedWithTheChoices() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> AlertSubscription.parse(List.of("test")));
    assertTrue(unknown.getMessage().contains("period.failed, export.paused, export.recovered"));
    assertThrows(IllegalArgumentException.class, () -> AlertSubscription.parse(List.of()));
  }

  @Test
  void aTargetReceivesItsEventsAndEveryTest() {
    Set<Kind> onlyPaused = EnumSet.of(Kind.AUTO_PAUSED);
    assertTrue(AlertSubscription.receives(onlyPaused, Kind.AUTO_PAUSED));
    assertTrue(AlertSubscription.receives(onlyPaused, Kind.TEST));
    assertFalse(AlertSubscription.receives(onlyPaused, Kind.PERIOD_FAILED));
    assertFalse(AlertSubscription.receives(onlyPaused, Kind.RECOVERED));
    assertEquals("automatic export paused itself", AlertSubscription.describe(onlyPaused));
  }
}
