package com.warehouseexport.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.cluster.ShareOrder.Placed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShareOrderTest {

  /** A due period: environment and day (the group). */
  private record Due(long env, int day) {
    String key() {
      return env + " s3 daily " + day;
    }
  }

  private static List<Due> midnight(int envs, int day) {
    return IntStream.range(0, envs).mapToObj(e -> new Due(1000 + e, day)).toList();
  }

  private static List<Placed<Due>> order(List<Due> items, List<String> nodes, String self) {
    return ShareOrder.order(items, Due::key, Due::day, nodes, self);
  }

  private static List<Due> items(List<Placed<Due>> placed, boolean own) {
    return placed.stream().filter(p -> p.own() == own).map(Placed::item).toList();
  }

  @Test
  void eachNodeDoesItsOwnShareFirstAndHelpsWithTheOtherFromItsEnd() {
    List<Due> due = midnight(1000, 1);
    List<Placed<Due>> a = order(due, List.of("a", "b"), "a");
    List<Placed<Due>> b = order(due, List.of("b", "a"), "b");
    List<Due> aOwn = items(a, true);
    List<Due> bOwn = items(b, true);
    assertEquals(1000, a.size());
    assertEquals(1000, aOwn.size() + bOwn.size(), "every item has exactly one owner");
    assertTrue(Collections.disjoint(aOwn, bOwn));
    assertTrue(aOwn.size() > 400 && aOwn.size() < 600, "about half each: " + aOwn.size());
    assertEquals(aOwn, a.subList(0, aOwn.size()).stream().map(Placed::item).toList(), "own first");
    List<Due> bReversed = new ArrayList<>(bOwn);
    Collections.reverse(bReversed);
    assertEquals(bReversed, items(a, false), "the other share from its end");
  }

  @Test
  void theOrderDependsOnTheKeysAndNodesNotOnTheInputOrder() {
    List<Due> due = new ArrayList<>(midnight(300, 1));
    List<Placed<Due>> first = order(due, List.of("a", "b", "c"), "b");
    Collections.shuffle(due, new Random(7));
    assertEquals(first, order(due, List.of("c", "a", "b"), "b"));
  }

  @Test
  void olderPeriodsComeFirstWhateverTheShare() {
    List<Due> due = new ArrayList<>(midnight(50, 2));
    due.addAll(midnight(50, 1));
    List<Placed<Due>> a = order(due, List.of("a", "b"), "a");
    assertTrue(a.subList(0, 50).stream().allMatch(p -> p.item().day() == 1));
    assertTrue(a.subList(50, 100).stream().allMatch(p -> p.item().day() == 2));
  }

  @Test
  void aNodeAloneOwnsEverythingAndANodeWithoutAHeartbeatYetCountsItself() {
    List<Due> due = midnight(20, 1);
    assertEquals(20, items(order(due, List.of(), "a"), true).size());
    assertEquals(20, items(order(due, List.of("a"), "a"), true).size());
    assertTrue(items(order(due, List.of("b"), "a"), true).size() < 20, "b shares the work");
  }

  @Test
  void aNodeLeavingMovesOnlyItsOwnShare() {
    List<String> three = List.of("a", "b", "c");
    List<String> two = List.of("a", "b");
    for (Due d : midnight(500, 1)) {
      String before = ShareOrder.owner(d.key(), three);
      if (!before.equals("c")) {
        assertEquals(before, ShareOrder.owner(d.key(), two), d.key());
      }
    }
  }

  /**
   * Two and three nodes taking turns through their orders ({@link ShareQueue}, its rule for a lost
   * claim), each start a claim: they lose a few races (where a helper meets the owner or another
   * helper), where the same work in independent random orders loses hundreds; and every item is
   * still claimed.
   */
  @Test
  void nodesWorkingThroughTheSameMidnightSeldomRace() {
    List<Due> due = midnight(1000, 1);
    for (List<String> nodes : List.of(List.of("a", "b"), List.of("a", "b", "c"))) {
      List<ShareQueue<Due>> queues = new ArrayList<>();
      for (String n : nodes) {
        queues.add(queue(order(due, nodes, n)));
      }
      Set<Due> claimed = new HashSet<>();
      int lost = simulate(queues, claimed);
      assertEquals(new HashSet<>(due), claimed, nodes + ": everything claimed");
      // an owner goes on through its own share after a lost claim (its backlog may be older than
      // its own latest starts), so it loses one race per period its helper took from the end
      assertTrue(lost <= due.size() / 20, nodes + " lost " + lost);
    }
    List<ShareQueue<Due>> random = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      List<Due> shuffled = new ArrayList<>(due);
      Collections.shuffle(shuffled, new Random(n));
      random.add(queue(shuffled.stream().map(d -> new Placed<>(d, "?", true)).toList()));
    }
    assertTrue(simulate(random, new HashSet<>()) > 300, "random orders race all along");
  }

  /** The owner's share shrinks or grows by a node's view (one node does not see the other yet). */
  @Test
  void nodesThatSeeDifferentLiveNodesStillClaimEverythingOnce() {
    List<Due> due = midnight(400, 1);
    List<ShareQueue<Due>> queues =
        List.of(queue(order(due, List.of("a"), "a")), queue(order(due, List.of("a", "b"), "b")));
    Set<Due> claimed = new HashSet<>();
    simulate(queues, claimed);
    assertEquals(new HashSet<>(due), claimed);
  }

  private static ShareQueue<Due> queue(List<Placed<Due>> ordered) {
    return new ShareQueue<>(ordered, Due::day, Due::env);
  }

  /** Round robin, one attempt per node per step; returns the attempts that found a claim. */
  private static int simulate(List<ShareQueue<Due>> queues, Set<Due> claimed) {
    int lost = 0;
    boolean any = true;
    while (any) {
      any = false;
      for (ShareQueue<Due> q : queues) {
        Placed<Due> next = q.poll();
        if (next != null) {
          any = true;
          if (!claimed.add(next.item())) {
            lost++;
            q.lost(next);
          }
        }
      }
    }
    return lost;
  }
}
