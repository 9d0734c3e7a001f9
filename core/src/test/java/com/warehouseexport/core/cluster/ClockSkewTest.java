package com.warehouseexport.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClockSkewTest {

  @Test
  void theOffsetIsTheDatabaseClockMinusTheNodesAtTheMiddleOfTheRoundTrip() {
    assertEquals(0, ClockSkew.offsetMillis(1_000, 1_005, 1_010));
    assertEquals(300_000, ClockSkew.offsetMillis(1_000, 301_005, 1_010), "node 5 min behind");
    assertEquals(-300_000, ClockSkew.offsetMillis(301_000, 1_005, 301_010), "node 5 min ahead");
    assertEquals(2, ClockSkew.offsetMillis(1_000, 1_003, 1_003), "an odd round trip rounds down");
  }

  @Test
  void onlyASkewBeyondTwoSecondsIsWorthTellingTheOperator() {
    assertFalse(ClockSkew.worthWarning(0));
    assertFalse(ClockSkew.worthWarning(2_000));
    assertFalse(ClockSkew.worthWarning(-2_000));
    assertTrue(ClockSkew.worthWarning(2_001));
    assertTrue(ClockSkew.worthWarning(-2_001));
  }

  @Test
  void theWarningSaysWhichWayHowFarAndWhatToFix() {
    String behind = ClockSkew.warning(300_000);
    assertTrue(behind.startsWith("This node's clock is 300.0 s behind the database's:"), behind);
    assertTrue(behind.endsWith("Fix the node's time synchronisation (NTP)."), behind);
    assertTrue(ClockSkew.warning(-2_500).startsWith("This node's clock is 2.5 s ahead of the"));
  }
}
