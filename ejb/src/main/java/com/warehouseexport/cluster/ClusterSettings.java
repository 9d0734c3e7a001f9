package com.warehouseexport.cluster;

import com.warehouseexport.core.cluster.Liveness;
import com.warehouseexport.platform.ServerSettings;
import java.time.Duration;

/**
 * Server configuration for several nodes: this node's name ({@code jboss.node.name}), how often it
 * writes its heartbeat ({@code NODE_HEARTBEAT_INTERVAL}, PT30S), when an unseen node counts as dead
 * ({@code NODE_DEAD_AFTER}, PT2M), and how many exports it runs at once before it leaves due
 * periods to other nodes ({@code BATCH_MAX_THREADS}, 6: the batch thread pool's size).
 */
public final class ClusterSettings {

  private ClusterSettings() {}

  /** This node's name: {@code jboss.node.name}, as WildFly sets it. */
  public static String nodeName() {
    return ServerSettings.property("jboss.node.name", "local");
  }

  public static Duration heartbeatInterval() {
    return ServerSettings.duration(
        "NODE_HEARTBEAT_INTERVAL", "warehouse.node.heartbeat-interval", Duration.ofSeconds(30));
  }

  public static Liveness liveness() {
    return new Liveness(
        ServerSettings.duration(
            "NODE_DEAD_AFTER", "warehouse.node.dead-after", Liveness.DEFAULT_DEAD_AFTER));
  }

  /**
   * Exports this node runs at once before it stops claiming due periods (free capacity): one less
   * than the batch thread pool's {@code BATCH_MAX_THREADS} (default 6), because JBeret keeps one of
   * the pool's threads for itself — measured on WildFly 39: a pool of 2 runs one job at a time.
   */
  public static int exportCapacity() {
    String value = ServerSettings.value("BATCH_MAX_THREADS", "warehouse.batch.max-threads");
    try {
      return value == null ? 5 : Math.max(1, Integer.parseInt(value) - 1);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("BATCH_MAX_THREADS must be a number, was '" + value + "'");
    }
  }
}
