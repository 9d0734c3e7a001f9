package com.warehouseexport.export.automatic;

import com.warehouseexport.export.PeriodId;
import java.util.ArrayList;
import java.util.List;

/**
 * What one scheduler tick did, as data: the due periods it started, the claims it started again
 * (retries and take-overs), the environments it refused to schedule and why, how many due periods
 * it queued for this node's free capacity, and whether capacity ran out for open claims (left to
 * the next tick or another node).
 *
 * @param node the node that ticked
 * @param queued due periods queued to start as this node's exports end
 * @param busy true when a retry or take-over found no free capacity on this node
 */
public record TickReport(
    String node,
    List<Start> started,
    List<Start> restarted,
    List<Refusal> refused,
    int queued,
    boolean busy) {

  public TickReport {
    started = List.copyOf(started);
    restarted = List.copyOf(restarted);
    refused = List.copyOf(refused);
  }

  /** Why a period's job was started. */
  public enum StartReason {
    /** The period fell due (or was missed within the look-back). */
    DUE,
    /** A failed attempt's retry was due. */
    RETRY,
    /** A claim without an execution passed the claim deadline (a crash, or a queued backfill). */
    UNSTARTED_CLAIM
  }

  /** A period started as execution {@code executionId}. */
  public record Start(PeriodId period, long executionId, StartReason reason) {}

  /** Why an environment got no new attempts this tick. */
  public enum RefusalReason {
    /** The organization's plan does not include automatic export ({@code detail}: the plan). */
    PLAN,
    /** Automatic export paused itself after repeated failures. */
    AUTO_PAUSED,
    /** Scheduling the environment failed ({@code detail}: the error). */
    ERROR
  }

  /** An environment the tick did not schedule. */
  public record Refusal(long environmentId, RefusalReason reason, String detail) {}

  /** Collects a report while a tick runs (not thread-safe: one tick at a time). */
  static final class Builder {
    private final String node;
    private final List<Start> started = new ArrayList<>();
    private final List<Start> restarted = new ArrayList<>();
    private final List<Refusal> refused = new ArrayList<>();
    private int queued;
    private boolean busy;

    Builder(String node) {
      this.node = node;
    }

    void started(PeriodId period, long executionId) {
      started.add(new Start(period, executionId, StartReason.DUE));
    }

    void restarted(PeriodId period, long executionId, StartReason reason) {
      restarted.add(new Start(period, executionId, reason));
    }

    void refused(long environmentId, RefusalReason reason, String detail) {
      refused.add(new Refusal(environmentId, reason, detail));
    }

    void queued(int count) {
      queued = count;
    }

    void busy() {
      busy = true;
    }

    int startedCount() {
      return started.size();
    }

    TickReport build() {
      return new TickReport(node, started, restarted, refused, queued, busy);
    }
  }
}
