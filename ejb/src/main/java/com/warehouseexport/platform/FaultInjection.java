package com.warehouseexport.platform;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Test-only fault points, inert unless the server runs with {@code -Dwarehouse.faultInjection=true}
 * (only the integration tests set it). Each point is armed for one use through an operator API.
 */
public final class FaultInjection {

  private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());
  private static final AtomicBoolean HALT_AFTER_CLAIM = new AtomicBoolean();

  /** Node-wide pause between every claim and its start, in milliseconds (tests only). */
  public static final String PAUSE_AFTER_CLAIM_PROPERTY =
      "warehouse.fault.pause-after-claim-millis";

  private FaultInjection() {}

  /** True when the server was started with fault injection enabled. */
  public static boolean enabled() {
    return Boolean.getBoolean("warehouse.faultInjection");
  }

  /** Arms the next automatic export claim to kill the JVM right after it is committed. */
  public static void armHaltAfterNextClaim() {
    if (!enabled()) {
      throw new IllegalStateException("Fault injection is not enabled on this server");
    }
    HALT_AFTER_CLAIM.set(true);
  }

  /**
   * The point between claiming a period and starting its job: if armed, the JVM stops at once (no
   * shutdown hooks, as if killed), leaving a claim without an execution.
   */
  public static void afterClaim() {
    long pause = Long.getLong(PAUSE_AFTER_CLAIM_PROPERTY, 0L);
    if (enabled() && pause > 0) {
      // DatabaseFaultIT: a window between claim and start in which the database goes away.
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (enabled() && HALT_AFTER_CLAIM.getAndSet(false)) {
      LOG.severe("Fault injection: halting the JVM between claim and start");
      try {
        // The embedded H2 writes committed data to disk within about a second: wait for it, so
        // the committed claim survives the crash as it would on PostgreSQL.
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(137);
    }
  }
}
