package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.platform.SqlDialect;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Claims on (environment, cadence, period): the primary key makes a claim succeed exactly once
 * across nodes, duplicate timer firings and manual starts. Every method commits on its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PeriodClaims {

  /** A claim and the execution it points at (null until the job was started). */
  public record Claim(
      long environmentId, Cadence cadence, LocalDate period, Long executionId, int attempts) {}

  @Resource(lookup = "java:jboss/datasources/AppDS")
  private DataSource dataSource;

  /** True if this caller now owns the period; false if someone claimed it before. */
  public boolean claim(long env, Cadence cadence, LocalDate period, String node) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO export_period_claim (environment_id, cadence, period, execution_id,"
                    + " attempts, claimed_at, claimed_by) VALUES (?, ?, ?, NULL, 0, ?, ?)")) {
      ps.setLong(1, env);
      ps.setString(2, cadence.id());
      ps.setInt(3, (int) period.toEpochDay());
      ps.setLong(4, System.currentTimeMillis());
      ps.setString(5, node);
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (SqlDialect.isRetryable(e)) {
        return false;
      }
      throw new IllegalStateException("Cannot claim export period: " + e.getMessage(), e);
    }
  }

  /**
   * Points the claim at a new execution if it still points at {@code expected} (compare-and-set):
   * only one node wins a restart or re-run.
   */
  public boolean attach(
      long env, Cadence cadence, LocalDate period, Long expected, long executionId) {
    String sql =
        "UPDATE export_period_claim SET execution_id = ?, attempts = attempts + 1"
            + " WHERE environment_id = ? AND cadence = ? AND period = ? AND "
            + (expected == null ? "execution_id IS NULL" : "execution_id = ?");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, executionId);
      ps.setLong(2, env);
      ps.setString(3, cadence.id());
      ps.setInt(4, (int) period.toEpochDay());
      if (expected != null) {
        ps.setLong(5, expected);
      }
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update export claim: " + e.getMessage(), e);
    }
  }

  /**
   * Takes over a claim for a restart or re-run: replaces the execution id {@code expected} by a
   * placeholder (compare-and-set) and returns the placeholder, or empty if another caller was
   * first. Follow with {@link #attach} from the placeholder to the new execution.
   */
  public Optional<Long> reserve(long env, Cadence cadence, LocalDate period, Long expected) {
    long placeholder = -Math.abs(System.nanoTime());
    String sql =
        "UPDATE export_period_claim SET execution_id = ?"
            + " WHERE environment_id = ? AND cadence = ? AND period = ? AND "
            + (expected == null ? "execution_id IS NULL" : "execution_id = ?");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, placeholder);
      ps.setLong(2, env);
      ps.setString(3, cadence.id());
      ps.setInt(4, (int) period.toEpochDay());
      if (expected != null) {
        ps.setLong(5, expected);
      }
      return ps.executeUpdate() == 1 ? Optional.of(placeholder) : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update export claim: " + e.getMessage(), e);
    }
  }

  public Optional<Claim> find(long env, Cadence cadence, LocalDate period) {
    return query(
            "SELECT environment_id, cadence, period, execution_id, attempts FROM export_period_claim"
                + " WHERE environment_id = ? AND cadence = ? AND period = ?",
            env,
            cadence.id(),
            (int) period.toEpochDay())
        .stream()
        .findFirst();
  }

  /** All claims of an environment and cadence, oldest period first. */
  public List<Claim> claims(long env, Cadence cadence) {
    return query(
        "SELECT environment_id, cadence, period, execution_id, attempts FROM export_period_claim"
            + " WHERE environment_id = ? AND cadence = ? ORDER BY period",
        env,
        cadence.id());
  }

  /** The newest claimed period. */
  public Optional<LocalDate> latestPeriod(long env, Cadence cadence) {
    List<Claim> all = claims(env, cadence);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).period());
  }

  private List<Claim> query(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Claim> claims = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long execution = rs.getLong(4);
          boolean noExecution = rs.wasNull();
          claims.add(
              new Claim(
                  rs.getLong(1),
                  Cadence.fromId(rs.getString(2)),
                  LocalDate.ofEpochDay(rs.getInt(3)),
                  noExecution ? null : execution,
                  rs.getInt(5)));
        }
      }
      return claims;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read export claims: " + e.getMessage(), e);
    }
  }
}
