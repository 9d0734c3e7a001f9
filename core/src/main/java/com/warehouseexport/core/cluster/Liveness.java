package com.warehouseexport.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Liveness of the nodes that share one database: each node writes a heartbeat every interval; a
 * node unseen for {@code deadAfter} is dead, and a live node takes over the executions it was
 * running. Pure: the heartbeat table and the job repository are read by the caller.
 *
 * @param deadAfter how long a node may be unseen before it counts as dead (default 2 minutes)
 */
public record Liveness(Duration deadAfter) {

  /** The default: a node unseen for two minutes is dead. */
  public static final Duration DEFAULT_DEAD_AFTER = Duration.ofMinutes(2);

  /** A running execution and the node that runs it (from its job parameters). */
  public record Running(long executionId, String node, Instant createdAt) {}

  public Liveness {
    Objects.requireNonNull(deadAfter, "deadAfter");
    if (deadAfter.isNegative() || deadAfter.isZero()) {
      throw new IllegalArgumentException("deadAfter must be positive: " + deadAfter);
    }
  }

  /** True if a node last seen at {@code lastSeen} counts as dead at {@code now}. */
  public boolean isDead(Instant lastSeen, Instant now) {
    return lastSeen.plus(deadAfter).isBefore(now);
  }

  /**
   * The executions {@code self} should take over at {@code now}: those running on another node
   * whose heartbeat is older than {@code deadAfter}, or on a node that never wrote one (an older
   * version, or a node that died during start-up) once the execution itself is older than {@code
   * deadAfter}. Executions of {@code self} are never taken over here (start-up recovery restarts
   * those of a previous run of this node).
   *
   * @param lastSeen last heartbeat per node
   */
  public List<Long> toTakeOver(
      List<Running> running, Map<String, Instant> lastSeen, String self, Instant now) {
    List<Long> result = new ArrayList<>();
    for (Running r : running) {
      if (r.node() == null || r.node().equals(self)) {
        continue;
      }
      Instant seen = lastSeen.get(r.node());
      Instant reference = seen != null ? seen : r.createdAt();
      if (reference != null && isDead(reference, now)) {
        result.add(r.executionId());
      }
    }
    return result;
  }
}
