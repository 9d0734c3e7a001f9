package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.automatic.TickReport.RefusalReason;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettings;
import com.warehouseexport.tenancy.Plan;
import com.warehouseexport.tenancy.ProvisioningService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One scheduler pass over the enabled environments as of {@code now}: for each destination switched
 * on (a bucket, a table: PRODUCT.md §11), moves its open claims along ({@link ClaimAdvancer}),
 * records the periods that fell outside the look-back window as missed, and collects the due ones,
 * oldest first, for the scheduler to start in the order the nodes share them ({@link
 * com.warehouseexport.core.cluster.ShareOrder}). An auto-paused destination gets no new attempts:
 * its due periods are recorded as paused. Not thread-safe: one pass at a time, under the node's
 * capacity lock.
 */
final class TickPass {

  private static final Logger LOG = Logger.getLogger(TickPass.class.getName());

  /** How many missed periods (outside the look-back window) are recorded and shown at most. */
  static final int MISSED_SHOWN = 60;

  /**
   * What a pass reads once for all environments (not once per environment): open claims and the
   * latest claimed period by {@link PeriodClaims#key}, plans and auto-paused destinations (by
   * {@link ExportAlertState#key}).
   */
  record Reads(
      Map<String, List<PeriodClaim>> openClaims,
      Map<String, LocalDate> latestPeriods,
      Map<Long, Plan> plans,
      Set<String> paused) {}

  /** The instant simulated ({@code now}), the wall clock (retries, deadlines) and the rules. */
  record Clock(Instant now, Instant wallClock, ExportSchedule schedule, RetrySchedule retries) {}

  private final PeriodClaims claims;
  private final ProvisioningService provisioning;
  private final ClaimAdvancer advancer;
  private final Reads reads;
  private final Clock clock;
  private final TickCapacity capacity;
  private final TickReport.Builder report;
  private final List<PeriodId> due = new ArrayList<>();

  TickPass(
      PeriodClaims claims,
      ProvisioningService provisioning,
      ClaimAdvancer advancer,
      Reads reads,
      Clock clock,
      TickCapacity capacity,
      TickReport.Builder report) {
    this.claims = claims;
    this.provisioning = provisioning;
    this.advancer = advancer;
    this.reads = reads;
    this.clock = clock;
    this.capacity = capacity;
    this.report = report;
  }

  /**
   * The due periods this pass found, no claim taken yet, each environment's oldest first: the
   * scheduler starts them within its capacity, in the order the nodes share them, and queues the
   * rest for the pump.
   */
  List<PeriodId> due() {
    return List.copyOf(due);
  }

  /**
   * The destinations a pass over {@code enabled} visits: each switched on, not auto-paused ({@code
   * paused}: {@link ExportAlertState#key}), of an environment whose plan (as read) allows automatic
   * export. Their claims are the ones settled before the lock and their latest periods the ones
   * read; other claims are left as {@link #environment} leaves them.
   */
  static List<PeriodClaims.Schedule> visited(
      List<ExportSettings> enabled, Map<Long, Plan> plans, Set<String> paused) {
    List<PeriodClaims.Schedule> visited = new ArrayList<>();
    for (ExportSettings s : enabled) {
      long env = s.getEnvironmentId();
      Plan plan = plans.get(env);
      if (plan == null || !plan.allowsAutomaticExport()) {
        continue;
      }
      for (DestinationSchedule d : s.schedules()) {
        if (d.enabled() && !paused.contains(ExportAlertState.key(env, d.kind()))) {
          visited.add(new PeriodClaims.Schedule(env, d.kind(), d.cadence()));
        }
      }
    }
    return visited;
  }

  /** Schedules one environment: each of its destinations that is switched on. */
  void environment(ExportSettings s) {
    long env = s.getEnvironmentId();
    Plan plan = reads.plans().get(env);
    if (plan == null) { // created after this tick's read
      plan = provisioning.environment(env).getOrganization().getPlan();
    }
    if (!plan.allowsAutomaticExport()) {
      report.refused(env, RefusalReason.PLAN, plan.name());
      return;
    }
    for (DestinationSchedule destination : s.schedules()) {
      if (destination.enabled()) {
        destination(env, destination);
      }
    }
  }

  /** Schedules one destination of an environment. */
  private void destination(long env, DestinationSchedule d) {
    String kind = d.kind();
    Cadence cadence = d.cadence();
    if (reads.paused().contains(ExportAlertState.key(env, kind))) {
      recordPaused(env, d);
      return;
    }
    for (PeriodClaim claim :
        reads.openClaims().getOrDefault(PeriodClaims.key(env, kind, cadence), List.of())) {
      advancer.advance(
          claim, clock.schedule(), clock.retries(), clock.wallClock(), capacity, report);
    }
    if (capacity.busy()) {
      report.busy(); // open claims left to the next tick or another node
    }
    Optional<LocalDate> last =
        Optional.ofNullable(reads.latestPeriods().get(PeriodClaims.key(env, kind, cadence)));
    int lookBack = ScheduleSettings.lookBackPeriods();
    ExportSchedule schedule = clock.schedule();
    for (LocalDate period :
        schedule.missedPeriods(
            cadence, clock.now(), last.orElse(null), d.firstPeriod(), lookBack, MISSED_SHOWN)) {
      if (claims.recordMissed(new PeriodId(env, kind, cadence, period), NodeExportSlots.node())) {
        LOG.warning(
            () ->
                "Automatic export of environment "
                    + env
                    + " ("
                    + kind
                    + ") missed "
                    + period
                    + ": it fell outside the look-back window of "
                    + lookBack
                    + " periods");
      }
    }
    for (LocalDate period :
        schedule.duePeriods(cadence, clock.now(), last.orElse(null), d.firstPeriod(), lookBack)) {
      due.add(new PeriodId(env, kind, cadence, period));
    }
  }

  /** The log line of a started period. */
  static String started(PeriodId id, long execution) {
    return "Automatic export of environment "
        + id.environmentId()
        + " ("
        + id.destination()
        + ") for "
        + id.period()
        + " started as execution "
        + execution;
  }

  /** Auto-paused: starts nothing; periods falling due are recorded as paused (shown, resumable). */
  private void recordPaused(long env, DestinationSchedule d) {
    Cadence cadence = d.cadence();
    Optional<LocalDate> last = claims.latestPeriod(env, d.kind(), cadence);
    for (LocalDate period :
        clock
            .schedule()
            .duePeriods(
                cadence,
                clock.now(),
                last.orElse(null),
                d.firstPeriod(),
                ScheduleSettings.lookBackPeriods())) {
      claims.recordPaused(new PeriodId(env, d.kind(), cadence, period), NodeExportSlots.node());
    }
    report.refused(
        env,
        RefusalReason.AUTO_PAUSED,
        "automatic export to the " + d.kind() + " destination is paused after repeated failures");
  }
}
