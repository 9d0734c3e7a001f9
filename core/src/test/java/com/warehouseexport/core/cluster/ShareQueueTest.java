package com.warehouseexport.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.cluster.ShareOrder.Placed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareQueueTest {

  /** A due period of an environment's schedule. */
  private record Due(String env, int day) {}

  private static Placed<Due> own(String env, int day) {
    return new Placed<>(new Due(env, day), "a", true);
  }

  private static Placed<Due> of(String owner, String env, int day) {
    return new Placed<>(new Due(env, day), owner, false);
  }

  private static ShareQueue<Due> queue(List<Placed<Due>> items) {
    return new ShareQueue<>(items, Due::day, Due::env);
  }

  private static List<String> drain(ShareQueue<Due> q) {
    List<String> envs = new ArrayList<>();
    for (Placed<Due> p = q.poll(); p != null; p = q.poll()) {
      envs.add(p.item().env() + "@" + p.item().day());
    }
    return envs;
  }

  @Test
  void aLostClaimInAnotherSharesEndsThatShareInItsPeriodOnly() {
    ShareQueue<Due> q =
        queue(
            List.of(
                of("b", "b1", 1),
                of("b", "b2", 1),
                of("b", "b3", 1),
                of("c", "c1", 1),
                of("b", "b4", 2)));
    Placed<Due> first = q.poll();
    q.lost(first);
    assertEquals(List.of("c1@1", "b4@2"), drain(q), "b's period-1 share is b's; c's is not");
  }

  @Test
  void aLostClaimInTheOwnShareGoesOn() {
    ShareQueue<Due> q = queue(List.of(own("a1", 1), own("a2", 1), own("a3", 1)));
    q.lost(q.poll());
    assertEquals(List.of("a2@1", "a3@1"), drain(q));
  }

  /** Issue 20: a later period is never handed out ahead of an earlier one left unclaimed. */
  @Test
  void theLaterPeriodsOfASkippedScheduleWaitForTheNextPass() {
    ShareQueue<Due> q =
        queue(
            List.of(
                of("b", "x", 1),
                of("b", "y", 1), // dropped with the rest of b's share: y's day 2 must wait
                own("z", 1),
                own("y", 2),
                own("z", 2)));
    q.lost(q.poll());
    assertEquals(List.of("z@1", "z@2"), drain(q));
    assertTrue(q.isEmpty());
  }

  @Test
  void aPeriodPutBackIsNextAgain() {
    ShareQueue<Due> q = queue(List.of(own("a1", 1), own("a2", 1)));
    Placed<Due> first = q.poll();
    q.putBack(first);
    assertEquals(2, q.size());
    assertEquals(first, q.poll());
    assertEquals("a2", q.poll().item().env());
    assertNull(q.poll());
    assertNull(ShareQueue.<Due>empty().poll());
  }
}
