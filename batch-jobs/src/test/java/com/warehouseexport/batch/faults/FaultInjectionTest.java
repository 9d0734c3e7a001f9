package com.warehouseexport.batch.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  @Test
  void nothingHappensUnlessEnabled() {
    FaultInjection f = FaultInjection.of(false, "0", "500");
    assertEquals(FaultInjection.NONE, f);
    assertFalse(f.failsChunk(0, 100));
    assertEquals(0, f.pauseMillis(100));
  }

  @Test
  void theDefaultsInjectNoFaults() {
    FaultInjection f = FaultInjection.of(true, "-1", "0");
    assertFalse(f.failsChunk(1_000_000, 25));
    assertEquals(0, f.pauseMillis(25));
    assertEquals(FaultInjection.NONE, FaultInjection.of(true, null, ""));
  }

  @Test
  void failsTheChunkThatWouldGoPastTheLimit() {
    // chunks of 2, fail after 5: companies 1-2 and 3-4 are committed, the chunk with 5-6 fails.
    FaultInjection f = FaultInjection.of(true, "5", null);
    assertFalse(f.failsChunk(0, 2));
    assertFalse(f.failsChunk(2, 2));
    assertTrue(f.failsChunk(4, 2));
    assertFalse(f.failsChunk(4, 1), "exactly the limit is still written");
    assertTrue(FaultInjection.of(true, "0", null).failsChunk(0, 1));
  }

  @Test
  void pausesPerCompanyWritten() {
    FaultInjection f = FaultInjection.of(true, null, "200");
    assertEquals(1_000, f.pauseMillis(5));
    assertEquals(0, FaultInjection.of(true, null, "-5").pauseMillis(5), "never negative");
  }
}
