package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
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
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timer;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The automatic export schedule. A persistent EJB timer (stored in the database with the other
 * timers) ticks every 30 seconds on one node; each tick, for every enabled ENTERPRISE environment,
 * exports the periods that are due — missed ones first, oldest first, bounded by the look-back —
 * and retries failed runs a bounded number of times. A period is started only by whoever wins its
 * claim ({@link PeriodClaims}), so each period is exported exactly once however many nodes or
 * timers tick.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AutomaticExportScheduler {

  private static final Logger LOG = Logger.getLogger(AutomaticExportScheduler.class.getName());

  /** What one tick did. */
  public record TickReport(List<String> started, List<String> restarted, List<String> skipped) {}

  @EJB private ExportSettingsService settings;
  @EJB private PeriodClaims claims;
  @EJB private ExportOperations operations;
  @EJB private ExportHistoryService history;
  @EJB private ProvisioningService provisioning;

  private final Object tickLock = new Object();

  @Schedule(
      second = "*/30",
      minute = "*",
      hour = "*",
      persistent = true,
      info = "automatic-export-schedule")
  void onTimer(Timer timer) {
    try {
      tick(Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Automatic export tick failed; the next tick tries again", e);
    }
  }

  /** One pass over all environments as of {@code now} (operators may simulate other instants). */
  public TickReport tick(Instant now) {
    synchronized (tickLock) {
      TickReport report = new TickReport(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      ExportSchedule schedule = ScheduleSettings.schedule();
      for (ExportSettings s : settings.enabled()) {
        try {
          tickEnvironment(s, schedule, now, report);
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "Automatic export of environment " + s.getEnvironmentId() + " could not be scheduled",
              e);
          report.skipped().add(s.getEnvironmentId() + ": " + e.getMessage());
        }
      }
      return report;
    }
  }

  private void tickEnvironment(
      ExportSettings s, ExportSchedule schedule, Instant now, TickReport report) {
    long env = s.getEnvironmentId();
    Environment environment = provisioning.environment(env);
    if (!environment.getOrganization().getPlan().allowsAutomaticExport()) {
      report.skipped().add(env + ": paused, plan " + environment.getOrganization().getPlan());
      return;
    }
    Cadence cadence = Cadence.fromId(s.getCadence());
    LocalDate oldest =
        now.atZone(ZoneOffset.UTC)
            .toLocalDate()
            .minusDays(
                (cadence == Cadence.WEEKLY ? 7L : 1L) * (ScheduleSettings.lookBackPeriods() + 1));
    for (PeriodClaims.Claim claim : claims.claims(env, cadence)) {
      if (!claim.period().isBefore(oldest)) {
        retryIfNeeded(claim, schedule, report);
      }
    }
    Optional<LocalDate> last = claims.latestPeriod(env, cadence);
    List<LocalDate> due =
        schedule.duePeriods(
            cadence,
            now,
            last.orElse(null),
            s.getFirstPeriod(),
            ScheduleSettings.lookBackPeriods());
    for (LocalDate period : due) {
      OptionalLong started =
          claimAndStart(
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

  private void retryIfNeeded(PeriodClaims.Claim claim, ExportSchedule schedule, TickReport report) {
    Long id = claim.executionId();
    if (id == null || id < 0) {
      return; // being started right now (or a start that crashed: see the issue notes)
    }
    ExportExecution execution;
    try {
      // A crash recovery may have restarted it already: look at the instance's latest execution.
      execution = history.latestOfInstance(id);
    } catch (NotFoundException e) {
      return;
    }
    boolean failed = execution.status().equals("FAILED") || execution.status().equals("STOPPED");
    if (!failed || claim.attempts() >= ScheduleSettings.maxAttempts()) {
      return;
    }
    OptionalLong restarted =
        claimAndStart(
            claim.environmentId(),
            claim.cadence(),
            claim.period(),
            false,
            id,
            () -> operations.restart(execution.executionId(), new Properties()));
    restarted.ifPresent(
        next ->
            report.restarted().add(claim.environmentId() + " " + claim.period() + " → " + next));
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
    if (!replace) {
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
    long execution = start.getAsLong();
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
        by);
  }

  private static String node() {
    return System.getProperty("jboss.node.name", "local");
  }
}
