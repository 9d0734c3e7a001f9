package com.warehouseexport.core.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The order in which one node works through work that every live node sees at once (the due periods
 * of a midnight), so that the nodes seldom race for the same item: each item has one owner among
 * the live nodes (rendezvous hashing of the item's key), and each node does its own share first, in
 * an order every node computes alike, then helps with the others' shares from their ends. Two nodes
 * working through the same list then meet once in each share instead of racing all along it; a node
 * that sees other live nodes than the rest only races more, it never loses or repeats work (each
 * start still goes through its claim). Within {@code group} (the period: oldest first) the order is
 * own share, then each other node's share in ring order after this node. Pure: deterministic for
 * the same keys and nodes, whatever the input order.
 */
public final class ShareOrder {

  /**
   * An item in this node's order, with the node whose share it is ({@code own}: this node's).
   * Helping walks a share from its end, so once a helper finds an item of that share taken, the
   * rest of it (in this order) is taken too; the same holds for the owner meeting its helper.
   */
  public record Placed<T>(T item, String owner, boolean own) {}

  private ShareOrder() {}

  /**
   * @param items the work, in any order
   * @param key an item's stable identity (the same on every node)
   * @param group items are ordered by group first (ascending)
   * @param liveNodes the nodes that share the work (this node is added if missing)
   * @param self this node
   */
  public static <T, G extends Comparable<G>> List<Placed<T>> order(
      Collection<T> items,
      Function<T, String> key,
      Function<T, G> group,
      Collection<String> liveNodes,
      String self) {
    TreeSet<String> nodes = new TreeSet<>(liveNodes);
    nodes.add(self);
    List<String> ring = ringAfter(nodes, self);
    long[] nodeHashes = ring.stream().mapToLong(ShareOrder::hash).toArray();
    Map<G, List<Ranked<T>>> byGroup = new TreeMap<>();
    for (T item : items) {
      long itemHash = hash(key.apply(item));
      int owner = owner(itemHash, nodeHashes);
      byGroup
          .computeIfAbsent(group.apply(item), g -> new ArrayList<>())
          .add(new Ranked<>(item, key.apply(item), mix(itemHash), owner));
    }
    List<Placed<T>> ordered = new ArrayList<>(items.size());
    for (List<Ranked<T>> its : byGroup.values()) {
      // ring index 0 is this node: its share forward, every other share from its end
      its.sort(
          Comparator.<Ranked<T>>comparingInt(Ranked::owner)
              .thenComparing((a, b) -> a.owner() == 0 ? compare(a, b) : compare(b, a)));
      for (Ranked<T> r : its) {
        ordered.add(new Placed<>(r.item(), ring.get(r.owner()), r.owner() == 0));
      }
    }
    return ordered;
  }

  /** The owner of {@code key} among {@code liveNodes} (rendezvous hashing). */
  public static String owner(String key, Collection<String> liveNodes) {
    List<String> nodes = new ArrayList<>(new TreeSet<>(liveNodes));
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no live node");
    }
    return nodes.get(owner(hash(key), nodes.stream().mapToLong(ShareOrder::hash).toArray()));
  }

  private record Ranked<T>(T item, String key, long rank, int owner) {}

  private static <T> int compare(Ranked<T> a, Ranked<T> b) {
    int byRank = Long.compare(a.rank(), b.rank());
    return byRank != 0 ? byRank : a.key().compareTo(b.key());
  }

  /** The nodes in name order, starting with {@code self} and wrapping around. */
  private static List<String> ringAfter(TreeSet<String> nodes, String self) {
    List<String> ring = new ArrayList<>(nodes.tailSet(self, true));
    ring.addAll(nodes.headSet(self, false));
    return ring;
  }

  /** The index of the node with the highest score for the item (ties: the lower index). */
  private static int owner(long itemHash, long[] nodeHashes) {
    int best = 0;
    long bestScore = Long.MIN_VALUE;
    for (int i = 0; i < nodeHashes.length; i++) {
      long score = mix(itemHash ^ nodeHashes[i]);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: the same on every JVM. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** SplitMix64's finalizer: spreads every input bit over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
