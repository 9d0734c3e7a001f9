package com.warehouseexport.batch.launch;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.cluster.ClusterSettings;
import com.warehouseexport.cluster.NodeHeartbeats;
import com.warehouseexport.core.cluster.Liveness;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.platform.JobOperators;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's heartbeat ({@code NODE_HEARTBEAT_INTERVAL}) and the take-over of executions left
 * running by a node unseen for {@code NODE_DEAD_AFTER}: exactly one live node wins each take-over
 * ({@link NodeHeartbeats#claimTakeover}) and finishes the export ({@link
 * CrashedExecutionRecovery#takeOver}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeLiveness {

  private static final Logger LOG = Logger.getLogger(NodeLiveness.class.getName());

  @Resource private TimerService timers;
  @EJB private NodeHeartbeats heartbeats;
  @EJB private ClusterClock clock;
  @EJB private CrashedExecutionRecovery recovery;

  private final Instant jvmStart =
      Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

  @PostConstruct
  void start() {
    heartbeats.beat(ClusterSettings.nodeName(), jvmStart);
    long interval = Math.max(1_000L, ClusterSettings.heartbeatInterval().toMillis());
    timers.createIntervalTimer(interval, interval, new TimerConfig("node-heartbeat", false));
  }

  /**
   * Since when this node's heartbeats have been written without a failure (null right after one
   * failed). After a database outage every node's heartbeat is stale at once: a node may judge the
   * others dead only once it has itself beaten for a whole {@code NODE_DEAD_AFTER} since the
   * database came back, so live nodes have had the time to beat again and their running exports are
   * not taken over (and run twice).
   */
  private volatile Instant beatingSince = Instant.EPOCH;

  @Timeout
  void onTimer() {
    try {
      heartbeats.beat(ClusterSettings.nodeName(), jvmStart);
    } catch (RuntimeException e) {
      beatingSince = null;
      // Expected while the database is away: one line, no stack trace (PRODUCT.md §10).
      LOG.warning("Heartbeat failed; the next beat tries again: " + e);
      return;
    }
    Instant now = clock.now(); // on the database's clock, as the heartbeats are
    if (beatingSince == null) {
      beatingSince = now;
    }
    if (now.isBefore(beatingSince.plus(ClusterSettings.liveness().deadAfter()))) {
      return;
    }
    try {
      takeOverDeadNodes(now);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Take-over of dead nodes failed; the next beat tries again", e);
    }
  }

  /** Takes over what dead nodes left running; returns the ids taken over by this node. */
  public List<Long> takeOverDeadNodes(Instant now) {
    JobOperator operator = JobOperators.get();
    List<Long> runningIds;
    try {
      runningIds = operator.getRunningExecutions(ExportJob.NAME);
    } catch (NoSuchJobException e) {
      return List.of();
    }
    if (runningIds.isEmpty()) {
      return List.of();
    }
    List<Liveness.Running> running = new ArrayList<>();
    Map<Long, String> nodes = new java.util.HashMap<>();
    for (Long id : runningIds) {
      JobExecution execution = operator.getJobExecution(id);
      Properties params = execution.getJobParameters();
      String node = params == null ? null : params.getProperty(ExportJob.NODE);
      nodes.put(id, node);
      running.add(
          new Liveness.Running(
              id,
              node,
              execution.getCreateTime() == null ? null : execution.getCreateTime().toInstant()));
    }
    String self = ClusterSettings.nodeName();
    List<Long> taken = new ArrayList<>();
    for (long id :
        ClusterSettings.liveness().toTakeOver(running, heartbeats.lastSeen(), self, now)) {
      if (heartbeats.claimTakeover(id, nodes.get(id), self)) {
        recovery.takeOver(id, nodes.get(id));
        taken.add(id);
      }
    }
    return taken;
  }
}
