package com.warehouseexport.batch.observe;

import com.warehouseexport.export.ExportEnded;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportProgress;
import com.warehouseexport.export.ExportStarted;
import com.warehouseexport.export.PublishedExport;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.metrics.ApplicationMeters;
import com.warehouseexport.metrics.ApplicationMeters.Outcome;
import com.warehouseexport.platform.JobOperators;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Job-level listener of {@code company-usage-export}: puts the execution's environment id,
 * execution id and period (automatic exports; empty for downloads) into the logging MDC before the
 * first step, so every log line of the export carries them (JSON console: the {@code mdc} object;
 * text: appended to the line), counts the execution in the application's meters, and clears the MDC
 * after the last step (the batch thread goes back to the pool).
 */
@Named
@Dependent
public class ExportJobListener extends AbstractJobListener {

  /** MDC keys. */
  public static final String MDC_ENVIRONMENT = "environmentId";

  public static final String MDC_EXECUTION = "executionId";
  public static final String MDC_PERIOD = "period";

  private static final Logger LOG = Logger.getLogger(ExportJobListener.class.getName());

  @Inject private JobContext jobContext;
  @Inject private ApplicationMeters meters;
  @Inject private Event<ExportEnded> ended;
  @Inject private Event<ExportStarted> started;

  /** The environment exported (job parameter {@code environmentId}). */
  @Inject @BatchProperty private String environmentId;

  /** The period of an automatic export (ISO date), absent for a download. */
  @Inject @BatchProperty private String period;

  /** {@code download} or {@code s3}. */
  @Inject @BatchProperty private String destination;

  /**
   * When {@link #beforeJob} ran: JBeret creates a job's listeners once per execution and calls both
   * methods on the same instance, so the end need not read the start back from the job repository.
   */
  private Instant began;

  @Override
  public void beforeJob() {
    began = Instant.now();
    MDC.put(MDC_ENVIRONMENT, String.valueOf(environmentId));
    MDC.put(MDC_EXECUTION, Long.toString(jobContext.getExecutionId()));
    if (period != null && !period.isEmpty()) {
      MDC.put(MDC_PERIOD, period);
    } else {
      MDC.remove(MDC_PERIOD);
    }
    LOG.info(
        () ->
            "Export execution " + jobContext.getExecutionId() + " started (" + destination() + ")");
    meters.exportStarted(destination());
    try {
      started.fire(new ExportStarted(jobContext.getExecutionId(), destination()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The scheduler was not told that the export started", e);
    }
  }

  @Override
  public void afterJob() {
    try {
      BatchStatus status = jobContext.getBatchStatus();
      Outcome outcome =
          switch (status) {
            case FAILED, ABANDONED -> Outcome.FAILED;
            case STOPPING, STOPPED -> Outcome.STOPPED;
            default -> Outcome.COMPLETED; // still STARTED while the last listeners run
          };
      Instant started = began != null ? began : startedAt();
      Duration duration =
          started == null ? Duration.ZERO : Duration.between(started, Instant.now());
      long rows = outcome == Outcome.COMPLETED ? rows() : 0;
      meters.exportEnded(destination(), outcome, duration, rows);
      LOG.info(
          () ->
              "Export execution "
                  + jobContext.getExecutionId()
                  + " ended: "
                  + outcome.name().toLowerCase(java.util.Locale.ROOT)
                  + (outcome == Outcome.COMPLETED ? ", " + rows + " rows" : "")
                  + " in "
                  + duration.toMillis()
                  + " ms");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Export meters not recorded", e);
    } finally {
      try {
        ended.fire(new ExportEnded(jobContext.getExecutionId()));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The scheduler was not told that the export ended", e);
      }
      MDC.remove(MDC_ENVIRONMENT);
      MDC.remove(MDC_EXECUTION);
      MDC.remove(MDC_PERIOD);
    }
  }

  private String destination() {
    return destination == null || destination.isEmpty()
        ? ExportJob.DESTINATION_DOWNLOAD
        : destination;
  }

  private Instant startedAt() {
    Date start = JobOperators.get().getJobExecution(jobContext.getExecutionId()).getStartTime();
    return start == null ? null : start.toInstant();
  }

  /**
   * Rows of the file this execution completed: the publish step's record, else the export step's.
   */
  private long rows() {
    if (jobContext.getTransientUserData() instanceof PublishedExport published) {
      return published.rows(); // recorded by the publish step of this execution
    }
    long rows = 0;
    for (StepExecution step : JobOperators.get().getStepExecutions(jobContext.getExecutionId())) {
      Serializable data = ExportHistoryService.persistentUserData(step);
      if (data instanceof PublishedExport published) {
        return published.rows();
      }
      if (data instanceof ExportProgress progress) {
        rows = Math.max(rows, progress.rowsWritten());
      }
    }
    return rows;
  }
}
