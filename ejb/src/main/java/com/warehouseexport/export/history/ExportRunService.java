package com.warehouseexport.export.history;

import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.PublishedExport;
import com.warehouseexport.export.destination.PeriodDestinations;
import com.warehouseexport.export.manual.ExportRetention;
import com.warehouseexport.platform.JobOperators;
import com.warehouseexport.security.AccountService;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One export run as its page shows it (PRODUCT.md §12): the execution, where its file went (the
 * destination's address, or nothing for a download), its checksum, until when a download's file is
 * kept, and every attempt of the same work — for a period of an automatic export all executions of
 * that period (first run, retries, restarts, re-exports), for a download the executions of its job
 * instance (restarts). Read from the job repository, as the history is.
 */
@Stateless
public class ExportRunService {

  /**
   * A run.
   *
   * @param queuedAt when the execution was created in the job repository (before it started)
   * @param destination where the file went, e.g. {@code s3://bucket/…/date=2026-12-01/…csv}; null
   *     for a download
   * @param sha256 the SHA-256 of the delivered file, when the run published one
   * @param retainedUntil for a completed download, until when its file is kept; null otherwise
   * @param attempts every execution of the same period (or job instance), oldest first, this one
   *     included
   */
  public record Run(
      ExportExecution execution,
      Instant queuedAt,
      String destination,
      String sha256,
      Instant retainedUntil,
      List<ExportExecution> attempts) {

    public boolean isDownload() {
      return ExportJob.isDownload(execution.destination());
    }

    /** A completed download whose file is still kept at {@code now}. */
    public boolean isDownloadable(Instant now) {
      return isDownload()
          && execution.isCompleted()
          && retainedUntil != null
          && retainedUntil.isAfter(now);
    }
  }

  @EJB private ExportHistoryService history;
  @EJB private ExportExecutionIndex index;
  @Inject private PeriodDestinations destinations;

  /** The run if the caller may see it; "not found" otherwise, as for ids that do not exist. */
  public Run run(AccountService.Caller caller, long executionId) {
    ExportExecution execution = history.visibleExecution(caller, executionId);
    PublishedExport published = published(executionId);
    boolean download = ExportJob.isDownload(execution.destination());
    String destination = download ? null : destination(execution, published);
    Instant retainedUntil =
        download && execution.isCompleted() && execution.endedAt() != null
            ? execution.endedAt().plus(ExportRetention.retention())
            : null;
    return new Run(
        execution,
        queuedAt(executionId),
        destination,
        published == null ? null : published.sha256(),
        retainedUntil,
        attempts(execution));
  }

  private List<ExportExecution> attempts(ExportExecution execution) {
    List<ExportExecution> attempts = new ArrayList<>();
    if (!ExportJob.isDownload(execution.destination()) && execution.period() != null) {
      for (long id :
          index.executionIdsOfPeriod(
              execution.environmentId(), execution.cadence(), execution.period())) {
        attempts.add(id == execution.executionId() ? execution : history.execution(id));
      }
    } else {
      JobOperator operator = JobOperators.get();
      try {
        JobInstance instance = operator.getJobInstance(execution.executionId());
        for (JobExecution e : operator.getJobExecutions(instance)) {
          attempts.add(
              e.getExecutionId() == execution.executionId()
                  ? execution
                  : history.execution(e.getExecutionId()));
        }
      } catch (NoSuchJobExecutionException e) {
        // gone meanwhile: the run alone
      }
    }
    if (attempts.stream().noneMatch(a -> a.executionId() == execution.executionId())) {
      attempts.add(execution);
    }
    attempts.sort(Comparator.comparingLong(ExportExecution::executionId));
    return List.copyOf(attempts);
  }

  private static Instant queuedAt(long executionId) {
    try {
      JobExecution e = JobOperators.get().getJobExecution(executionId);
      return e == null || e.getCreateTime() == null ? null : e.getCreateTime().toInstant();
    } catch (NoSuchJobExecutionException e) {
      return null;
    }
  }

  /** What the run's publish step saved, if it got that far. */
  private static PublishedExport published(long executionId) {
    JobOperator operator = JobOperators.get();
    try {
      for (StepExecution step : operator.getStepExecutions(executionId)) {
        Serializable data = ExportHistoryService.persistentUserData(step);
        if (data instanceof PublishedExport published) {
          return published;
        }
      }
    } catch (NoSuchJobExecutionException e) {
      return null;
    }
    return null;
  }

  /**
   * Where a period's file goes: the destination's own description of the period; when the run
   * published an object, its key in place of the computed one (the settings may have changed).
   */
  private String destination(ExportExecution execution, PublishedExport published) {
    String described;
    try {
      described =
          destinations
              .of(execution.destination())
              .describe(
                  new PeriodId(
                      execution.environmentId(),
                      execution.destination(),
                      Cadence.fromId(execution.cadence()),
                      LocalDate.parse(execution.period())));
    } catch (RuntimeException e) {
      described = null;
    }
    if (published != null && published.objectKey() != null) {
      if (described != null && described.startsWith("s3://")) {
        int slash = described.indexOf('/', "s3://".length());
        if (slash > 0) {
          return described.substring(0, slash + 1) + published.objectKey();
        }
      }
      return published.objectKey();
    }
    return described;
  }
}
