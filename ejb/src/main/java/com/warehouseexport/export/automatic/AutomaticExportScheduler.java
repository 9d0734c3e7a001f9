package com.warehouseexport.export.automatic;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.cluster.ClusterSettings;
import com.warehouseexport.cluster.NodeHeartbeats;
import com.warehouseexport.core.cluster.ShareOrder;
import com.warehouseexport.core.cluster.ShareQueue;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.export.ExportEnded;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.automatic.TickReport.RefusalReason;
import com.warehouseexport.export.destination.PeriodDestinations;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.history.JobRepositoryReads;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettings;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.platform.DatabaseFailures;
import com.warehouseexport.tenancy.Plan;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The automatic export schedule's timers. A persistent EJB timer (stored in the database with the
 * other timers) ticks every 30 seconds on one node, and every node ticks on its own too; each tick
 * runs one {@link TickPass} over the enabled ENTERPRISE environments — due periods, retries,
 * take-overs ({@link ClaimAdvancer}) — within this node's free capacity ({@link NodeExportSlots}).
 * Due periods it had no capacity for are queued and started by the pump as this node's exports end.
 * A period is started only by whoever wins its claim ({@link PeriodClaims}, {@link PeriodStarts}),
 * so each period is exported exactly once however many nodes or timers tick.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AutomaticExportScheduler {

  private static final Logger LOG = Logger.getLogger(AutomaticExportScheduler.class.getName());

  @Resource private TimerService timers;
  @EJB private ExportSettingsService settings;
  @EJB private PeriodClaims claims;
  @EJB private ExportOperations operations;
  @EJB private ExportHistoryService history;
  @EJB private JobRepositoryReads jobRepository;
  @EJB private ProvisioningService provisioning;
  @EJB private AutoPause autoPause;
  @EJB private NodeExportSlots slots;
  @EJB private NodeHeartbeats heartbeats;
  @EJB private ClusterClock clusterClock;
  @Inject private Event<PeriodOutcome> outcomes;
  @Inject private PeriodDestinations destinations;

  private PeriodStarts starts;
  private ClaimAdvancer advancer;

  /**
   * Due periods the last tick found but had no capacity for, in the order the live nodes share them
   * ({@link ShareOrder}: this node's share first, then the others' from their ends, so nodes
   * working through the same midnight seldom race for the same period); started by {@link #pump()}
   * as exports end here and capacity frees up. Replaced by every tick (guarded by the capacity
   * lock).
   */
  private ShareQueue<PeriodId> backlog = ShareQueue.empty();

  /** A tick longer than this is logged (it holds the lock the queued starts wait for). */
  private static final long SLOW_TICK_MILLIS = 2_000;

  /** Size of {@link #backlog}, readable without the lock. */
  private volatile int backlogSize;

  /**
   * A pump was asked for and has not run since: set by {@link #pump()} before it tries the lock,
   * cleared by the pump that holds it; whoever lets go of the lock pumps again while it is set.
   */
  private final AtomicBoolean pumpWanted = new AtomicBoolean();

  /** The pump's timers: at most one of each kind waits. */
  private final PumpTimers pumps =
      new PumpTimers(k -> timers.createSingleActionTimer(k.delayMillis(), pumpConfig(k)));

  @Schedule(
      second = "*/30",
      minute = "*",
      hour = "*",
      persistent = true,
      info = "automatic-export-schedule")
  void onTimer(Timer timer) {
    tickNow();
  }

  /**
   * Every node also ticks on its own (a non-persistent interval timer, {@code
   * EXPORT_TICK_INTERVAL}, default PT30S): due periods, retries and unstarted claims are picked up
   * by whichever node ticks first, so work does not depend on the one node where the persistent
   * timer fires.
   */
  @PostConstruct
  void startNodeTimer() {
    starts = new PeriodStarts(claims, operations, slots, clusterClock::millis);
    advancer = new ClaimAdvancer(claims, history, outcomes::fire, starts);
    long interval = Math.max(1_000L, ScheduleSettings.tickInterval().toMillis());
    timers.createIntervalTimer(
        interval, interval, new TimerConfig("automatic-export-node-tick", false));
  }

  @Timeout
  void onNodeTimer(Timer timer) {
    PumpTimers.Kind pump = PumpTimers.Kind.of(timer.getInfo());
    if (pump != null) {
      pumps.fired(pump);
      try {
        pump();
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Starting queued automatic exports failed; the next tick retries", e);
      }
      return;
    }
    tickNow();
  }

  /**
   * An export ended on this node: its batch thread is free, so the next queued due period starts
   * now rather than when the pump next polls (a midnight of many small environments drained in
   * bursts of one node's capacity every 1.3–1.6 s before).
   */
  public void onExportEnded(@Observes ExportEnded ended) {
    slots.ended(ended.executionId());
    if (backlogSize > 0) {
      pumps.request(PumpTimers.Kind.NOW);
    }
  }

  /**
   * Starts queued due periods ({@link #backlog}) while this node has free batch capacity, and looks
   * again shortly while some are left: a midnight drains as fast as exports end, not one tick's
   * capacity per tick interval. Each start still goes through the period's claim, so a period
   * another node started meanwhile is skipped.
   *
   * <p>Never waits for the capacity lock (a waiting timer holds an EJB thread the node's ticks and
   * heartbeats need): it marks the pump wanted ({@link #pumpWanted}) and whoever holds the lock as
   * a pump, or the tick that held it, pumps again once it lets go, so an export that ends meanwhile
   * frees its slot for the next queued period at once. A manual start holding the lock leaves it to
   * the look-again timer.
   */
  void pump() {
    pumpWanted.set(true);
    boolean left = false;
    while (pumpWanted.get()) {
      Optional<Boolean> ran =
          slots.exclusivelyIfFree(
              () -> {
                pumpWanted.set(false);
                return pumpLocked();
              });
      if (ran.isEmpty()) { // its holder pumps again when it lets go
        left = backlogSize > 0;
        break;
      }
      left = ran.get();
    }
    if (left) {
      pumps.request(PumpTimers.Kind.POLL);
    }
  }

  /** Starts queued periods while capacity is free; true when some are left. */
  private boolean pumpLocked() {
    if (backlog.isEmpty()) {
      return false;
    }
    startQueued(new TickCapacity(slots.free()), ScheduleSettings.schedule(), true, null);
    backlogSize = backlog.size();
    return !backlog.isEmpty();
  }

  /**
   * Starts periods from the head of {@link #backlog} while {@code capacity} is free; a period found
   * claimed already is reported to the queue, which drops what another node is doing ({@link
   * ShareQueue#lost}; the next tick finds anything left over). {@code recheck}: a period is started
   * only if it is still scheduled (the pump, after the tick that queued it).
   */
  private void startQueued(
      TickCapacity capacity, ExportSchedule schedule, boolean recheck, TickReport.Builder report) {
    ShareOrder.Placed<PeriodId> next;
    while (capacity.hasFree() && (next = backlog.poll()) != null) {
      PeriodId due = next.item();
      try {
        if (!recheck || stillScheduled(due)) { // else changed since the tick: the next decides
          OptionalLong started = capacity.start(() -> starts.fresh(due, schedule, "scheduler"));
          if (started.isPresent()) {
            long execution = started.getAsLong();
            if (report != null) {
              report.started(due, execution);
            }
            LOG.info(() -> TickPass.started(due, execution));
          } else {
            backlog.lost(next);
          }
        }
      } catch (RuntimeException e) {
        // A start that failed (the database away) is not dropped: the tick would never see it
        // again once a later period of the environment is claimed. It goes back to the head of
        // the queue and this pass stops (one line, no stack trace; issue 20).
        backlog.putBack(next);
        if (report != null) {
          report.refused(due.environmentId(), RefusalReason.ERROR, e.getMessage());
        }
        LOG.warning(
            "Automatic export of environment "
                + due.environmentId()
                + " for "
                + due.period()
                + " could not be started; the pump tries again: "
                + e);
        break;
      }
    }
  }

  /**
   * Automatic export of the period's environment to its destination is still on, in its cadence, in
   * its plan.
   */
  private boolean stillScheduled(PeriodId due) {
    Optional<DestinationSchedule> s =
        settings.settings(due.environmentId()).flatMap(x -> x.schedule(due.destination()));
    return s.isPresent()
        && s.get().enabled()
        && due.cadence().equals(s.get().cadence())
        && provisioning
            .environment(due.environmentId())
            .getOrganization()
            .getPlan()
            .allowsAutomaticExport();
  }

  private static TimerConfig pumpConfig(PumpTimers.Kind kind) {
    return new TimerConfig(kind.info(), false);
  }

  /**
   * A timer's tick is running on this node. The persistent timer and this node's own timer both
   * fire every 30 s; a second tick while one runs would read and settle the same claims again.
   */
  private final AtomicBoolean ticking = new AtomicBoolean();

  private void tickNow() {
    if (!ticking.compareAndSet(false, true)) {
      LOG.fine("Automatic export tick skipped: the previous one is still running on this node");
      return;
    }
    try {
      tick(clusterClock.now());
    } catch (RuntimeException e) {
      // The database away is expected: one line, no stack trace (PRODUCT.md §10, issue 20).
      boolean away = DatabaseFailures.isUnavailable(e);
      LOG.log(
          Level.WARNING,
          "Automatic export tick failed; the next tick tries again"
              + (away ? ": " + DatabaseFailures.describe(e) : ""),
          away ? null : e);
    } finally {
      ticking.set(false);
    }
  }

  /** One pass over all environments as of {@code now} (operators may simulate other instants). */
  public TickReport tick(Instant now) {
    // The reads (every enabled environment's settings, open claims, latest periods, plans, pauses)
    // are done before taking the node's start lock: at 10,000 environments they took 2–4 s, during
    // which the pump could start nothing (issue 24). A snapshot a moment old is safe: every start
    // still goes through its period's claim.
    long readStarted = System.nanoTime();
    List<ExportSettings> enabled = settings.enabled();
    Map<String, List<PeriodClaim>> openClaims = claims.openByEnvironment();
    Map<Long, Plan> plans = provisioning.plansByEnvironment();
    Set<String> paused = autoPause.pausedDestinations();
    List<PeriodClaims.Schedule> visited = TickPass.visited(enabled, plans, paused);
    Map<String, LocalDate> latestPeriods = claims.latestPeriods(visited);
    // The nodes that share the due periods (ShareOrder counts this node even before its first
    // beat).
    List<String> liveNodes = heartbeats.liveNodes(ClusterSettings.liveness(), clusterClock.now());
    long readMillis = (System.nanoTime() - readStarted) / 1_000_000;
    // The claims whose export finished since the last tick are settled (landed, retry later, give
    // up) before the lock too, their latest attempts read in a few statements: one claim at a time
    // under the lock, this held the pump up 2–4 s of every 30 s at 10,000 environments (issue 24).
    // Only the claims that need capacity (take-overs, due retries) are left for the locked pass.
    long settleStarted = System.nanoTime();
    Map<String, List<PeriodClaim>> open = new HashMap<>();
    for (PeriodClaims.Schedule v : visited) {
      String key = PeriodClaims.key(v.environmentId(), v.destination(), v.cadence());
      List<PeriodClaim> its = openClaims.get(key);
      if (its != null) {
        open.put(key, its);
      }
    }
    Map<String, List<PeriodClaim>> needCapacity =
        advancer.settle(
            open,
            ScheduleSettings.schedule(),
            ScheduleSettings.retrySchedule(),
            clusterClock.now(),
            jobRepository::latestOfInstances);
    TickPass.Reads reads = new TickPass.Reads(needCapacity, latestPeriods, plans, paused);
    long settleMillis = (System.nanoTime() - settleStarted) / 1_000_000;
    Ticked ticked =
        slots.exclusively(
            () -> tickLocked(now, enabled, reads, liveNodes, readMillis, settleMillis));
    if (pumpWanted.get()) { // an export ended while the tick held the lock
      pump();
    } else if (ticked.pump()) {
      pumps.request(PumpTimers.Kind.POLL);
    }
    return ticked.report();
  }

  /** A tick's report, and whether a pump timer is to be created for what it queued. */
  private record Ticked(TickReport report, boolean pump) {}

  private Ticked tickLocked(
      Instant now,
      List<ExportSettings> enabled,
      TickPass.Reads reads,
      List<String> liveNodes,
      long readMillis,
      long settleMillis) {
    long tickStarted = System.nanoTime();
    TickReport.Builder report = new TickReport.Builder(NodeExportSlots.node());
    TickPass.Clock clock =
        new TickPass.Clock(
            now, clusterClock.now(), ScheduleSettings.schedule(), ScheduleSettings.retrySchedule());
    TickCapacity capacity = new TickCapacity(ClusterSettings.exportCapacity() - slots.reconcile());
    backlog = ShareQueue.empty();
    backlogSize = 0;
    TickPass pass = new TickPass(claims, provisioning, advancer, reads, clock, capacity, report);
    for (ExportSettings s : enabled) {
      try {
        pass.environment(s);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Automatic export of environment " + s.getEnvironmentId() + " could not be scheduled",
            e);
        report.refused(s.getEnvironmentId(), RefusalReason.ERROR, e.getMessage());
      }
    }
    // Every node sees the same due periods: each starts its own share first (ShareOrder), oldest
    // period first, so nodes ticking at once seldom race for a period; the rest waits for the pump.
    backlog =
        new ShareQueue<>(
            ShareOrder.order(
                pass.due(),
                PeriodId::toString,
                PeriodId::period,
                liveNodes,
                NodeExportSlots.node()),
            PeriodId::period,
            id -> PeriodClaims.key(id.environmentId(), id.destination(), id.cadence()));
    startQueued(capacity, clock.schedule(), false, report);
    backlogSize = backlog.size();
    boolean pump = !backlog.isEmpty();
    if (pump) {
      report.queued(backlog.size());
    }
    long tookMillis = (System.nanoTime() - tickStarted) / 1_000_000;
    int queuedNow = backlog.size();
    if (tookMillis + readMillis + settleMillis > SLOW_TICK_MILLIS) {
      // queued starts wait for the locked part of the tick: worth knowing
      LOG.info(
          () ->
              "Automatic export tick took "
                  + tookMillis
                  + " ms under the start lock (before it: reads "
                  + readMillis
                  + " ms, settling finished claims "
                  + settleMillis
                  + " ms): "
                  + report.startedCount()
                  + " started, "
                  + queuedNow
                  + " queued");
    }
    return new Ticked(report.build(), pump);
  }
}
