package com.warehouseexport.cluster;

import com.warehouseexport.core.cluster.ClockSkew;
import com.warehouseexport.platform.FaultInjection;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The time the nodes coordinate by: this node's clock corrected by its offset from the database's
 * clock ({@link ClockSkew}), measured at every heartbeat ({@link NodeHeartbeats#beat}). Heartbeats,
 * node liveness, period claims and the export schedule read it, so a node whose clock is off does
 * not look dead to the others, take over claims early or export a period before it ended. Until the
 * first heartbeat (and while the database is away) the last offset measured stays in use.
 *
 * <p>Tests shift this node's own clock with {@code -Dwarehouse.fault.clock-offset=<ISO-8601
 * duration>} (only with fault injection enabled), as a node with a wrong clock would be.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS) // never suspends a caller's transaction
public class ClusterClock {

  /** Shifts this node's own clock (tests only, with fault injection enabled). */
  public static final String FAULT_OFFSET_PROPERTY = "warehouse.fault.clock-offset";

  private static final Logger LOG = Logger.getLogger(ClusterClock.class.getName());

  private final long faultOffsetMillis = faultOffset();

  /** The database's clock minus this node's, as last measured. */
  private volatile long offsetMillis;

  /** Whether the last offset was worth a warning (the operator is told at each change). */
  private volatile boolean warned;

  /** The coordinated time: this node's clock, corrected to the database's. */
  public Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  /** {@link #now()} in epoch milliseconds. */
  public long millis() {
    return localMillis() + offsetMillis;
  }

  /** This node's own clock (shifted in tests that simulate a wrong clock). */
  public long localMillis() {
    return System.currentTimeMillis() + faultOffsetMillis;
  }

  /**
   * A reading of the database's clock, taken between two readings of {@link #localMillis()}: the
   * offset used from now on. Tells the operator when the node's clock goes off, and when it is
   * back.
   */
  public void observed(long localBefore, long database, long localAfter) {
    long offset = ClockSkew.offsetMillis(localBefore, database, localAfter);
    offsetMillis = offset;
    boolean worth = ClockSkew.worthWarning(offset);
    if (worth && !warned) {
      LOG.warning(ClockSkew.warning(offset));
    } else if (!worth && warned) {
      LOG.info("This node's clock agrees with the database's again (within 2 s)");
    }
    warned = worth;
  }

  private static long faultOffset() {
    String value = System.getProperty(FAULT_OFFSET_PROPERTY);
    if (value == null || value.isBlank() || !FaultInjection.enabled()) {
      return 0;
    }
    return Duration.parse(value.strip()).toMillis();
  }
}
