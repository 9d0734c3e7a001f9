package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.history.JobRepositoryReads;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The automatic export status block (PRODUCT.md §5), derived from the settings, the schedule and
 * the job repository's executions to the environment's destination ({@link PeriodDestinations}).
 */
@Stateless
public class ExportStatusService {

  /** At most this many retrying, failed or missed periods are listed. */
  static final int LISTED = 60;

  @EJB private ExportSettingsService settings;
  @EJB private ExportHistoryService history;
  @EJB private ProvisioningService provisioning;
  @EJB private PeriodClaims claims;
  @EJB private AutoPause autoPause;
  @EJB private JobRepositoryReads jobRepository;

  /**
   * The status of the environment's destination saved last (see {@link #status(long, String,
   * Instant)}).
   */
  public ExportStatusView status(long environmentId, Instant now) {
    return status(environmentId, settings.kindOrDefault(environmentId, null), now);
  }

  /**
   * The status of automatic export of an environment to its destination of {@code kind} ({@code s3}
   * or {@code postgresql}; each destination has its own, PRODUCT.md §11).
   */
  public ExportStatusView status(long environmentId, String kind, Instant now) {
    Environment environment = provisioning.environment(environmentId);
    Optional<DestinationSchedule> stored =
        settings.settings(environmentId).flatMap(s -> s.schedule(kind));
    // Two indexed look-ups, whatever the size of the history (not a walk over it).
    boolean running = history.newest(environmentId, kind, true).isPresent();
    ExportExecution last = history.newest(environmentId, kind, false).orElse(null);
    String status;
    String error = null;
    if (last == null) {
      status = ExportStatusView.NEVER;
    } else if (last.isCompleted()) {
      status = ExportStatusView.SUCCESSFUL;
    } else {
      status = ExportStatusView.FAILED;
      error =
          last.error() != null
              ? last.error()
              : "The export was "
                  + last.status().name().toLowerCase(java.util.Locale.ROOT)
                  + " by an operator.";
    }
    List<PeriodClaim> retrying = claims.inState(environmentId, kind, ClaimState.RETRYING, LISTED);
    ExportStatusView.Retry retry =
        retrying.stream()
            .filter(c -> c.nextAttemptAt() != null)
            .min(Comparator.comparing(PeriodClaim::nextAttemptAt))
            .map(
                c ->
                    new ExportStatusView.Retry(
                        retrying.size(), c.attempts(), c.period(), c.nextAttemptAt()))
            .orElse(null);
    List<LocalDate> failedForGood =
        periods(claims.inState(environmentId, kind, ClaimState.FAILED, LISTED));
    List<LocalDate> missed =
        periods(claims.inState(environmentId, kind, ClaimState.MISSED, LISTED));
    if (last != null
        && !last.isCompleted()
        && last.period() != null
        && failedForGood.contains(LocalDate.parse(last.period()))) {
      error =
          error
              + " Gave up on "
              + last.period()
              + ": it is more than "
              + human(ScheduleSettings.retrySchedule().giveUpAfter())
              + " past due and since it was last asked for (EXPORT_GIVE_UP_AFTER). Saving the"
              + " settings tries it again.";
    }
    String paused = null;
    Instant next = null;
    Optional<ExportAlertState.Pause> pause = autoPause.pause(environmentId, kind);
    if (pause.isPresent() && stored.isPresent() && stored.get().enabled()) {
      status = ExportStatusView.PAUSED;
      paused = pause.get().reason();
    } else if (stored.isEmpty() || !stored.get().enabled()) {
      paused = "Automatic export is switched off.";
    } else if (!environment.getOrganization().getPlan().allowsAutomaticExport()) {
      paused =
          "Paused: automatic export needs the Enterprise plan; this organization is on "
              + environment.getOrganization().getPlan()
              + ".";
    } else {
      next = nextRun(environmentId, stored.get(), now);
    }
    List<LocalDate> pausedPeriods =
        periods(claims.inState(environmentId, kind, ClaimState.PAUSED, LISTED));
    // Queued or starting periods (claimed, execution not finished or not yet advanced) and a
    // pending retry change the status without anyone acting.
    boolean pending =
        retry != null || !claims.inState(environmentId, kind, ClaimState.STARTED, LISTED).isEmpty();
    if (ExportStatusView.PAUSED.equals(status)) {
      // Nothing starts while paused: a pending retry is not "next at <instant>" (that instant
      // would pass with nothing running); those periods wait for Resume with the paused ones, as
      // do claims whose attempt failed before the tick could schedule its retry, and queued ones
      // (the calendar shows all of them as paused: DeliveryCalendar.whilePaused).
      List<LocalDate> waiting = new java.util.ArrayList<>(pausedPeriods);
      retrying.forEach(c -> waiting.add(c.period()));
      List<PeriodClaim> open = claims.inState(environmentId, kind, ClaimState.STARTED, LISTED);
      java.util.Map<Long, JobRepositoryReads.Outcome> outcomes =
          jobRepository.outcomes(
              open.stream()
                  .filter(c -> !c.withoutExecution())
                  .map(PeriodClaim::executionId)
                  .collect(java.util.stream.Collectors.toSet()));
      for (PeriodClaim c : open) {
        JobRepositoryReads.Outcome outcome =
            c.withoutExecution() ? null : outcomes.get(c.executionId());
        boolean failed =
            outcome != null
                && outcome.status() != jakarta.batch.runtime.BatchStatus.COMPLETED
                && outcome.status() != jakarta.batch.runtime.BatchStatus.STARTING
                && outcome.status() != jakarta.batch.runtime.BatchStatus.STARTED
                && outcome.status() != jakarta.batch.runtime.BatchStatus.STOPPING;
        if (c.withoutExecution() || failed) {
          waiting.add(c.period());
        }
      }
      pausedPeriods = waiting.stream().distinct().sorted().toList();
      retry = null;
      pending = false; // nothing starts while paused
    }
    return new ExportStatusView(
        last == null ? null : last.endedAt() != null ? last.endedAt() : last.startedAt(),
        status,
        next,
        error,
        running,
        paused,
        last == null ? null : last.period(),
        retry,
        failedForGood,
        missed,
        ExportStatusView.PAUSED.equals(status),
        pausedPeriods,
        pending);
  }

