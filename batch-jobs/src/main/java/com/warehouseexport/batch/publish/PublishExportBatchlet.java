package com.warehouseexport.batch.publish;

import com.warehouseexport.batch.ExportParameters;
import com.warehouseexport.batch.UserFacingException;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportPlanGate;
import com.warehouseexport.export.ExportProgress;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.PublishedExport;
import com.warehouseexport.export.destination.DeliveryFailedException;
import com.warehouseexport.export.destination.FinishedPeriod;
import com.warehouseexport.export.destination.PeriodDestination;
import com.warehouseexport.export.destination.PeriodDestinations;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.manual.ExportFileStore;
import com.warehouseexport.export.manual.ExportFileStoreProvider;
import com.warehouseexport.export.manual.ExportWorkDir;
import com.warehouseexport.platform.JobOperators;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes the finished CSV. A download: the part file is handed to the export store ({@link
 * ExportFileStore}: moved into place atomically in the node's directory, or uploaded to the bucket
 * shared by all nodes), where a file is visible only when complete. An automatic export: the period
 * is delivered to its destination ({@link PeriodDestination}, e.g. the customer's bucket), which
 * makes it visible complete or not at all and replaces an earlier run's. Either way only if the
 * organization's plan still includes it ({@link ExportPlanGate}); otherwise the step fails with the
 * plan's explanation and the file is deleted.
 */
@Named
@Dependent
public class PublishExportBatchlet extends AbstractBatchlet {

  private static final Logger LOG = Logger.getLogger(PublishExportBatchlet.class.getName());

  @Inject private JobContext jobContext;
  @Inject private StepContext stepContext;
  @Inject private PeriodDestinations destinations;
  @EJB private ExportFileStoreProvider stores;
  @EJB private ExportPlanGate plans;

  /** The environment to export (job parameter {@code environmentId}, required). */
  @Inject
  @BatchProperty(name = ExportJob.ENVIRONMENT_ID)
  private String environmentId;

  /** The aggregation id, e.g. {@code 30-days-daily} (job parameter {@code aggregation}). */
  @Inject
  @BatchProperty(name = ExportJob.AGGREGATION)
  private String aggregation;

  /** The ISO-8601 instant the export is evaluated at (job parameter {@code asOf}). */
  @Inject
  @BatchProperty(name = ExportJob.AS_OF)
  private String asOf;

  /**
   * The ISO-8601 Date of an automatic export; empty for a manual one (job parameter {@code
   * period}).
   */
  @Inject
  @BatchProperty(name = ExportJob.PERIOD)
  private String period;

  /**
   * Where the file goes: {@code download} (the default) or {@code s3} (job parameter {@code
   * destination}).
   */
  @Inject
  @BatchProperty(name = ExportJob.DESTINATION)
  private String destination;

  /**
   * The schedule of an automatic export, for the object key: {@code daily} by default (job
   * parameter {@code cadence}).
   */
  @Inject
  @BatchProperty(name = ExportJob.CADENCE)
  private String cadence;

  @Override
  public String process() throws Exception {
    ExportParameters params = ExportParameters.parse(environmentId, aggregation, asOf, period);
    long instance = jobContext.getInstanceId();
    Path part = ExportWorkDir.partFile(params.environmentId(), instance);
    // The plan is checked again here, when the file is delivered: an organization downgraded
    // while its export ran (or failed and was restarted) gets nothing its plan does not include.
    boolean download = ExportJob.isDownload(destination);
    String refusal =
        plans.refusal(
            params.environmentId(), download ? ExportJob.DESTINATION_DOWNLOAD : destination);
    if (refusal != null) {
      Files.deleteIfExists(part);
      throw new UserFacingException(refusal);
    }
    if (!download) {
      return deliver(destinations.of(destination), params, part);
    }
    long bytes = store(params.environmentId(), instance, part);
    published(new PublishedExport(rowsWritten(), bytes, null, null, null));
    return BatchStatus.COMPLETED.name();
  }

  /**
   * Hands the finished part file to the export store (local: an atomic move; shared bucket: an
   * upload, then the part file is deleted). A re-run after the hand-over finds the file in the
   * store.
   *
   * @return the size of the stored file
   */
  private long store(long environmentId, long instance, Path part) throws Exception {
    ExportFileStore store = stores.store();
    if (Files.exists(part)) {
      try {
        return store.put(environmentId, instance, part);
      } catch (IOException e) {
        LOG.log(
            Level.WARNING, "Storing export " + instance + " in " + store.describe() + " failed", e);
        throw new UserFacingException(
            "Storing the finished export on the server failed; restart the export to try again.",
            e);
      }
    }
    Optional<ExportFileStore.StoredExport> stored;
    try {
      stored = store.open(environmentId, instance);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING, "Reading export " + instance + " from " + store.describe() + " failed", e);
      throw new UserFacingException(
          "Reading the finished export on the server failed; restart the export to try again.", e);
    }
    if (stored.isEmpty()) {
      throw new UserFacingException("The export file is missing; start the export again.");
    }
    try (ExportFileStore.StoredExport file = stored.get()) {
      return file.size();
    }
  }

  private String deliver(PeriodDestination target, ExportParameters params, Path file)
      throws Exception {
    if (!Files.exists(file)) {
      throw new UserFacingException("The export file is missing; start the export again.");
    }
    PeriodId id =
        new PeriodId(
            params.environmentId(), target.kind(), Cadence.fromId(cadence), params.period());
    try {
      published(target.deliver(new FinishedPeriod(id, params.asOf(), rowsWritten(), file)));
    } catch (DeliveryFailedException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    logDelivered(target, id);
    Files.deleteIfExists(file);
    return BatchStatus.COMPLETED.name();
  }

  /**
   * Records what was published: in the step (the history reads it) and, for the job's listener in
   * this execution, in the job context (so that it need not read the job repository back).
   */
  private void published(PublishedExport published) {
    stepContext.setPersistentUserData(published);
    jobContext.setTransientUserData(published);
  }

  /** Says where the period went; never fails the step that delivered it. */
  private static void logDelivered(PeriodDestination target, PeriodId id) {
    try {
      String where = target.describe(id);
      LOG.info(() -> "Period " + id + " delivered to " + where);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Period " + id + " delivered; its location is not known", e);
    }
  }

  /**
   * Rows written by the export step of this job instance (the step may have completed in an earlier
   * execution when only this step is re-run).
   */
  private long rowsWritten() {
    var operator = JobOperators.get();
    var instance = operator.getJobInstance(jobContext.getExecutionId());
    long rows = -1;
    for (JobExecution execution : operator.getJobExecutions(instance)) {
      for (StepExecution step : operator.getStepExecutions(execution.getExecutionId())) {
        if (ExportJob.EXPORT_STEP.equals(step.getStepName())
            && step.getBatchStatus() == BatchStatus.COMPLETED
            && ExportHistoryService.persistentUserData(step) instanceof ExportProgress progress) {
          rows = Math.max(rows, progress.rowsWritten());
        }
      }
    }
    return Math.max(rows, 0);
  }
}
