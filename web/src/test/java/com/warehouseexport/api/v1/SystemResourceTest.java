package com.warehouseexport.api.v1;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.warehouseexport.errors.RejectedValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SystemResourceTest {

  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  @Test
  void aTickInTheFutureIsRefusedNamingNow() {
    RejectedValueException e =
        assertThrows(
            RejectedValueException.class,
            () -> SystemResource.requireNotFuture(NOW.plusSeconds(1), NOW, false));
    assertEquals("now", e.field());
  }

  @Test
  void thePastAndThePresentAreFine() {
    assertDoesNotThrow(() -> SystemResource.requireNotFuture(NOW, NOW, false));
    assertDoesNotThrow(() -> SystemResource.requireNotFuture(NOW.minusSeconds(86_400), NOW, false));
  }

  @Test
  void faultInjectionMaySimulateTheFuture() {
    assertDoesNotThrow(() -> SystemResource.requireNotFuture(NOW.plusSeconds(86_400), NOW, true));
  }
}
