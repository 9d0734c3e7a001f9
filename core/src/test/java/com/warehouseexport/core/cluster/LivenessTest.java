package com.warehouseexport.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivenessTest {

  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
  private final Liveness liveness = new Liveness(Liveness.DEFAULT_DEAD_AFTER);

  @Test
  void aNodeIsDeadOnlyAfterTwoMinutesUnseen() {
    assertFalse(liveness.isDead(NOW.minusSeconds(30), NOW));
    assertFalse(liveness.isDead(NOW.minusSeconds(120), NOW), "exactly two minutes: not yet");
    assertTrue(liveness.isDead(NOW.minusSeconds(121), NOW));
  }

  @Test
  void takesOverTheExecutionsOfDeadNodesOnly() {
    List<Liveness.Running> running =
        List.of(
            new Liveness.Running(1, "node-a", NOW.minusSeconds(600)),
            new Liveness.Running(2, "node-b", NOW.minusSeconds(600)),
            new Liveness.Running(3, "node-c", NOW.minusSeconds(600)),
            new Liveness.Running(4, "self", NOW.minusSeconds(600)));
    Map<String, Instant> seen =
        Map.of(
            "node-a", NOW.minusSeconds(300), // dead
            "node-b", NOW.minusSeconds(10), // alive
            "node-c", NOW.minusSeconds(119), // alive, just
            "self", NOW.minusSeconds(900)); // never taken over by itself
    assertEquals(List.of(1L), liveness.toTakeOver(running, seen, "self", NOW));
  }

  @Test
  void aNodeWithoutHeartbeatCountsFromTheExecutionsStart() {
    List<Liveness.Running> running =
        List.of(
            new Liveness.Running(1, "ghost", NOW.minusSeconds(30)),
            new Liveness.Running(2, "ghost", NOW.minusSeconds(500)),
            new Liveness.Running(3, null, NOW.minusSeconds(500)));
    assertEquals(List.of(2L), liveness.toTakeOver(running, Map.of(), "self", NOW));
  }

  @Test
  void shortenedForTests() {
    Liveness quick = new Liveness(Duration.ofSeconds(10));
    assertTrue(quick.isDead(NOW.minusSeconds(11), NOW));
    assertThrows(IllegalArgumentException.class, () -> new Liveness(Duration.ZERO));
  }
}
