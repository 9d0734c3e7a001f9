package com.warehouseexport.core.cluster;

import com.warehouseexport.core.cluster.ShareOrder.Placed;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One node's queue of work in {@link ShareOrder}, with the rule for a lost claim: an item of
 * another node's share found taken ends that share (in its group) for this pass, because helpers
 * walk a share from its end toward its owner, so the rest of it is taken or being taken by its
 * owner. The schedules of the items dropped that way are remembered: their later items are not
 * handed out either (a later period must never start ahead of an earlier one left unclaimed), the
 * next pass decides about them. In its own share a node goes on after a lost claim: its queue is a
 * snapshot older than its own latest starts. Pure and not thread-safe (used under the node's lock).
 *
 * @param <T> an item (a due period)
 */
public final class ShareQueue<T> {

  private final ArrayDeque<Placed<T>> queue;
  private final Function<T, ?> group;
  private final Function<T, ?> schedule;
  private final Set<Object> skippedSchedules = new HashSet<>();

  /**
   * @param ordered the node's order ({@link ShareOrder#order})
   * @param group the item's group (the period), as ordered
   * @param schedule what a series of items belongs to (environment, destination, cadence)
   */
  public ShareQueue(List<Placed<T>> ordered, Function<T, ?> group, Function<T, ?> schedule) {
    this.queue = new ArrayDeque<>(ordered);
    this.group = group;
    this.schedule = schedule;
  }

  /** An empty queue. */
  public static <T> ShareQueue<T> empty() {
    return new ShareQueue<>(List.of(), t -> t, t -> t);
  }

  /** The next item to try, or null when none is left; skips items of skipped schedules. */
  public Placed<T> poll() {
    Placed<T> next;
    do {
      next = queue.poll();
    } while (next != null && skippedSchedules.contains(schedule.apply(next.item())));
    return next;
  }

  /** {@code item}, handed out by {@link #poll}, was claimed by someone else. */
  public void lost(Placed<T> item) {
    if (item.own()) {
      return;
    }
    Object itsGroup = group.apply(item.item());
    while (!queue.isEmpty()
        && queue.peek().owner().equals(item.owner())
        && Objects.equals(group.apply(queue.peek().item()), itsGroup)) {
      skippedSchedules.add(schedule.apply(queue.poll().item()));
    }
  }

  /** {@code item}, handed out by {@link #poll}, could not be tried now: it is next again. */
  public void putBack(Placed<T> item) {
    queue.addFirst(item);
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  public int size() {
    return queue.size();
  }
}