  /** Periods of claims, oldest first. */
  private static List<LocalDate> periods(List<PeriodClaim> list) {
    return list.stream().map(PeriodClaim::period).sorted().toList();
  }

  /** "48 hours", "2 minutes", "30 seconds". */
  static String human(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      long h = d.toHours();
      return h + (h == 1 ? " hour" : " hours");
    }
    if (d.toSeconds() % 60 == 0) {
      long m = d.toMinutes();
      return m + (m == 1 ? " minute" : " minutes");
    }
    long sec = d.toSeconds();
    return sec + (sec == 1 ? " second" : " seconds");
  }

  private Instant nextRun(long environmentId, DestinationSchedule s, Instant now) {
    ExportSchedule schedule = ScheduleSettings.schedule();
    Cadence cadence = s.cadence();
    Optional<java.time.LocalDate> lastClaimed =
        claims.latestPeriod(environmentId, s.kind(), cadence);
    List<java.time.LocalDate> due =
        schedule.duePeriods(
            cadence,
            now,
            lastClaimed.orElse(null),
            s.firstPeriod(),
            ScheduleSettings.lookBackPeriods());
    if (!due.isEmpty()) {
      return now; // missed periods are exported at the next tick
    }
    Instant next = schedule.nextRunAt(cadence, now);
    java.time.LocalDate first = s.firstPeriod();
    if (cadence == Cadence.WEEKLY) {
      while (first.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
        first = first.plusDays(1);
      }
    }
    Instant firstRun = schedule.runAt(cadence, first);
    return firstRun.isAfter(next) ? firstRun : next;
  }
}
