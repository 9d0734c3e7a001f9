package com.warehouseexport.export.history;

import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportProgress;
import com.warehouseexport.export.PublishedExport;
import com.warehouseexport.platform.JobOperators;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.security.TenantAccess;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Export history and status, read from the JBeret job repository through the {@link JobOperator}
 * (no parallel history table): parameters, batch status, exit status (the admin-facing error) and
 * the steps' persistent data (progress, published file). Which executions belong to an environment
 * comes from {@link ExportExecutionIndex}, so a page or a status costs what it shows, not the size
 * of the whole repository.
 */
@Stateless
public class ExportHistoryService {

  /** One page of history, newest first. */
  public record Page(List<ExportExecution> items, int page, int size, boolean hasMore) {}

  @EJB private TenantAccess tenants;
  @EJB private ExportExecutionIndex index;

  /**
   * The export this caller may see: the execution if it exists and belongs to an environment the
   * caller may see; otherwise "not found", exactly as for ids that do not exist. The API, the
   * console and the download servlet all go through here.
   */
  public ExportExecution visibleExecution(AccountService.Caller caller, long executionId) {
    ExportExecution execution = execution(executionId);
    try {
      tenants.environment(caller, execution.environmentId());
    } catch (NotFoundException e) {
      throw new NotFoundException("Export execution " + executionId + " does not exist");
    }
    return execution;
  }

  /** The execution, or 404 if it does not exist or is not an export. */
  public ExportExecution execution(long executionId) {
    JobOperator operator = JobOperators.get();
    JobExecution execution;
    try {
      execution = operator.getJobExecution(executionId);
    } catch (NoSuchJobExecutionException e) {
      execution = null;
    }
    if (execution == null || !ExportJob.NAME.equals(execution.getJobName())) {
      throw new NotFoundException("Export execution " + executionId + " does not exist");
    }
    return map(operator, execution);
  }

  /** The most recent execution of the job instance that {@code executionId} belongs to. */
  public ExportExecution latestOfInstance(long executionId) {
    JobOperator operator = JobOperators.get();
    JobInstance instance;
    try {
      instance = operator.getJobInstance(executionId);
    } catch (NoSuchJobExecutionException e) {
      throw new NotFoundException("Export execution " + executionId + " does not exist");
    }
    JobExecution latest =
        operator.getJobExecutions(instance).stream()
            .max(Comparator.comparingLong(JobExecution::getExecutionId))
            .orElseThrow();
    return map(operator, latest);
  }

  /**
   * The executions of one environment, newest first, paged (page 0 is the newest). Reads one page
   * (plus one id to know whether there is more) through the index, whatever the history's size.
   */
  public Page history(long environmentId, int page, int size) {
    List<Long> ids = index.executionIds(environmentId, page * size, size + 1);
    boolean hasMore = ids.size() > size;
    JobOperator operator = JobOperators.get();
    List<ExportExecution> items = new ArrayList<>();
    for (long id : hasMore ? ids.subList(0, size) : ids) {
      mapped(operator, id).ifPresent(items::add);
    }
    return new Page(List.copyOf(items), page, size, hasMore);
  }

  /** Up to {@code limit} executions of one environment, newest first. */
  public List<ExportExecution> executions(long environmentId, int limit) {
    return page(environmentId, 0, limit);
  }

  /**
   * The newest execution of one environment and destination that is running ({@code running}) or
   * has finished (otherwise): what the status block needs, read without the rest of the history.
   */
  public Optional<ExportExecution> newest(long environmentId, String destination, boolean running) {
    return index
        .newest(environmentId, destination, running)
        .flatMap(id -> mapped(JobOperators.get(), id));
  }

  private List<ExportExecution> page(long environmentId, int offset, int limit) {
    JobOperator operator = JobOperators.get();
    List<ExportExecution> result = new ArrayList<>();
    for (long id : index.executionIds(environmentId, offset, limit)) {
      mapped(operator, id).ifPresent(result::add);
    }
    return result;
  }

  private Optional<ExportExecution> mapped(JobOperator operator, long executionId) {
    JobExecution execution;
    try {
      execution = operator.getJobExecution(executionId);
    } catch (NoSuchJobExecutionException e) {
      return Optional.empty();
    }
    return execution == null || !ExportJob.NAME.equals(execution.getJobName())
        ? Optional.empty()
        : Optional.of(map(operator, execution));
  }

  private ExportExecution map(JobOperator operator, JobExecution execution) {
    Properties p = execution.getJobParameters();
    long rows = 0;
    long bytes = 0;
    int percent = 0;
    String stepError = null;
    for (StepExecution step : operator.getStepExecutions(execution.getExecutionId())) {
      Serializable data = persistentUserData(step);
      if (data instanceof ExportProgress progress) {
        rows = progress.rowsWritten();
        bytes = progress.bytesWritten();
        percent = progress.percent();
      } else if (data instanceof PublishedExport published && published.bytes() >= 0) {
        bytes = published.bytes();
      }
      if (step.getBatchStatus() == BatchStatus.FAILED && step.getExitStatus() != null) {
        stepError = step.getExitStatus();
      }
    }
    BatchStatus status = execution.getBatchStatus();
    if (status == BatchStatus.COMPLETED) {
      percent = 100;
    }
    String error = null;
    if (status == BatchStatus.FAILED) {
      error = ExportExecution.failureMessage(execution.getExitStatus(), stepError);
    }
    return new ExportExecution(
        execution.getExecutionId(),
        operator.getJobInstance(execution.getExecutionId()).getInstanceId(),
        Long.parseLong(p.getProperty(ExportJob.ENVIRONMENT_ID, "0")),
        p.getProperty(ExportJob.AGGREGATION),
        parseInstant(p.getProperty(ExportJob.AS_OF)),
        p.getProperty(ExportJob.DESTINATION),
        p.getProperty(ExportJob.CADENCE),
        p.getProperty(ExportJob.PERIOD),
        status,
        rows,
        bytes,
        percent,
        error,
        toInstant(execution.getStartTime()),
        toInstant(execution.getEndTime()),
        p.getProperty(ExportJob.REQUESTED_BY),
        p.getProperty(ExportJob.NODE));
  }

  /**
   * The step's persistent user data. The Jakarta Batch API has no getter for it; JBeret's step
   * execution has {@code getPersistentUserData()}, which this reads reflectively so the application
   * does not link against JBeret's implementation classes.
   */
  public static Serializable persistentUserData(StepExecution step) {
    try {
      Method getter = step.getClass().getMethod("getPersistentUserData");
      Object value = getter.invoke(step);
      return value instanceof Serializable s ? s : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Instant toInstant(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }

  private static Instant parseInstant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
