package com.warehouseexport.export.automatic;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.platform.ServerSettings;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Auto-pause (PRODUCT.md §8): after {@code EXPORT_AUTO_PAUSE_AFTER} (default 3) consecutive periods
 * failed for good, automatic export of the environment pauses itself. While paused the scheduler
 * starts nothing for it and records the periods that fall due as {@code paused}; {@link #resume}
 * (an admin) exports them within the look-back window and tries the failed ones again. The pause is
 * kept by {@link ExportAlertState}; changing it is a compare-and-set, so exactly one node pauses
 * and one resume wins.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AutoPause {

  private static final Logger LOG = Logger.getLogger(AutoPause.class.getName());

  @EJB private ExportAlertState state;
  @EJB private PeriodClaims claims;
  @EJB private ExportSettingsService settings;
  @EJB private ClusterClock clusterClock;
  @Inject private Event<AutomaticExportPaused> paused;

  /** How many consecutive periods failed for good pause automatic export (at least 1). */
  public static int threshold() {
    String value =
        ServerSettings.value("EXPORT_AUTO_PAUSE_AFTER", "warehouse.export.auto-pause-after");
    try {
      return value == null ? 3 : Math.max(1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "EXPORT_AUTO_PAUSE_AFTER must be a whole number, was '" + value + "'", e);
    }
  }

  /**
   * A period failed for good: pause when it makes {@link #threshold()} in a row. Observed after the
   * default priority, so the period's own alert is queued before the pause's.
   */
  public void onOutcome(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 900) PeriodOutcome outcome) {
    if (outcome.landed()) {
      return;
    }
    try {
      long env = outcome.environmentId();
      String destination = outcome.destination();
      List<LocalDate> failed =
          claims.consecutiveFailures(env, destination, Cadence.fromId(outcome.cadence()));
      int failures = failed.size();
      int threshold = threshold();
      if (failures < threshold) {
        return;
      }
      // Name the periods by date (the newest first), not the one whose failure came last: periods
      // may fail for good in any order.
      String reason =
          "Paused automatically after "
              + failures
              + " consecutive periods failed for good (the newest "
              + failed.get(0)
              + ", the oldest "
              + failed.get(failures - 1)
              + "). Fix the cause, then press Resume.";
      if (pause(env, destination, reason)) {
        LOG.warning(
            "Automatic export of environment "
                + env
                + " to its "
                + destination
                + " destination paused itself: "
                + failures
                + " consecutive periods failed for good (EXPORT_AUTO_PAUSE_AFTER="
                + threshold
                + ")");
        paused.fire(
            new AutomaticExportPaused(
                env, destination, failed.get(0), failures, reason, outcome.error()));
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not check auto-pause of environment " + outcome.environmentId(), e);
    }
  }

  /** The pause of an environment's destination, if its automatic export paused itself. */
  public Optional<ExportAlertState.Pause> pause(long env, String destination) {
    return state.pause(env, destination);
  }

  public boolean isPaused(long env, String destination) {
    return pause(env, destination).isPresent();
  }

  /**
   * Every paused environment, in one query: a tick over many environments reads this once instead
   * of asking per environment (10,000 environments were 10,000 queries per tick, under the
   * scheduler's lock).
   */
  public java.util.Set<String> pausedDestinations() {
    return state.pausedDestinations();
  }

  /** Pauses unless already paused; true if this call paused it. */
  boolean pause(long env, String destination, String reason) {
    return state.pause(env, destination, clusterClock.now(), reason);
  }

  /**
   * Resumes automatic export: the periods that fell due while paused are exported by the next tick
   * (within the look-back window; older ones are shown as missed) and the periods failed for good
   * are tried again. Returns false if it was not paused.
   */
  public boolean resume(long env, String destination, String by) {
    if (!state.resume(env, destination)) {
      return false;
    }
    // The periods that fell due while paused are queued like a backfill's, with a fresh give-up
    // horizon (PRODUCT.md §5: a resume asks for them); the failed ones are tried again, also with
    // a fresh horizon.
    Cadence cadence =
        settings
            .settings(env)
            .flatMap(s -> s.schedule(destination))
            .map(DestinationSchedule::cadence)
            .orElse(Cadence.DAILY);
    java.time.LocalDate oldest =
        ScheduleSettings.schedule()
            .oldestInWindow(cadence, clusterClock.now(), ScheduleSettings.lookBackPeriods())
            .orElse(null);
    int skipped = claims.resumePaused(env, destination, cadence, oldest, NodeExportSlots.node());
    int retried = claims.retryNow(env, destination);
    LOG.info(
        "Automatic export of environment "
            + env
            + " to its "
            + destination
            + " destination resumed by "
            + by
            + ": "
            + skipped
            + " paused period(s) are exported within the look-back window, "
            + retried
            + " failed period(s) are tried again");
    return true;
  }
}
