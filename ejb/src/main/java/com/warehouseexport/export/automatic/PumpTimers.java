package com.warehouseexport.export.automatic;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The pump's single-action timers, at most one of each kind waiting at any time: {@link Kind#NOW}
 * (an export ended, a batch thread is free) and {@link Kind#POLL} (queued periods are left, look
 * again shortly). A timer's flag is cleared when that timer fires, so whatever asks while one waits
 * is served by it. Before this, every run of the pump re-armed both requests before it had the
 * node's start lock, and while the lock holder was slow (the database away: 10 s of query retries
 * per statement) the waiting pumps grew to fill the EJB thread pool (5 to 11 threads in the pump in
 * thread dumps of DatabaseFaultIT), and ticks, heartbeats and every other timer of the node waited
 * behind them. Thread-safe.
 */
final class PumpTimers {

  /** Why a pump timer is wanted. */
  enum Kind {
    /** An export ended on this node: start the next queued period now. */
    NOW(1),
    /** Queued periods are left: look again for free capacity shortly. */
    POLL(200);

    private final long delayMillis;

    Kind(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    /** How long the timer waits before the pump runs. */
    long delayMillis() {
      return delayMillis;
    }

    /** The timer's info, by which {@link #fired} knows it again. */
    String info() {
      return "automatic-export-pump-" + name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a timer's info; null when it is not a pump timer. */
    static Kind of(Object info) {
      for (Kind k : values()) {
        if (k.info().equals(info)) {
          return k;
        }
      }
      return null;
    }
  }

  private final AtomicBoolean now = new AtomicBoolean();
  private final AtomicBoolean poll = new AtomicBoolean();
  private final Consumer<Kind> create;

  /** {@code create} creates the timer of a kind (it may throw: nothing is then waiting). */
  PumpTimers(Consumer<Kind> create) {
    this.create = create;
  }

  /** Creates a timer of {@code kind} unless one is waiting already; true when it created one. */
  boolean request(Kind kind) {
    AtomicBoolean waiting = flag(kind);
    if (!waiting.compareAndSet(false, true)) {
      return false;
    }
    try {
      create.accept(kind);
      return true;
    } catch (RuntimeException e) {
      waiting.set(false); // none waits: the next request creates one
      throw e;
    }
  }

  /** A timer of {@code kind} fired: the next request of that kind creates a new one. */
  void fired(Kind kind) {
    flag(kind).set(false);
  }

  /** A timer of {@code kind} is waiting. */
  boolean waiting(Kind kind) {
    return flag(kind).get();
  }

  private AtomicBoolean flag(Kind kind) {
    return kind == Kind.NOW ? now : poll;
  }
}
