package com.warehouseexport.export.automatic;

import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The batch capacity a tick, pump or backfill may still hand out on this node: a start happens only
 * while some is free, and a start that found none marks the node busy (its work is left to the next
 * tick or another node, so a midnight spreads over the nodes). Not thread-safe: used under the
 * node's capacity lock.
 */
final class TickCapacity {

  private int free;
  private boolean busy;

  TickCapacity(int free) {
    this.free = free;
  }

  boolean hasFree() {
    return free > 0;
  }

  /** Runs {@code start} if capacity is free; a start that happened takes one slot. */
  OptionalLong start(Supplier<OptionalLong> start) {
    if (free <= 0) {
      busy = true;
      return OptionalLong.empty();
    }
    OptionalLong started = start.get();
    if (started.isPresent()) {
      free--;
    }
    return started;
  }

  /** True when a start was refused for want of capacity. */
  boolean busy() {
    return busy;
  }
}
