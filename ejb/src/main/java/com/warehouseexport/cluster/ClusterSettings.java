package com.warehouseexport.cluster;

import com.warehouseexport.core.cluster.Liveness;
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
    return System.getProperty("jboss.node.name", "local");
  }

  public static Duration heartbeatInterval() {
    return duration(
        "NODE_HEARTBEAT_INTERVAL", "warehouse.node.heartbeat-interval", Duration.ofSeconds(30));
  }

  public static Liveness liveness() {
    return new Liveness(
        duration("NODE_DEAD_AFTER", "warehouse.node.dead-after", Liveness.DEFAULT_DEAD_AFTER));
  }

  /** Exports this node runs at once before it stops claiming due periods (free capacity). */
  public static int exportCapacity() {
    String value = setting("BATCH_MAX_THREADS", "warehouse.batch.max-threads");
    try {
      return value == null ? 6 : Math.max(1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("BATCH_MAX_THREADS must be a number, was '" + value + "'");
    }
  }

  static Duration duration(String env, String property, Duration fallback) {
    String value = setting(env, property);
    if (value == null) {
      return fallback;
    }
    try {
      return Duration.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalStateException(
          env + " must be an ISO-8601 duration such as PT30S, was '" + value + "'", e);
    }
  }

  static String setting(String env, String property) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      value = System.getProperty(property);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
