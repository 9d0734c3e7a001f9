package com.warehouseexport.export.automatic;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * "Export now" (PRODUCT.md §5): an admin runs the latest period that has ended at once — for a
 * daily schedule yesterday, for a weekly one the week that ended last Sunday — without waiting for
 * the schedule's grace delay, through the same period claim as the scheduler, backfills and
 * operators' runs, so the period still lands exactly once whoever races it (the scheduler, a second
 * click, another node).
 *
 * <p>A period that already landed is not exported again unless the admin asks explicitly ({@code
 * again}): the answer says it landed, and a re-export then replaces the object (same key) or the
 * period's rows in the table. A period being exported is left alone; one waiting for a retry or
 * failed for good is tried now.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExportNow {

  private static final Logger LOG = Logger.getLogger(ExportNow.class.getName());

  /** What pressing Export now did. */
  public enum Result {
    /** The period's export started now (first attempt, or a retry of a failed one). */
    STARTED,
    /** The period had landed; on request it is exported again, replacing the object. */
    EXPORTING_AGAIN,
    /** The period already landed; nothing started (ask again to re-export). */
    ALREADY_LANDED,
    /** The period is being exported (or about to start) right now; nothing started. */
    RUNNING;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Whether an execution was started by this request. */
    public boolean started() {
      return this == STARTED || this == EXPORTING_AGAIN;
    }
  }

  /**
   * @param executionId the started execution, or the one that landed or runs (null if unknown)
   * @param message a sentence for the admin
   */
  public record Outcome(Result result, LocalDate period, Long executionId, String message) {}

  @EJB private ExportSettingsService settings;
  @EJB private ProvisioningService provisioning;
  @EJB private PeriodClaims claims;
  @EJB private ExportOperations operations;
  @EJB private ExportHistoryService history;
  @EJB private NodeExportSlots slots;
  @EJB private AutoPause autoPause;
  @EJB private ClusterClock clusterClock;

  /**
   * The newest period that has ended at {@code now}: yesterday for daily, the last complete
   * Sunday-ended week for weekly. Unlike the schedule it does not wait for the grace delay: the
   * admin asked for it now.
   */
  public static LocalDate period(Cadence cadence, Instant now) {
    return new ExportSchedule(Duration.ZERO)
        .latestDuePeriod(cadence, now)
        .orElseThrow(() -> new IllegalArgumentException("No period has ended at " + now));
  }

  /**
   * Exports the latest ended period to the environment's destination of {@code kind} now through
   * its claim.
   *
   * @param again re-export a period that already landed (replacing its object)
   * @throws ExportStateException when automatic export is not configured, switched off or paused
   */
  public Outcome run(long env, String kind, boolean again, String by) {
    Environment environment = provisioning.environment(env);
    if (!environment.getOrganization().getPlan().allowsAutomaticExport()) {
      throw new PlanNotAllowedException(
          "Export now is part of automatic export, on the Enterprise plan; this organization is on "
              + environment.getOrganization().getPlan()
              + ".");
    }
    DestinationSchedule s =
        settings
            .settings(env)
            .flatMap(x -> x.schedule(kind))
            .orElseThrow(
                () ->
                    new ExportStateException(
                        ExportJob.DESTINATION_POSTGRESQL.equals(kind)
                            ? "No PostgreSQL table is set up yet: save it first."
                            : "Automatic export is not set up yet: save the settings first."));
    if (!s.enabled()) {
      throw new ExportStateException(
          "Automatic export is switched off: enable it and save before exporting now.");
    }
    if (autoPause.isPaused(env, kind)) {
      throw new ExportStateException(
          "Automatic export is paused after repeated failures: resume it first.");
    }
    Cadence cadence = s.cadence();
    LocalDate period = period(cadence, clusterClock.now());
    ExportSchedule schedule = ScheduleSettings.schedule();
    PeriodId id = new PeriodId(env, kind, cadence, period);
    PeriodStarts starts = new PeriodStarts(claims, operations, slots, clusterClock::millis);
    OptionalLong fresh = starts.fresh(id, schedule, by);
    if (fresh.isPresent()) {
      return started(Result.STARTED, id, fresh.getAsLong(), by);
    }
    PeriodClaim claim = claims.find(id).orElseThrow();
    Long execution =
        claim.executionId() != null && claim.executionId() > 0 ? claim.executionId() : null;
    ExportExecution current = execution == null ? null : find(execution);
    boolean running =
        (current != null && current.isRunning())
            || (claim.state() == ClaimState.STARTED && current == null);
    if (running) {
      return running(period, execution);
    }
    // A claim still "started" whose execution completed has landed; the next tick records it.
    boolean landed =
        claim.state() == ClaimState.LANDED
            || (claim.state() == ClaimState.STARTED && current.isCompleted());
    // A claim from before V18 (one destination at a time) that landed at the other kind: not here.
    if (landed && !landedAt(kind, current == null ? null : current.destination())) {
      return takeOver(starts, id, claim, schedule, Result.STARTED, by);
    }
    if (landed && !again) {
      return new Outcome(
          Result.ALREADY_LANDED, period, execution, alreadyLanded(period, execution, kind));
    }
    // Landed and asked again, or retrying, failed for good, missed, paused: run it now.
    return takeOver(
        starts, id, claim, schedule, landed ? Result.EXPORTING_AGAIN : Result.STARTED, by);
  }

  /**
   * Whether a period whose claim landed is at the destination of {@code currentKind}: false when
   * the landed execution went to the other kind (a claim carried over by V18 from the time an
   * environment had one destination at a time); true when that execution is unknown.
   */
  static boolean landedAt(String currentKind, String landedDestination) {
    return landedDestination == null
        || landedDestination.isEmpty()
        || landedDestination.equals(currentKind);
  }

  /**
   * The answer when the period already landed: what exporting it again would replace — the file in
   * the bucket, or the period's rows in the PostgreSQL table.
   */
  static String alreadyLanded(LocalDate period, Long execution, String destinationKind) {
    return "The export of "
        + period
        + " already landed"
        + (execution == null ? "" : " (execution " + execution + ")")
        + ". Export it again only if you want to "
        + (ExportJob.DESTINATION_POSTGRESQL.equals(destinationKind)
            ? "replace the rows of " + period + " in the table."
            : "replace the file.");
  }

  private Outcome takeOver(
      PeriodStarts starts,
      PeriodId id,
      PeriodClaim claim,
      ExportSchedule schedule,
      Result result,
      String by) {
    OptionalLong started = starts.takeOver(id, claim.executionId(), schedule, by);
    if (started.isEmpty()) {
      return running(id.period(), null); // someone else won the claim a moment ago
    }
    return started(result, id, started.getAsLong(), by);
  }

  private Outcome started(Result result, PeriodId id, long execution, String by) {
    LOG.info(
        "Export now of environment "
            + id.environmentId()
            + " ("
            + id.destination()
            + ") period "
            + id.period()
            + " by "
            + by
            + ": "
            + result.id()
            + ", execution "
            + execution);
    return new Outcome(
        result,
        id.period(),
        execution,
        (result == Result.EXPORTING_AGAIN
                ? "Exporting " + id.period() + " again"
                : "Exporting " + id.period() + " now")
            + " (execution "
            + execution
            + "); the status shows when it has landed.");
  }

  private static Outcome running(LocalDate period, Long execution) {
    return new Outcome(
        Result.RUNNING,
        period,
        execution,
        "The export of "
            + period
            + " is already running"
            + (execution == null ? "" : " (execution " + execution + ")")
            + "; it lands once.");
  }

  private ExportExecution find(long execution) {
    try {
      return history.execution(execution);
    } catch (NotFoundException e) {
      return null;
    }
  }
}
