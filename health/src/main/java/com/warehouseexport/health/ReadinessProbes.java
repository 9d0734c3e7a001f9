package com.warehouseexport.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;

/**
 * The readiness checks as plain functions of their inputs (a data source, the migration outcome,
 * the batch runtime), so they can be tested without a server. Each answers within a few seconds and
 * says why it is DOWN in its {@code error} field; no secret (URL credentials, passwords) is ever
 * part of a response.
 */
public final class ReadinessProbes {

  /** Name of the database check. */
  public static final String DATABASE = "database";

  /** Name of the schema migration check. */
  public static final String MIGRATIONS = "schema-migrations";

  /** Name of the batch runtime check. */
  public static final String BATCH = "batch-runtime";

  /** Seconds a connection may take to prove it is valid. */
  static final int VALIDATION_TIMEOUT_SECONDS = 3;

  private ReadinessProbes() {}

  /** UP when a connection can be had from the pool and is valid within a few seconds. */
  public static HealthCheckResponse database(DataSource dataSource) {
    if (dataSource == null) {
      return down(DATABASE, "the application datasource is not bound");
    }
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return down(
            DATABASE, "the database did not answer within " + VALIDATION_TIMEOUT_SECONDS + " s");
      }
      return up(DATABASE, Map.of("product", connection.getMetaData().getDatabaseProductName()));
    } catch (SQLException | RuntimeException e) {
      return down(DATABASE, "the database is not reachable: " + reason(e));
    }
  }

  /**
   * UP when this deployment's migrations ran ({@code appliedVersion} non-null) and the database's
   * {@code flyway_schema_history} shows that version with no failed script.
   */
  public static HealthCheckResponse migrations(DataSource dataSource, String appliedVersion) {
    if (appliedVersion == null) {
      return down(MIGRATIONS, "the schema migrations have not run in this deployment");
    }
    if (dataSource == null) {
      return down(MIGRATIONS, "the application datasource is not bound");
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "SELECT COUNT(*), SUM(CASE WHEN \"success\" THEN 0 ELSE 1 END),"
                    + " SUM(CASE WHEN \"version\" = ? THEN 1 ELSE 0 END)"
                    + " FROM \"flyway_schema_history\"")) {
      ps.setString(1, appliedVersion);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long failed = rs.getLong(2);
        long atVersion = rs.getLong(3);
        if (failed > 0) {
          return down(MIGRATIONS, failed + " failed migration(s) in flyway_schema_history");
        }
        if (atVersion == 0) {
          return down(MIGRATIONS, "version " + appliedVersion + " is not in flyway_schema_history");
        }
        return up(MIGRATIONS, Map.of("version", appliedVersion));
      }
    } catch (SQLException | RuntimeException e) {
      return down(MIGRATIONS, "the migration history cannot be read: " + reason(e));
    }
  }

  /**
   * UP when the batch runtime answers: {@code jobNames} asks the job operator for the jobs its
   * repository knows (a read of the JDBC job repository).
   */
  public static HealthCheckResponse batchRuntime(Supplier<? extends Iterable<String>> jobNames) {
    try {
      long jobs = 0;
      for (String ignored : jobNames.get()) {
        jobs++;
      }
      return up(BATCH, Map.of("jobsInRepository", jobs));
    } catch (RuntimeException e) {
      return down(BATCH, "the batch runtime does not accept jobs: " + reason(e));
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static HealthCheckResponse up(String name, Map<String, Object> data) {
    return new HealthCheckResponse(name, Status.UP, Optional.of(new LinkedHashMap<>(data)));
  }

  private static HealthCheckResponse down(String name, String error) {
    return new HealthCheckResponse(name, Status.DOWN, Optional.of(Map.of("error", error)));
  }
}
