package com.warehouseexport.export;

import com.warehouseexport.cluster.ClusterSettings;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What this node runs and how much batch capacity it has left ({@link
 * ClusterSettings#exportCapacity()} minus the running exports). The job repository is read only by
 * {@link #reconcile} (once per scheduler tick, and before the first count after a start of the
 * server); between reconciliations starts and the job listener's events keep the count (a
 * repository query per start, under the lock the queued starts wait for, slowed a midnight of
 * 10,000 environments to a few per second, and cost manual starts most of their time).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeExportSlots {

  @EJB private ExportOperations operations;

  private final RunningExports running = new RunningExports();

  /** Held by whoever hands out this node's capacity: a tick, the pump, a backfill. */
  private final ReentrantLock capacity = new ReentrantLock();

  private volatile boolean reconciled;

  /** Reads the job repository's running executions of this node; returns how many run here. */
  public int reconcile() {
    int count = running.reconcile(operations.running(running.endedHere()), node());
    reconciled = true;
    return count;
  }

  /** Free batch capacity of this node (may be negative when manual exports filled it). */
  public int free() {
    return ClusterSettings.exportCapacity() - count();
  }

  /** Exports running on this node. */
  public int count() {
    if (!reconciled) {
      reconcile();
    }
    return running.count();
  }

  /** Exports to {@code destination} running on this node. */
  public int count(String destination) {
    if (!reconciled) {
      reconcile();
    }
    return running.count(destination);
  }

  /** This node started an execution: counted before its listener runs, so nothing overfills. */
  public void started(long executionId, String destination) {
    running.started(executionId, destination);
  }

  /** The export job's listener reports a start on this node. */
  public void onExportStarted(@Observes ExportStarted started) {
    running.started(started.executionId(), started.destination());
  }

  /** An execution ended on this node (called by whoever observes {@link ExportEnded} first). */
  public void ended(long executionId) {
    running.ended(executionId);
  }

  /** Runs {@code work} while holding this node's capacity (no other tick, pump or backfill). */
  public <T> T exclusively(Supplier<T> work) {
    capacity.lock();
    try {
      return work.get();
    } finally {
      capacity.unlock();
    }
  }

  /**
   * As {@link #exclusively}, but only when no one holds this node's capacity now; empty otherwise.
   * For timers, which must not wait for it: a waiting timer holds one of the EJB pool's few
   * threads, which the node's other timers (ticks, heartbeats) need.
   */
  public <T> Optional<T> exclusivelyIfFree(Supplier<T> work) {
    if (!capacity.tryLock()) {
      return Optional.empty();
    }
    try {
      return Optional.of(work.get());
    } finally {
      capacity.unlock();
    }
  }

  /** This node's name ({@code jboss.node.name}). */
  public static String node() {
    return ClusterSettings.nodeName();
  }
}
