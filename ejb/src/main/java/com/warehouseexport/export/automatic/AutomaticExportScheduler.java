package com.warehouseexport.export.automatic;

import com.warehouseexport.cluster.ClusterSettings;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.settings.ExportSettings;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.platform.FaultInjection;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
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
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The automatic export schedule. A persistent EJB timer (stored in the database with the other
 * timers) ticks every 30 seconds on one node; each tick, for every enabled ENTERPRISE environment,
 * exports the periods that are due — missed ones first, oldest first, bounded by the look-back
 * (older ones are recorded as missed) — and moves every open period along: a failed attempt is
 * retried with exponential backoff and jitter until the period lands or is past the give-up horizon
 * ({@link ScheduleSettings#retrySchedule()}), and a claim whose start never happened is started
 * after the claim deadline. A period is started only by whoever wins its claim ({@link
 * PeriodClaims}), so each period is exported exactly once however many nodes or timers tick. A
 * period that lands or fails for good fires a {@link PeriodOutcome} (alerts, {@link AutoPause}); an
 * auto-paused environment gets no new attempts, its due periods are recorded as paused.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AutomaticExportScheduler {

  private static final Logger LOG = Logger.getLogger(AutomaticExportScheduler.class.getName());

  /** What one tick did. */
  public record TickReport(List<String> started, List<String> restarted, List<String> skipped) {}

  @Resource private TimerService timers;
  @EJB private ExportSettingsService settings;
  @EJB private PeriodClaims claims;
  @EJB private ExportOperations operations;
  @EJB private ExportHistoryService history;
  @EJB private ProvisioningService provisioning;
  @EJB private AutoPause autoPause;
  @Inject private Event<PeriodOutcome> outcomes;

  /** How many missed periods (outside the look-back window) are recorded and shown at most. */
  static final int MISSED_SHOWN = 60;

  private final Object tickLock = new Object();

  /** Batch capacity left to this tick (guarded by tickLock). */
  private int freeSlots;

  private boolean busy;

  /** A due period that this node had no free capacity for when it ticked. */
  private record Due(long env, Cadence cadence, LocalDate period) {}

  /**
   * Due periods the last tick found but had no capacity for, in random order (so that nodes working
   * through the same midnight seldom race for the same period); started by {@link #pump()} as
   * exports end here and capacity frees up. Replaced by every tick (guarded by tickLock).
   */
  private final java.util.ArrayDeque<Due> backlog = new java.util.ArrayDeque<>();

  /** Info of the single-action timer that runs {@link #pump()}. */
  private static final String PUMP = "automatic-export-pump";

  /** How soon the pump looks again for free capacity while the backlog is not empty. */
  private static final long PUMP_DELAY_MILLIS = 200;

  private boolean pumpScheduled;

  /** Due periods of the running tick that found no capacity (guarded by tickLock). */
  private final List<Due> dueLater = new ArrayList<>();

  /** Latest claimed period of all environments, read once per tick (guarded by tickLock). */
  private java.util.Map<String, LocalDate> latestPeriods = java.util.Map.of();

  /** Auto-paused environments, read once per tick (guarded by tickLock). */
  private java.util.Set<Long> paused = java.util.Set.of();

  /** Plans of all environments, read once per tick (guarded by tickLock). */
  private java.util.Map<Long, com.warehouseexport.tenancy.Plan> plans = java.util.Map.of();

  /** Open claims of all environments, read once per tick (guarded by tickLock). */
  private java.util.Map<String, List<PeriodClaims.Claim>> openClaims = java.util.Map.of();

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
    long interval = Math.max(1_000L, ScheduleSettings.tickInterval().toMillis());
    timers.createIntervalTimer(
        interval, interval, new TimerConfig("automatic-export-node-tick", false));
  }

  @Timeout
  void onNodeTimer(Timer timer) {
    if (PUMP.equals(timer.getInfo())) {
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
   * Starts queued due periods ({@link #backlog}) while this node has free batch capacity, and looks
   * again shortly while some are left: a midnight drains as fast as exports end, not one tick's
   * capacity per tick interval. Each start still goes through the period's claim, so a period
   * another node started meanwhile is skipped.
   */
  void pump() {
    synchronized (tickLock) {
      pumpScheduled = false;
      pumpRequested.set(false);
      if (backlog.isEmpty()) {
        return;
      }
      ExportSchedule schedule = ScheduleSettings.schedule();
      freeSlots = ClusterSettings.exportCapacity() - runningIds.size();
      while (freeSlots > 0 && !backlog.isEmpty()) {
        Due due = backlog.poll();
        try {
          Optional<ExportSettings> s = settings.settings(due.env());
          if (s.isEmpty()
              || !s.get().isEnabled()
              || !due.cadence().id().equals(s.get().getCadence())
              || !provisioning
                  .environment(due.env())
                  .getOrganization()
                  .getPlan()
                  .allowsAutomaticExport()) {
            continue; // changed since the tick: the next tick decides afresh
          }
          OptionalLong started =
              claimAndStart(
                  due.env(),
                  due.cadence(),
                  due.period(),
                  true,
                  null,
                  () ->
                      operations.start(
                          request(due.env(), due.cadence(), due.period(), schedule, "scheduler")));
          if (started.isPresent()) {
            freeSlots--;
            long execution = started.getAsLong();
            LOG.info(
                () ->
                    "Automatic export of environment "
                        + due.env()
                        + " for "
                        + due.period()
                        + " started as execution "
                        + execution);
          }
        } catch (RuntimeException e) {
          // issue 20 (faults): a start that failed (the database away) is not dropped — the tick
          // would never see it again once a later period of the environment is claimed. It goes
          // back to the head of the queue and the pump stops until the next tick (one line).
          backlog.addFirst(due);
          LOG.warning(
              "Automatic export of environment "
                  + due.env()
                  + " for "
                  + due.period()
                  + " could not be started; the next tick tries again: "
                  + e);
          break;
        }
      }
      backlogSize = backlog.size();
      if (!backlog.isEmpty()) {
        schedulePump();
      }
    }
  }

  /** Guarded by tickLock. */
  private void schedulePump() {
    if (!pumpScheduled) {
      timers.createSingleActionTimer(PUMP_DELAY_MILLIS, new TimerConfig(PUMP, false));
      pumpScheduled = true;
    }
  }

  private void tickNow() {
    try {
      tick(Instant.now());
    } catch (RuntimeException e) {
      // issue 20 (faults): the database away is expected — one line, no stack trace (§10).
      boolean away = com.warehouseexport.platform.DatabaseFailures.isUnavailable(e);
      LOG.log(
          Level.WARNING,
          "Automatic export tick failed; the next tick tries again"
              + (away ? ": " + com.warehouseexport.platform.DatabaseFailures.describe(e) : ""),
          away ? null : e);
    }
  }

  /** One pass over all environments as of {@code now} (operators may simulate other instants). */
  public TickReport tick(Instant now) {
    synchronized (tickLock) {
      long tickStarted = System.nanoTime();
      TickReport report = new TickReport(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      ExportSchedule schedule = ScheduleSettings.schedule();
      RetrySchedule retries = ScheduleSettings.retrySchedule();
      Instant wallClock = Instant.now();
      freeSlots = ClusterSettings.exportCapacity() - reconcileRunning();
      busy = false;
      backlog.clear();
      backlogSize = 0;
      dueLater.clear();
      // One read each of all open claims, latest periods and plans per tick (not per environment).
      openClaims = claims.openByEnvironment();
      latestPeriods = claims.latestPeriods();
      plans = provisioning.plansByEnvironment();
      paused = autoPause.pausedEnvironments();
      for (ExportSettings s : settings.enabled()) {
        try {
          tickEnvironment(s, schedule, retries, now, wallClock, report);
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "Automatic export of environment " + s.getEnvironmentId() + " could not be scheduled",
              e);
          report.skipped().add(s.getEnvironmentId() + ": " + e.getMessage());
        }
      }
      if (busy) {
        report.skipped().add("node " + node() + " busy: due work is left to the next tick or node");
      }
      if (!dueLater.isEmpty()) {
        List<Due> queued = new ArrayList<>(dueLater);
        dueLater.clear();
        java.util.Collections.shuffle(queued);
        // issue 20 (faults): oldest period first (stable: random within a period), so an
        // environment's later period never starts before its earlier one and leaves a gap.
        queued.sort(java.util.Comparator.comparing(Due::period));
        backlog.addAll(queued);
        backlogSize = backlog.size();
        report
            .skipped()
            .add(
                "node "
                    + node()
                    + " queued "
                    + queued.size()
                    + " due period(s) to start as its exports end");
        schedulePump();
      }
      long tookMillis = (System.nanoTime() - tickStarted) / 1_000_000;
      int queuedNow = backlog.size();
      if (tookMillis > SLOW_TICK_MILLIS) { // queued starts wait for the tick: worth knowing
        LOG.info(
            () ->
                "Automatic export tick took "
                    + tookMillis
                    + " ms: "
                    + report.started().size()
                    + " started, "
                    + queuedNow
                    + " queued");
      }
      return report;
    }
  }

  /** A tick longer than this is logged (it holds the lock the queued starts wait for). */
  private static final long SLOW_TICK_MILLIS = 2_000;

  /**
   * A start by the schedule, within this node's free batch capacity: a node that is busy leaves due
   * periods to the other nodes (or to its own next tick), so a midnight spreads over nodes.
   */
  private OptionalLong scheduled(
      long env,
      Cadence cadence,
      LocalDate period,
      boolean fresh,
      Long current,
      LongSupplier start) {
    if (freeSlots <= 0) {
      busy = true;
      return OptionalLong.empty();
    }
    OptionalLong started = claimAndStart(env, cadence, period, fresh, current, start);
    if (started.isPresent()) {
      freeSlots--;
    }
    return started;
  }

  /**
   * Exports running on this node: the job repository's running executions whose job parameter
   * {@code node} is this node, except those whose listener already reported their end in this JVM
   * ({@link #onExportEnded}; the repository shows them STARTED until their last listener has run).
   * Read once per tick; between ticks {@link #runningIds} is kept up to date by the starts and the
   * job listener's events, so the pump never queries the repository (a query per start, under the
   * lock the queued starts wait for, slowed a midnight of 10,000 environments to a few per second).
   *
   * @return how many exports run on this node
   */
  private int reconcileRunning() {
    JobOperator operator = BatchRuntime.getJobOperator();
    String self = node();
    java.util.Set<Long> listed = new java.util.HashSet<>();
    java.util.Set<Long> mine = new java.util.HashSet<>();
    try {
      for (Long id : operator.getRunningExecutions(ExportJob.NAME)) {
        listed.add(id);
        if (endedHere.contains(id)) {
          continue;
        }
        java.util.Properties p = operator.getJobExecution(id).getJobParameters();
        if (p != null && self.equals(p.getProperty(ExportJob.NODE))) {
          mine.add(id);
        }
      }
    } catch (jakarta.batch.operations.NoSuchJobException e) {
      // no export ever ran: nothing is running
    }
    endedHere.retainAll(listed); // the repository caught up with these
    runningIds.retainAll(mine);
    runningIds.addAll(mine);
    return runningIds.size();
  }

  /** Executions that ended in this JVM while the repository may still list them as running. */
  private final java.util.Set<Long> endedHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Executions running on this node: added when this node starts one ({@link #claimAndStart}) and
   * when the job listener reports a start ({@link #onExportStarted}), removed when it reports the
   * end ({@link #onExportEnded}); replaced by the repository's view at every tick.
   */
  private final java.util.Set<Long> runningIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Size of {@link #backlog}, readable without the lock. */
  private volatile int backlogSize;

  /** A pump requested by an ended export and not yet run (at most one waits for the lock). */
  private final java.util.concurrent.atomic.AtomicBoolean pumpRequested =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** An export began on this node (any path: schedule, backfill, manual, restart, take-over). */
  public void onExportStarted(
      @jakarta.enterprise.event.Observes com.warehouseexport.export.ExportStarted started) {
    if (!endedHere.contains(started.executionId())) {
      runningIds.add(started.executionId());
    }
  }

  /**
   * An export ended on this node: its batch thread is free, so the next queued due period starts
   * now rather than when the pump next polls (a midnight of many small environments drained in
   * bursts of one node's capacity every 1.3–1.6 s before).
   */
  public void onExportEnded(
      @jakarta.enterprise.event.Observes com.warehouseexport.export.ExportEnded ended) {
    endedHere.add(ended.executionId());
    runningIds.remove(ended.executionId());
    if (backlogSize > 0 && pumpRequested.compareAndSet(false, true)) {
      timers.createSingleActionTimer(1, new TimerConfig(PUMP, false));
    }
  }

  private void tickEnvironment(
      ExportSettings s,
      ExportSchedule schedule,
      RetrySchedule retries,
      Instant now,
      Instant wallClock,
      TickReport report) {
    long env = s.getEnvironmentId();
    com.warehouseexport.tenancy.Plan plan = plans.get(env);
    if (plan == null) { // created after this tick's read
      plan = provisioning.environment(env).getOrganization().getPlan();
    }
    if (!plan.allowsAutomaticExport()) {
      report.skipped().add(env + ": paused, plan " + plan);
      return;
    }
    Cadence cadence = Cadence.fromId(s.getCadence());
    if (paused.contains(env)) {
      recordPaused(s, cadence, schedule, now, report);
      return;
    }
    for (PeriodClaims.Claim claim :
        openClaims.getOrDefault(PeriodClaims.key(env, cadence), List.of())) {
      advance(claim, schedule, retries, wallClock, report);
    }
    Optional<LocalDate> last =
        Optional.ofNullable(latestPeriods.get(PeriodClaims.key(env, cadence)));
    int lookBack = ScheduleSettings.lookBackPeriods();
    for (LocalDate period :
        schedule.missedPeriods(
            cadence, now, last.orElse(null), s.getFirstPeriod(), lookBack, MISSED_SHOWN)) {
      if (claims.recordMissed(env, cadence, period, node())) {
        LOG.warning(
            () ->
                "Automatic export of environment "
                    + env
                    + " missed "
                    + period
                    + ": it fell outside the look-back window of "
                    + lookBack
                    + " periods");
      }
    }
    List<LocalDate> due =
        schedule.duePeriods(cadence, now, last.orElse(null), s.getFirstPeriod(), lookBack);
    for (LocalDate period : due) {
      if (freeSlots <= 0) {
        // no capacity here now: queued, started as this node's exports end (or by another node)
        dueLater.add(new Due(env, cadence, period));
        continue;
      }
      OptionalLong started =
          scheduled(
              env,
              cadence,
              period,
              true,
              null,
              () -> operations.start(request(env, cadence, period, schedule, "scheduler")));
      if (started.isPresent()) {
        long execution = started.getAsLong();
        report.started().add(env + " " + cadence.id() + " " + period + " → " + execution);
        LOG.info(
            () ->
                "Automatic export of environment "
                    + env
                    + " for "
                    + period
                    + " started as execution "
                    + execution);
      }
    }
  }

  /** Auto-paused: starts nothing; periods falling due are recorded as paused (shown, resumable). */
  private void recordPaused(
      ExportSettings s, Cadence cadence, ExportSchedule schedule, Instant now, TickReport report) {
    long env = s.getEnvironmentId();
    Optional<LocalDate> last = claims.latestPeriod(env, cadence);
    for (LocalDate period :
        schedule.duePeriods(
            cadence,
            now,
            last.orElse(null),
            s.getFirstPeriod(),
            ScheduleSettings.lookBackPeriods())) {
      claims.recordPaused(env, cadence, period, node());
    }
    report.skipped().add(env + ": automatic export is paused after repeated failures");
  }

  /**
   * Moves one open claim along: a claim whose start never happened is started after the claim
   * deadline; a finished attempt lands the period or schedules the next attempt (backoff with
   * jitter) or gives up at the horizon; a due retry starts a new attempt. Retries and deadlines run
   * on the wall clock, whatever instant a tick simulates.
   */
  private void advance(
      PeriodClaims.Claim claim,
      ExportSchedule schedule,
      RetrySchedule retries,
      Instant wallClock,
      TickReport report) {
    long env = claim.environmentId();
    Cadence cadence = claim.cadence();
    LocalDate period = claim.period();
    if (claim.withoutExecution()) {
      if (claim.claimedAt().plus(ScheduleSettings.claimDeadline()).isBefore(wallClock)) {
        // Claimed, but the start never happened (a crash between the two): start it now.
        scheduled(
                env,
                cadence,
                period,
                false,
                claim.executionId(),
                () ->
                    operations.start(
                        request(env, cadence, period, schedule, "scheduler (unstarted claim)")))
            .ifPresent(
                next -> {
                  report.restarted().add(env + " " + period + " → " + next);
                  if (claim.queuedByBackfill()) {
                    LOG.info(
                        "Automatic export of environment "
                            + env
                            + " for "
                            + period
                            + " (queued by a backfill) started as execution "
                            + next);
                  } else {
                    LOG.warning(
                        "Automatic export of environment "
                            + env
                            + " for "
                            + period
                            + " was claimed but never started; started now as execution "
                            + next);
                  }
                });
      }
      return;
    }
    if (claim.state() == PeriodClaims.State.RETRYING) {
      if (claim.nextAttemptAt() == null || !claim.nextAttemptAt().isAfter(wallClock)) {
        String by = "scheduler (attempt " + (claim.attempts() + 1) + ")";
        scheduled(
                env,
                cadence,
                period,
                false,
                claim.executionId(),
                () -> operations.start(request(env, cadence, period, schedule, by)))
            .ifPresent(next -> report.restarted().add(env + " " + period + " → " + next));
      }
      return;
    }
    ExportExecution execution;
    try {
      // A crash recovery may have restarted it already: look at the instance's latest execution.
      execution = history.latestOfInstance(claim.executionId());
    } catch (NotFoundException e) {
      return;
    }
    if (execution.isRunning()) {
      return;
    }
    if (execution.isCompleted()) {
      if (claims.markLanded(env, cadence, period, claim.executionId())) {
        outcomes.fire(
            new PeriodOutcome(env, cadence.id(), period, claim.executionId(), true, null));
      }
      return;
    }
    Instant failedAt = execution.endedAt() != null ? execution.endedAt() : wallClock;
    RetrySchedule.Decision decision =
        retries.next(
            schedule.runAt(cadence, period),
            Math.max(1, claim.attempts()),
            failedAt,
            RetrySchedule.seed(env, cadence.id(), period.toEpochDay(), claim.attempts()));
    if (decision instanceof RetrySchedule.RetryAt retry) {
      claims.markRetrying(env, cadence, period, claim.executionId(), retry.at());
      LOG.info(
          () ->
              "Automatic export of environment "
                  + env
                  + " for "
                  + period
                  + " failed (attempt "
                  + claim.attempts()
                  + "); next attempt at "
                  + retry.at());
    } else if (claims.markFailed(env, cadence, period, claim.executionId())) {
      LOG.warning(
          () ->
              "Automatic export of environment "
                  + env
                  + " for "
                  + period
                  + " failed for good after "
                  + claim.attempts()
                  + " attempts: it is more than "
                  + retries.giveUpAfter()
                  + " past due");
      outcomes.fire(
          new PeriodOutcome(
              env, cadence.id(), period, claim.executionId(), false, execution.error()));
    }
  }

  /**
   * Operators: export one period now through the same claim. Without {@code replace} a period that
   * was already started answers with an error; with it, a new run replaces the object.
   */
  public long runPeriod(long env, LocalDate period, boolean replace, String by) {
    ExportSettings s =
        settings
            .settings(env)
            .orElseThrow(
                () ->
                    new ExportStateException(
                        "Automatic export is not configured for environment " + env));
    Cadence cadence = Cadence.fromId(s.getCadence());
    cadence.requireValidPeriod(period);
    ExportSchedule schedule = ScheduleSettings.schedule();
    if (schedule.asOf(cadence, period).isAfter(Instant.now())) {
      throw new ExportStateException("The period " + period + " has not ended yet");
    }
    OptionalLong started =
        claimAndStart(
            env,
            cadence,
            period,
            true,
            null,
            () -> operations.start(request(env, cadence, period, schedule, by)));
    if (started.isPresent()) {
      return started.getAsLong();
    }
    PeriodClaims.Claim claim = claims.find(env, cadence, period).orElseThrow();
    boolean landedOrRunning =
        claim.state() == PeriodClaims.State.STARTED || claim.state() == PeriodClaims.State.LANDED;
    if (!replace && landedOrRunning) {
      throw new ExportStateException(
          "The period "
              + period
              + " was already exported or is being exported (execution "
              + claim.executionId()
              + "); pass replace=true to export it again");
    }
    if (claim.executionId() != null && claim.executionId() > 0) {
      try {
        if (history.execution(claim.executionId()).isRunning()) {
          throw new ExportStateException(
              "The period "
                  + period
                  + " is being exported right now (execution "
                  + claim.executionId()
                  + ")");
        }
      } catch (NotFoundException ignored) {
        // the old execution is gone; replace it
      }
    }
    return claimAndStart(
            env,
            cadence,
            period,
            false,
            claim.executionId(),
            () -> operations.start(request(env, cadence, period, schedule, by)))
        .orElseThrow(
            () -> new ExportStateException("Someone else is re-running " + period + " right now"));
  }

  /** What a backfill did with one period: started as an execution, or queued for the ticks. */
  public record BackfillStart(LocalDate period, Long executionId) {}

  /**
   * A backfill of {@code periods} (checked by the caller: due, within the look-back window, never
   * claimed): each is claimed exactly once through its period claim, then started now while this
   * node has free batch capacity; the rest wait as unstarted claims that the next ticks start as
   * capacity frees up (on any node). Periods someone else claimed meanwhile are left out of the
   * answer. Due periods the schedule has not claimed yet and that are older than the newest
   * backfilled one are claimed along, so the schedule (which continues after the newest claimed
   * period) never skips them.
   */
  public List<BackfillStart> backfill(
      long env, Cadence cadence, List<LocalDate> periods, String by) {
    if (periods.isEmpty()) {
      return List.of();
    }
    ExportSchedule schedule = ScheduleSettings.schedule();
    LocalDate newest = periods.stream().max(LocalDate::compareTo).orElseThrow();
    java.util.TreeSet<LocalDate> wanted = new java.util.TreeSet<>(periods);
    settings
        .settings(env)
        .ifPresent(
            s ->
                schedule
                    .duePeriods(
                        cadence,
                        Instant.now(),
                        claims.latestPeriod(env, cadence).orElse(null),
                        s.getFirstPeriod(),
                        ScheduleSettings.lookBackPeriods())
                    .stream()
                    .filter(p -> p.isBefore(newest))
                    .forEach(wanted::add));
    Instant queuedAt = Instant.now().minus(ScheduleSettings.claimDeadline()).minusSeconds(1);
    List<LocalDate> won = new ArrayList<>();
    for (LocalDate period : wanted) {
      if (claims.claimQueued(env, cadence, period, node(), queuedAt)) {
        won.add(period);
      }
    }
    List<BackfillStart> result = new ArrayList<>();
    synchronized (tickLock) {
      int free = ClusterSettings.exportCapacity() - runningIds.size();
      for (LocalDate period : won) {
        Long execution = null;
        if (free > 0) {
          OptionalLong started =
              claimAndStart(
                  env,
                  cadence,
                  period,
                  false,
                  null,
                  () -> operations.start(request(env, cadence, period, schedule, by)));
          if (started.isPresent()) {
            free--;
            execution = started.getAsLong();
          }
        }
        result.add(new BackfillStart(period, execution));
      }
    }
    long startedNow = result.stream().filter(r -> r.executionId() != null).count();
    LOG.info(
        "Backfill of environment "
            + env
            + " by "
            + by
            + ": "
            + won.size()
            + " period(s) claimed, "
            + startedNow
            + " started now, the rest by the next ticks");
    return result;
  }

  /**
   * The one way a period's job is started: win the period (a new claim when {@code fresh}, else a
   * compare-and-set of the claim away from execution {@code current}), start the job, and point the
   * claim at the new execution. Empty if another tick, node or operator won.
   */
  private OptionalLong claimAndStart(
      long env,
      Cadence cadence,
      LocalDate period,
      boolean fresh,
      Long current,
      LongSupplier start) {
    Long from;
    if (fresh) {
      if (!claims.claim(env, cadence, period, node())) {
        return OptionalLong.empty();
      }
      from = null;
    } else {
      Optional<Long> placeholder = claims.reserve(env, cadence, period, current);
      if (placeholder.isEmpty()) {
        return OptionalLong.empty();
      }
      from = placeholder.get();
    }
    FaultInjection.afterClaim();
    long execution = start.getAsLong();
    if (!endedHere.contains(execution)) {
      runningIds.add(execution); // counted before its listener runs: the pump must not overfill
    }
    claims.attach(env, cadence, period, from, execution);
    return OptionalLong.of(execution);
  }

  static ExportRequest request(
      long env, Cadence cadence, LocalDate period, ExportSchedule schedule, String by) {
    return new ExportRequest(
        env,
        Aggregation.SNAPSHOT,
        schedule.asOf(cadence, period),
        ExportJob.DESTINATION_S3,
        cadence.id(),
        period.toString(),
        by,
        false);
  }

  private static String node() {
    return ClusterSettings.nodeName();
  }
}
