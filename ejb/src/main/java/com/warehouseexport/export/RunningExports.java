package com.warehouseexport.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The export executions running on one node, by destination: added when the node starts one or the
 * job listener reports a start, removed when the listener reports the end, and replaced by the job
 * repository's view at every {@link #reconcile}. Executions whose end was reported here are not
 * counted again although the repository still lists them as running until their last listener has
 * run. Thread-safe.
 */
public final class RunningExports {

  /** Running execution → its destination ({@link ExportJob#DESTINATION}). */
  private final Map<Long, String> running = new ConcurrentHashMap<>();

  /** Executions that ended in this JVM while the repository may still list them as running. */
  private final Set<Long> endedHere = ConcurrentHashMap.newKeySet();

  /** An execution began here (any path: schedule, backfill, manual, restart, take-over). */
  public void started(long executionId, String destination) {
    if (!endedHere.contains(executionId)) {
      running.put(executionId, destination == null ? ExportJob.DESTINATION_DOWNLOAD : destination);
    }
  }

  /** An execution ended here: its batch thread is free. */
  public void ended(long executionId) {
    endedHere.add(executionId);
    running.remove(executionId);
  }

  /** Executions whose end was reported here (their parameters need not be read). */
  public Set<Long> endedHere() {
    return Set.copyOf(endedHere);
  }

  /**
   * Replaces the view by the repository's {@code listed} running executions whose node is {@code
   * node}, except those that ended here; forgets ended executions the repository no longer lists.
   *
   * @return how many run on this node
   */
  public int reconcile(List<ExportOperations.RunningExport> listed, String node) {
    Set<Long> ids = new HashSet<>();
    Map<Long, String> mine = new HashMap<>();
    for (ExportOperations.RunningExport r : listed) {
      ids.add(r.executionId());
      if (!endedHere.contains(r.executionId()) && node.equals(r.node())) {
        mine.put(r.executionId(), r.destination());
      }
    }
    endedHere.retainAll(ids); // the repository caught up with these
    running.keySet().retainAll(mine.keySet());
    running.putAll(mine);
    return running.size();
  }

  /** How many executions run here. */
  public int count() {
    return running.size();
  }

  /** How many executions with this destination run here. */
  public int count(String destination) {
    return (int) running.values().stream().filter(destination::equals).count();
  }
}
