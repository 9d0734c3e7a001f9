package com.warehouseexport.export.history;

import com.warehouseexport.export.ExportJob;
import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import com.warehouseexport.platform.SqlDialect;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Environment → export job executions (table {@code export_execution_index}, migration V6), so that
 * status and history read only the executions they show instead of walking the whole job
 * repository. The JBeret tables stay the history: this only says which of their executions belong
 * to which environment, and status reads the batch status from {@code JOB_EXECUTION} itself. The
 * batched reads of the executions' outcomes and latest attempts are {@link JobRepositoryReads}.
 */
@Stateless
public class ExportExecutionIndex {

  /**
   * Batch statuses of an execution that has not finished (as {@link ExportExecution#isRunning}).
   */
  static final String RUNNING =
      java.util.Arrays.stream(BatchStatus.values())
          .filter(ExportExecution::isRunning)
          .map(s -> "'" + s.name() + "'")
          .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  public ExportExecutionIndex() {}

  /** Outside the container (JDBC tests). */
  ExportExecutionIndex(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records an execution that was just started or restarted; idempotent. Commits on its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void record(long executionId, long environmentId, String destination) {
    try (Connection c = dataSource.getConnection()) {
      insert(c, SqlDialect.of(c), executionId, environmentId, destination);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not index export execution " + executionId, e);
    }
  }

  /** Execution ids of one environment, newest first, from {@code offset} on. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Long> executionIds(long environmentId, int offset, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.list(
          c,
          "SELECT execution_id FROM export_execution_index WHERE environment_id = ?"
              + " ORDER BY execution_id DESC LIMIT ? OFFSET ?",
          r -> r.getLong(1),
          environmentId,
          limit,
          offset);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the export history", e);
    }
  }

  /**
   * The executions of one period of an environment's automatic export (every attempt: the first
   * run, retries, restarts and re-exports), oldest first. The job repository keeps the period only
   * in the job parameters, so the candidates are found by a text match on them and then checked
   * parameter by parameter.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Long> executionIdsOfPeriod(long environmentId, String cadence, String period) {
    try (Connection c = dataSource.getConnection()) {
      List<Object[]> candidates =
          Jdbc.list(
              c,
              "SELECT e.jobexecutionid, e.jobparameters FROM export_execution_index x"
                  + " JOIN job_execution e ON e.jobexecutionid = x.execution_id"
                  + " WHERE x.environment_id = ? AND e.jobparameters LIKE ?"
                  + " ORDER BY e.jobexecutionid",
              r -> new Object[] {r.getLong(1), r.getString(2)},
              environmentId,
              "%" + ExportJob.PERIOD + " = " + period + "%");
      List<Long> ids = new java.util.ArrayList<>();
      for (Object[] row : candidates) {
        Properties p = parameters((String) row[1]);
        if (period.equals(p.getProperty(ExportJob.PERIOD))
            && (cadence == null || cadence.equals(p.getProperty(ExportJob.CADENCE)))
            && String.valueOf(environmentId).equals(p.getProperty(ExportJob.ENVIRONMENT_ID))) {
          ids.add((Long) row[0]);
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the attempts of period " + period, e);
    }
  }

  /**
   * The first execution whose job parameters name one claim attempt of a period ({@link
   * ExportJob#CLAIMED_AT}), indexed here if its start was cut before it was: what a claim whose
   * start was interrupted adopts instead of starting a second job. Reads the job repository without
   * the index (the index row may be what the cut lost), so it scans {@code job_execution}: it runs
   * only for claims whose start was interrupted.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Long> startedForClaim(com.warehouseexport.export.PeriodId claim, long claimedAt) {
    long environmentId = claim.environmentId();
    String cadence = claim.cadence().id();
    String period = claim.period().toString();
    try (Connection c = dataSource.getConnection()) {
      if (!jobRepositoryExists(c)) {
        return Optional.empty(); // no export ever ran
      }
      List<Object[]> candidates =
          Jdbc.list(
              c,
              "SELECT jobexecutionid, jobparameters FROM job_execution WHERE jobparameters LIKE ?"
                  + " ORDER BY jobexecutionid",
              r -> new Object[] {r.getLong(1), r.getString(2)},
              "%" + ExportJob.CLAIMED_AT + " = " + claimedAt + "%");
      for (Object[] row : candidates) {
        Properties p = parameters((String) row[1]);
        if (String.valueOf(claimedAt).equals(p.getProperty(ExportJob.CLAIMED_AT))
            && period.equals(p.getProperty(ExportJob.PERIOD))
            && cadence.equals(p.getProperty(ExportJob.CADENCE))
            && String.valueOf(environmentId).equals(p.getProperty(ExportJob.ENVIRONMENT_ID))
            && claim
                .destination()
                .equals(p.getProperty(ExportJob.DESTINATION, ExportJob.DESTINATION_S3))) {
          long id = (Long) row[0];
          insert(c, SqlDialect.of(c), id, environmentId, claim.destination());
          return Optional.of(id);
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not look for the export started for period " + period, e);
    }
  }

  /**
   * The newest execution of one environment and destination that is running ({@code running}) or
   * that has finished (otherwise), by the batch status in the job repository.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Long> newest(long environmentId, String destination, boolean running) {
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.first(
          c,
          "SELECT x.execution_id FROM export_execution_index x"
              + " JOIN job_execution e ON e.jobexecutionid = x.execution_id"
              + " WHERE x.environment_id = ? AND x.destination = ? AND e.batchstatus "
              + (running ? "IN " : "NOT IN ")
              + RUNNING
              + " ORDER BY x.execution_id DESC LIMIT 1",
          r -> r.getLong(1),
          environmentId,
          destination);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the export status", e);
    }
  }

  /**
   * How many executions of one environment and destination are running on any node (one indexed
   * query; the job repository is shared by all nodes).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public int running(long environmentId, String destination) {
    try (Connection c = dataSource.getConnection()) {
      try {
        return Jdbc.first(
                c,
                "SELECT COUNT(*) FROM export_execution_index x"
                    + " JOIN job_execution e ON e.jobexecutionid = x.execution_id"
                    + " WHERE x.environment_id = ? AND x.destination = ? AND e.batchstatus IN "
                    + RUNNING,
                r -> r.getInt(1),
                environmentId,
                destination)
            .orElse(0);
      } catch (SQLException e) {
        if (!jobRepositoryExists(c)) {
          return 0; // no export ever ran: nothing is running
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count the running exports", e);
    }
  }

  /**
   * Indexes the export executions in the job repository that have no row yet: all of them after the
   * migration to V6, afterwards only executions whose start crashed between the job repository's
   * commit and the index row. Idempotent and safe while other nodes start exports. Returns how many
   * rows it added.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int backfill() {
    int added = 0;
    try (Connection c = dataSource.getConnection()) {
      SqlDialect dialect = SqlDialect.of(c);
      if (!jobRepositoryExists(c)) {
        return 0;
      }
      c.setAutoCommit(true);
      List<Object[]> missing =
          Jdbc.list(
              c,
              "SELECT e.jobexecutionid, e.jobparameters FROM job_execution e"
                  + " JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid"
                  + " WHERE i.jobname = ? AND NOT EXISTS (SELECT 1 FROM export_execution_index x"
                  + " WHERE x.execution_id = e.jobexecutionid)",
              r -> new Object[] {r.getLong(1), r.getString(2)},
              ExportJob.NAME);
      for (Object[] row : missing) {
        Properties p = parameters((String) row[1]);
        String env = p.getProperty(ExportJob.ENVIRONMENT_ID);
        if (env == null) {
          continue;
        }
        insert(
            c,
            dialect,
            (Long) row[0],
            Long.parseLong(env),
            p.getProperty(ExportJob.DESTINATION, ExportJob.DESTINATION_DOWNLOAD));
        added++;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not fill in the export execution index", e);
    }
    return added;
  }

  /**
   * Whether JBeret's tables exist: WildFly's JDBC job repository creates them when the server
   * starts, but a database without them (another job repository, the JDBC tests) is not an error.
   */
  private static boolean jobRepositoryExists(Connection c) {
    try {
      Jdbc.list(c, "SELECT 1 FROM job_execution WHERE 1 = 0", r -> r.getInt(1));
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Job parameters as JBeret stores them in {@code JOB_EXECUTION.JOBPARAMETERS} ({@code
   * BatchUtil.propertiesToString}): one {@code key = value} per line, nothing escaped.
   */
  static Properties parameters(String text) {
    Properties p = new Properties();
    if (text != null) {
      for (String line : text.split("\\R")) {
        int at = line.indexOf(" = ");
        if (at > 0) {
          p.setProperty(line.substring(0, at), line.substring(at + 3));
        }
      }
    }
    return p;
  }

  private static void insert(
      Connection c, SqlDialect dialect, long executionId, long environmentId, String destination)
      throws SQLException {
    Jdbc.update(
        c,
        dialect.insertUnlessKeyExists(
            "export_execution_index", "execution_id, environment_id, destination", "execution_id"),
        executionId,
        environmentId,
        destination);
  }
}
