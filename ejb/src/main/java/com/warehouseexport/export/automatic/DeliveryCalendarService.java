package com.warehouseexport.export.automatic;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.core.schedule.BackfillPlan;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.DeliveryCalendar;
import com.warehouseexport.errors.RejectedValueException;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.history.JobRepositoryReads;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The delivery calendar of an environment's automatic export and the admins' backfill of a date
 * range (issue 12, console). The calendar reads a bounded number of queries whatever its size: the
 * settings, the plan, the pause, the newest claim, the claims of the calendar's periods and the
 * outcomes of their executions (two queries). Callers check tenancy first.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DeliveryCalendarService {

  /**
   * The calendar: the cadence and one cell per period, oldest first (no cadence and no cells when
   * automatic export was never configured).
   */
  public record Calendar(Cadence cadence, List<DeliveryCalendar.Cell> cells) {}

  /** A backfill preview: the cadence and what happens to each period of the range. */
  public record Preview(Cadence cadence, List<BackfillPlan.Item> items) {
    public List<LocalDate> toExport() {
      return items.stream()
          .filter(i -> i.action() == BackfillPlan.Action.EXPORT)
          .map(BackfillPlan.Item::period)
          .toList();
    }
  }

  @EJB private ExportSettingsService settings;
  @EJB private ProvisioningService provisioning;
  @EJB private PeriodClaims claims;
  @EJB private AutoPause autoPause;
  @EJB private ClusterClock clusterClock;
  @EJB private JobRepositoryReads jobRepository;
  @EJB private OperatorPeriodRuns runs;

  /**
   * The calendar of the environment's destination of {@code kind} at {@code now}; without a cadence
   * and cells when that destination was never configured (there is no schedule to show).
   */
  public Calendar calendar(long environmentId, String kind, Instant now) {
    Environment environment = provisioning.environment(environmentId);
    java.util.Optional<DestinationSchedule> saved =
        settings.settings(environmentId).flatMap(x -> x.schedule(kind));
    if (saved.isEmpty()) {
      return new Calendar(null, List.of());
    }
    DestinationSchedule s = saved.get();
    Cadence cadence = s.cadence();
    DeliveryCalendar calendar = new DeliveryCalendar(ScheduleSettings.schedule());
    List<LocalDate> periods = calendar.periods(cadence, now);
    Map<LocalDate, DeliveryCalendar.Claim> facts =
        claimFacts(environmentId, kind, cadence, periods.get(0), periods.get(periods.size() - 1));
    boolean active = s.enabled() && environment.getOrganization().getPlan().allowsAutomaticExport();
    DeliveryCalendar.Facts state =
        new DeliveryCalendar.Facts(
            active,
            autoPause.isPaused(environmentId, kind),
            s.firstPeriod(),
            claims.latestPeriod(environmentId, kind, cadence).orElse(null),
            ScheduleSettings.lookBackPeriods());
    return new Calendar(cadence, calendar.cells(cadence, now, state, facts));
  }

  /**
   * The claims of {@code [from, to]} with the outcome of their executions: two queries for the
   * claims and one or two for the executions, whatever the range.
   */
  private Map<LocalDate, DeliveryCalendar.Claim> claimFacts(
      long environmentId, String kind, Cadence cadence, LocalDate from, LocalDate to) {
    Map<LocalDate, PeriodClaim> stored = claims.between(environmentId, kind, cadence, from, to);
    Set<Long> executions =
        stored.values().stream()
            .map(PeriodClaim::executionId)
            .filter(id -> id != null && id > 0)
            .collect(Collectors.toSet());
    Map<Long, JobRepositoryReads.Outcome> outcomes = jobRepository.outcomes(executions);
    Map<LocalDate, DeliveryCalendar.Claim> facts = new HashMap<>();
    for (PeriodClaim claim : stored.values()) {
      JobRepositoryReads.Outcome outcome =
          claim.withoutExecution() ? null : outcomes.get(claim.executionId());
      facts.put(
          claim.period(),
          new DeliveryCalendar.Claim(
              claim.period(),
              DeliveryCalendar.ClaimState.valueOf(claim.state().name()),
              claim.executionId(),
              claim.attempts(),
              run(claim, outcome),
              outcome == null ? null : outcome.error()));
    }
    return facts;
  }

  private static DeliveryCalendar.Run run(PeriodClaim claim, JobRepositoryReads.Outcome outcome) {
    if (claim.withoutExecution()) {
      return DeliveryCalendar.Run.NONE;
    }
    if (outcome == null) {
      return DeliveryCalendar.Run.UNKNOWN;
    }
    return switch (outcome.status()) {
      case COMPLETED -> DeliveryCalendar.Run.COMPLETED;
      case STARTING, STARTED, STOPPING -> DeliveryCalendar.Run.RUNNING;
      default -> DeliveryCalendar.Run.FAILED;
    };
  }

  /**
   * Which periods of {@code [from, to]} a backfill would export. 422 naming {@code from} or {@code
   * to} when the range is not allowed (see {@link BackfillPlan#check}).
   */
  public Preview preview(
      long environmentId, String kind, LocalDate from, LocalDate to, Instant now) {
    Environment environment = provisioning.environment(environmentId);
    requirePlan(environment);
    DestinationSchedule s = configured(environmentId, kind);
    return plan(environmentId, kind, s.cadence(), from, to, now);
  }

  /**
   * Starts the backfill of {@code [from, to]}: the plan's periods that were never claimed, each
   * through its period claim (exactly once), now while this node has free capacity, the rest by the
   * next ticks. Needs the Enterprise plan (403), automatic export switched on and not paused (409).
   */
  public List<OperatorPeriodRuns.BackfillStart> start(
      long environmentId, String kind, LocalDate from, LocalDate to, String by) {
    Environment environment = provisioning.environment(environmentId);
    requirePlan(environment);
    DestinationSchedule s = configured(environmentId, kind);
    if (!s.enabled()) {
      throw new ExportStateException(
          "Automatic export is switched off: switch it on before backfilling periods");
    }
    if (autoPause.isPaused(environmentId, kind)) {
      throw new ExportStateException(
          "Automatic export is paused after repeated failures: press Resume first");
    }
    Cadence cadence = s.cadence();
    Preview preview = plan(environmentId, kind, cadence, from, to, clusterClock.now());
    return runs.backfill(environmentId, kind, cadence, preview.toExport(), by);
  }

  private Preview plan(
      long environmentId, String kind, Cadence cadence, LocalDate from, LocalDate to, Instant now) {
    List<LocalDate> periods;
    try {
      periods =
          BackfillPlan.check(
              ScheduleSettings.schedule(),
              cadence,
              now,
              from,
              to,
              ScheduleSettings.lookBackPeriods());
    } catch (BackfillPlan.RangeException e) {
      throw new RejectedValueException(e.field(), e.getMessage());
    }
    // As the calendar shows it: an attempt that completed counts as landed before a tick marks it.
    Map<LocalDate, DeliveryCalendar.ClaimState> claimed = new HashMap<>();
    claimFacts(environmentId, kind, cadence, periods.get(0), periods.get(periods.size() - 1))
        .forEach(
            (period, claim) ->
                claimed.put(
                    period,
                    claim.state() == DeliveryCalendar.ClaimState.STARTED
                            && claim.run() == DeliveryCalendar.Run.COMPLETED
                        ? DeliveryCalendar.ClaimState.LANDED
                        : claim.state()));
    BackfillPlan plan =
        BackfillPlan.of(
            ScheduleSettings.schedule(),
            cadence,
            now,
            from,
            to,
            ScheduleSettings.lookBackPeriods(),
            claimed);
    return new Preview(cadence, plan.items());
  }

  private DestinationSchedule configured(long environmentId, String kind) {
    return settings
        .settings(environmentId)
        .flatMap(s -> s.schedule(kind))
        .orElseThrow(
            () ->
                new ExportStateException(
                    "Automatic export is not configured for this environment"));
  }

  private static void requirePlan(Environment environment) {
    if (!environment.getOrganization().getPlan().allowsAutomaticExport()) {
      throw new PlanNotAllowedException(
          "Backfill is part of automatic export, on the Enterprise plan; this organization is on "
              + environment.getOrganization().getPlan()
              + ".");
    }
  }
}
