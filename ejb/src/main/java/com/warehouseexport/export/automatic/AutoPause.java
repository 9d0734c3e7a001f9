package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.platform.ServerSettings;
import com.warehouseexport.platform.SqlDialect;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Auto-pause (PRODUCT.md §8): after {@code EXPORT_AUTO_PAUSE_AFTER} (default 3) consecutive periods
 * failed for good, automatic export of the environment pauses itself. While paused the scheduler
 * starts nothing for it and records the periods that fall due as {@code paused}; {@link #resume}
 * (an admin) exports them within the look-back window and tries the failed ones again. The pause is
 * a row in {@code export_alert_state}; changing it is a compare-and-set, so exactly one node pauses
 * and one resume wins. Statements run without a transaction (each commits on its own).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AutoPause {

  private static final Logger LOG = Logger.getLogger(AutoPause.class.getName());

  /** A pause: since when and why. */
  public record Pause(Instant since, String reason) {}

  @Resource(lookup = "java:jboss/datasources/AppDS")
  private DataSource dataSource;

  @EJB private PeriodClaims claims;
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
      int failures = claims.consecutiveFailures(env, Cadence.fromId(outcome.cadence()));
      int threshold = threshold();
      if (failures < threshold) {
        return;
      }
      String reason =
          "Paused automatically after "
              + failures
              + " consecutive periods failed for good (the last one "
              + outcome.period()
              + "). Fix the cause, then press Resume.";
      if (pause(env, reason)) {
        LOG.warning(
            "Automatic export of environment "
                + env
                + " paused itself: "
                + failures
                + " consecutive periods failed for good (EXPORT_AUTO_PAUSE_AFTER="
                + threshold
                + ")");
        paused.fire(
            new AutomaticExportPaused(env, outcome.period(), failures, reason, outcome.error()));
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not check auto-pause of environment " + outcome.environmentId(), e);
    }
  }

  /** The pause of an environment, if automatic export paused itself. */
  public Optional<Pause> pause(long env) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT paused_at, paused_reason FROM export_alert_state WHERE environment_id = ?"
                    + " AND paused_at IS NOT NULL")) {
      ps.setLong(1, env);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Pause(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the export pause: " + e.getMessage(), e);
    }
  }

  public boolean isPaused(long env) {
    return pause(env).isPresent();
  }

  /**
   * Every paused environment, in one query: a tick over many environments reads this once instead
   * of asking per environment (10,000 environments were 10,000 queries per tick, under the
   * scheduler's lock).
   */
  public java.util.Set<Long> pausedEnvironments() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT environment_id FROM export_alert_state WHERE paused_at IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      java.util.Set<Long> paused = new java.util.HashSet<>();
      while (rs.next()) {
        paused.add(rs.getLong(1));
      }
      return paused;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the export pauses: " + e.getMessage(), e);
    }
  }

  /** Pauses unless already paused; true if this call paused it. */
  boolean pause(long env, String reason) {
    ensureRow(env);
    return update(
            "UPDATE export_alert_state SET paused_at = ?, paused_reason = ? WHERE environment_id = ?"
                + " AND paused_at IS NULL",
            System.currentTimeMillis(),
            reason,
            env)
        == 1;
  }

  /**
   * Resumes automatic export: the periods that fell due while paused are exported by the next tick
   * (within the look-back window; older ones are shown as missed) and the periods failed for good
   * are tried again. Returns false if it was not paused.
   */
  public boolean resume(long env, String by) {
    if (update(
            "UPDATE export_alert_state SET paused_at = NULL, paused_reason = NULL"
                + " WHERE environment_id = ? AND paused_at IS NOT NULL",
            env)
        != 1) {
      return false;
    }
    int skipped = claims.forgetPaused(env);
    int retried = claims.retryNow(env);
    LOG.info(
        "Automatic export of environment "
            + env
            + " resumed by "
            + by
            + ": "
            + skipped
            + " paused period(s) are exported within the look-back window, "
            + retried
            + " failed period(s) are tried again");
    return true;
  }

  /** Makes sure the environment has its state row (a lost insert race is fine). */
  public void ensureRow(long env) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO export_alert_state (environment_id, failing) SELECT ?, FALSE"
                    + " WHERE NOT EXISTS (SELECT 1 FROM export_alert_state WHERE environment_id = ?)")) {
      ps.setLong(1, env);
      ps.setLong(2, env);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!SqlDialect.isRetryable(e)) {
        throw new IllegalStateException(
            "Cannot write the export alert state: " + e.getMessage(), e);
      }
    }
  }

  private int update(String sql, Object... values) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write the export pause: " + e.getMessage(), e);
    }
  }
}
