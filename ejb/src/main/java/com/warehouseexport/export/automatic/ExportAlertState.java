package com.warehouseexport.export.automatic;

import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The one owner of table {@code export_alert_state} (migrations V9, V18): per environment and
 * destination kind whether its last period failed for good ({@code failing}, which turns the next
 * landing into a "recovered" alert) and whether automatic export paused itself ({@code paused_at},
 * {@code paused_reason}; see {@link AutoPause}). Every change is a compare-and-set, so exactly one
 * node makes it. Statements run without a transaction, each committing on its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExportAlertState {

  /** A pause: since when and why. */
  public record Pause(Instant since, String reason) {}

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  private Jdbc jdbc;

  @PostConstruct
  void init() {
    jdbc = new Jdbc(dataSource, "the export alert state");
  }

  /** Marks the destination as failing; its next landed period is a "recovered" event. */
  public void markFailing(long env, String destination) {
    ensureRow(env, destination);
    jdbc.update("UPDATE export_alert_state SET failing = TRUE" + ONE, env, destination);
  }

  private static final String ONE = " WHERE environment_id = ? AND destination = ?";

  /** Clears the failing mark; true if it was set (this landing is the recovery). */
  public boolean clearFailing(long env, String destination) {
    return jdbc.update(
            "UPDATE export_alert_state SET failing = FALSE" + ONE + " AND failing = TRUE",
            env,
            destination)
        == 1;
  }

  /** The pause of an environment's destination, if its automatic export paused itself. */
  public Optional<Pause> pause(long env, String destination) {
    return jdbc.first(
        "SELECT paused_at, paused_reason FROM export_alert_state"
            + ONE
            + " AND paused_at IS NOT NULL",
        rs -> new Pause(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)),
        env,
        destination);
  }

  /** Every paused destination, as {@link #key}, in one query. */
  public Set<String> pausedDestinations() {
    return new HashSet<>(
        jdbc.list(
            "SELECT environment_id, destination FROM export_alert_state"
                + " WHERE paused_at IS NOT NULL",
            rs -> key(rs.getLong(1), rs.getString(2))));
  }

  /** The key of {@link #pausedDestinations}. */
  public static String key(long env, String destination) {
    return env + "/" + destination;
  }

  /** Pauses unless already paused; true if this call paused it. */
  public boolean pause(long env, String destination, Instant at, String reason) {
    ensureRow(env, destination);
    return jdbc.update(
            "UPDATE export_alert_state SET paused_at = ?, paused_reason = ?"
                + ONE
                + " AND paused_at IS NULL",
            at.toEpochMilli(),
            reason,
            env,
            destination)
        == 1;
  }

  /** Clears the pause; true if it was paused (this call resumed it). */
  public boolean resume(long env, String destination) {
    return jdbc.update(
            "UPDATE export_alert_state SET paused_at = NULL, paused_reason = NULL"
                + ONE
                + " AND paused_at IS NOT NULL",
            env,
            destination)
        == 1;
  }

  /** Makes sure the destination has its row (a lost insert race is fine). */
  private void ensureRow(long env, String destination) {
    jdbc.insertIfAbsent(
        "INSERT INTO export_alert_state (environment_id, destination, failing) SELECT ?, ?, FALSE"
            + " WHERE NOT EXISTS (SELECT 1 FROM export_alert_state"
            + ONE
            + ")",
        env,
        destination,
        env,
        destination);
  }
}
