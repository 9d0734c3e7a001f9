package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.platform.FaultInjection.ChunkFaults;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  @Test
  void nothingHappensUnlessEnabled() {
    ChunkFaults f = ChunkFaults.of(false, "0", "500", "after-write");
    assertEquals(ChunkFaults.NONE, f);
    assertFalse(f.failsChunk(0, 100));
    assertEquals(0, f.pauseMillis(100));
    assertFalse(f.pauseAfterWrite());
  }

  @Test
  void theDefaultsInjectNoFaults() {
    ChunkFaults f = ChunkFaults.of(true, "-1", "0", "before-write");
    assertFalse(f.failsChunk(1_000_000, 25));
    assertEquals(0, f.pauseMillis(25));
    assertEquals(ChunkFaults.NONE, ChunkFaults.of(true, null, "", null));
  }

  @Test
  void failsTheChunkThatWouldGoPastTheLimit() {
    // chunks of 2, fail after 5: companies 1-2 and 3-4 are committed, the chunk with 5-6 fails.
    ChunkFaults f = ChunkFaults.of(true, "5", null, null);
    assertFalse(f.failsChunk(0, 2));
    assertFalse(f.failsChunk(2, 2));
    assertTrue(f.failsChunk(4, 2));
    assertFalse(f.failsChunk(4, 1), "exactly the limit is still written");
    assertTrue(ChunkFaults.of(true, "0", null, null).failsChunk(0, 1));
  }

  @Test
  void pausesPerCompanyBeforeOrAfterTheWrite() {
    ChunkFaults f = ChunkFaults.of(true, null, "200", null);
    assertEquals(1_000, f.pauseMillis(5));
    assertFalse(f.pauseAfterWrite(), "before the write by default");
    assertTrue(ChunkFaults.of(true, null, "200", " After-Write ").pauseAfterWrite());
    assertEquals(0, ChunkFaults.of(true, null, "-5", null).pauseMillis(5), "never negative");
  }

  @Test
  void anUnknownPausePointIsRefusedNamingBoth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ChunkFaults.of(true, null, "1", "mid-write"));
    assertEquals("pauseAt must be before-write or after-write", e.getMessage());
  }

  @Test
  void aJobWithoutAPauseTakesTheNodesPause() {
    String old = System.getProperty(FaultInjection.NODE_PAUSE_PROPERTY);
    String enabled = System.getProperty(FaultInjection.ENABLED_PROPERTY);
    try {
      System.setProperty(FaultInjection.ENABLED_PROPERTY, "true");
      System.setProperty(FaultInjection.NODE_PAUSE_PROPERTY, "250");
      assertEquals(250, FaultInjection.chunkFaults(null, "0", null).pausePerCompanyMillis());
      assertEquals(40, FaultInjection.chunkFaults(null, "40", null).pausePerCompanyMillis());
      System.clearProperty(FaultInjection.ENABLED_PROPERTY);
      assertEquals(ChunkFaults.NONE, FaultInjection.chunkFaults("1", "40", "after-write"));
    } finally {
      restore(FaultInjection.NODE_PAUSE_PROPERTY, old);
      restore(FaultInjection.ENABLED_PROPERTY, enabled);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
