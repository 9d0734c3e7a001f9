package com.warehouseexport.export.history;

import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Batched reads of the job repository's tables ({@code job_execution}, {@code step_execution}): the
 * outcome or the latest attempt of many executions in a few statements, where a job-operator round
 * trip per execution would cost what a delivery calendar or a scheduler tick cannot afford. Another
 * node's executions read as current as this node's. Which executions belong to which environment is
 * {@link ExportExecutionIndex}.
 */
@Stateless
public class JobRepositoryReads {

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  public JobRepositoryReads() {}

  /** Outside the container (JDBC tests). */
  JobRepositoryReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The batch status of an execution and, when it failed, its error for an admin. */
  public record Outcome(BatchStatus status, String error) {}

  /** A row of {@code job_execution} or {@code step_execution} (a step's status is not read). */
  private record Ended(long executionId, BatchStatus status, String exitStatus) {}

  /**
   * The batch status and error of each of {@code executionIds} (those still in the job repository),
   * in two queries whatever their number: what a delivery calendar shows per cell. The error is
   * derived as {@link ExportHistoryService} derives it: the job's exit status, else a failed
   * step's.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<Long, Outcome> outcomes(Collection<Long> executionIds) {
    Map<Long, Outcome> outcomes = new HashMap<>();
    if (executionIds.isEmpty()) {
      return outcomes;
    }
    String in = String.join(", ", Collections.nCopies(executionIds.size(), "?"));
    Object[] ids = executionIds.toArray();
    try (Connection c = dataSource.getConnection()) {
      Map<Long, String> stepErrors = failedStepErrors(c, executionIds);
      for (Ended job :
          Jdbc.list(
              c,
              "SELECT jobexecutionid, batchstatus, exitstatus FROM job_execution"
                  + " WHERE jobexecutionid IN ("
                  + in
                  + ")",
              r -> new Ended(r.getLong(1), BatchStatus.valueOf(r.getString(2)), r.getString(3)),
              ids)) {
        BatchStatus status = job.status();
        String error = null;
        if (status == BatchStatus.FAILED) {
          error =
              ExportExecution.failureMessage(job.exitStatus(), stepErrors.get(job.executionId()));
        } else if (status == BatchStatus.STOPPED || status == BatchStatus.ABANDONED) {
          error = "The export was " + status.name().toLowerCase(Locale.ROOT) + ".";
        }
        outcomes.put(job.executionId(), new Outcome(status, error));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the export executions", e);
    }
    return outcomes;
  }

  /**
   * The latest attempt of a job instance: its execution, batch status, end and (failed) error for
   * an admin.
   */
  public record Attempt(long executionId, BatchStatus status, Instant endedAt, String error) {

    /** The attempt an execution read through the job operator shows. */
    public static Attempt of(ExportExecution e) {
      return new Attempt(e.executionId(), e.status(), e.endedAt(), e.error());
    }

    public boolean isRunning() {
      return ExportExecution.isRunning(status);
    }

    public boolean isCompleted() {
      return status == BatchStatus.COMPLETED;
    }
  }

  /** How many execution ids one statement of {@link #latestOfInstances} binds at most. */
  static final int IDS_PER_STATEMENT = 500;

  /**
   * For each of {@code executionIds} still in the job repository, the latest execution of its job
   * instance (a restart or crash recovery may have made a newer one): what a scheduler tick needs
   * to settle every claim that finished since the last tick, in two statements per {@value
   * #IDS_PER_STATEMENT} claims instead of a job-operator round trip per claim (issue 24). Reads the
   * job repository's tables, so another node's executions are as current as this node's.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<Long, Attempt> latestOfInstances(Collection<Long> executionIds) {
    Map<Long, Attempt> latest = new HashMap<>();
    List<Long> ids = List.copyOf(new LinkedHashSet<>(executionIds));
    try (Connection c = dataSource.getConnection()) {
      for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
        latestOfInstances(
            c, ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT)), latest);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the export executions", e);
    }
    return latest;
  }

  private void latestOfInstances(Connection c, List<Long> ids, Map<Long, Attempt> latest)
      throws SQLException {
    String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Map<Long, Long> newest = new HashMap<>(); // asked -> newest execution
    Map<Long, Ended> rows = new HashMap<>();
    Map<Long, Instant> ends = new HashMap<>();
    Jdbc.list(
        c,
        "SELECT a.jobexecutionid, e.jobexecutionid, e.batchstatus, e.exitstatus, e.endtime"
            + " FROM job_execution a JOIN job_execution e ON e.jobinstanceid = a.jobinstanceid"
            + " WHERE a.jobexecutionid IN ("
            + in
            + ")",
        r -> {
          long asked = r.getLong(1);
          long execution = r.getLong(2);
          newest.merge(asked, execution, Math::max);
          rows.put(
              execution, new Ended(execution, BatchStatus.valueOf(r.getString(3)), r.getString(4)));
          Timestamp end = r.getTimestamp(5);
          if (end != null) {
            ends.put(execution, end.toInstant());
          }
          return null;
        },
        ids.toArray());
    List<Long> failed =
        newest.values().stream()
            .distinct()
            .filter(id -> rows.get(id).status() == BatchStatus.FAILED)
            .toList();
    Map<Long, String> stepErrors = failedStepErrors(c, failed);
    newest.forEach(
        (asked, execution) -> {
          Ended row = rows.get(execution);
          String error =
              row.status() == BatchStatus.FAILED
                  ? ExportExecution.failureMessage(row.exitStatus(), stepErrors.get(execution))
                  : null;
          latest.put(asked, new Attempt(execution, row.status(), ends.get(execution), error));
        });
  }

  /** The exit status of a failed step of each of {@code executionIds} that says something. */
  private static Map<Long, String> failedStepErrors(Connection c, Collection<Long> executionIds)
      throws SQLException {
    Map<Long, String> errors = new HashMap<>();
    if (executionIds.isEmpty()) {
      return errors;
    }
    Jdbc.list(
            c,
            "SELECT jobexecutionid, exitstatus FROM step_execution WHERE batchstatus = '"
                + BatchStatus.FAILED.name()
                + "' AND jobexecutionid IN ("
                + String.join(", ", Collections.nCopies(executionIds.size(), "?"))
                + ")",
            r -> new Ended(r.getLong(1), null, r.getString(2)),
            executionIds.toArray())
        .forEach(
            step -> {
              if (ExportExecution.says(step.exitStatus())) {
                errors.put(step.executionId(), step.exitStatus());
              }
            });
    return errors;
  }
}
