package com.warehouseexport.export.automatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickCapacityTest {

  @Test
  void startsOnlyWhileCapacityIsFreeAndCountsOnlyStartsThatHappened() {
    TickCapacity capacity = new TickCapacity(2);
    AtomicInteger calls = new AtomicInteger();
    assertEquals(OptionalLong.empty(), capacity.start(() -> lost(calls)));
    assertEquals(OptionalLong.of(1), capacity.start(() -> won(calls, 1)));
    assertTrue(capacity.hasFree(), "a lost claim takes no capacity");
    assertEquals(OptionalLong.of(2), capacity.start(() -> won(calls, 2)));
    assertFalse(capacity.hasFree());
    assertFalse(capacity.busy());
    assertEquals(OptionalLong.empty(), capacity.start(() -> won(calls, 3)));
    assertEquals(3, calls.get(), "no start is attempted without capacity");
    assertTrue(capacity.busy());
  }

  @Test
  void aNodeFilledByManualExportsStartsNothing() {
    TickCapacity capacity = new TickCapacity(-1);
    assertFalse(capacity.hasFree());
    assertEquals(OptionalLong.empty(), capacity.start(() -> OptionalLong.of(9)));
    assertTrue(capacity.busy());
  }

  private static OptionalLong lost(AtomicInteger calls) {
    calls.incrementAndGet();
    return OptionalLong.empty();
  }

  private static OptionalLong won(AtomicInteger calls, long execution) {
    calls.incrementAndGet();
    return OptionalLong.of(execution);
  }
}
