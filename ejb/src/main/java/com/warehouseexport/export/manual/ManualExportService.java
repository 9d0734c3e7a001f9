package com.warehouseexport.export.manual;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.core.csv.GzipCompressingInputStream;
import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.parquet.CsvToParquet;
import com.warehouseexport.core.parquet.ParquetCompression;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.TooManyRequestsException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportPlanGate;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.NodeExportSlots;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportExecutionIndex;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.metrics.ApplicationMeters;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobRestartException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Manual exports and the operations on executions: plan checks (PRO or ENTERPRISE may export),
 * state checks with clear messages, and the finished file.
 */
@Stateless
public class ManualExportService {

  private static final Logger LOG = Logger.getLogger(ManualExportService.class.getName());

  @EJB private ProvisioningService provisioning;
  @EJB private ExportOperations operations;
  @EJB private ExportHistoryService history;
  @EJB private ExportExecutionIndex index;
  @EJB private NodeExportSlots slots;
  @EJB private ExportFileStoreProvider stores;
  @EJB private ExportPlanGate plans;
  @Inject private ApplicationMeters meters;

  @EJB private ClusterClock clusterClock;

  /** Serializes count-then-start, so that concurrent starts on this node respect the limits. */
  private static final Object START_GATE = new Object();

  /**
   * Starts a raw manual export of the environment; {@code asOf} null means now. Plan: PRO or
   * ENTERPRISE.
   */
  public long start(
      long environmentId,
      String aggregationId,
      Instant asOf,
      String requestedBy,
      Properties extra) {
    return start(environmentId, aggregationId, asOf, requestedBy, false, extra);
  }

  /**
   * Starts a manual export of the environment; {@code asOf} null means now; {@code spreadsheetSafe}
   * prefixes formula-like cells with {@code '} (PRODUCT.md §9). Plan: PRO or ENTERPRISE. Fairness
   * ({@link ManualExportLimits}): {@link TooManyRequestsException} when the environment already
   * runs its share of manual exports, or this node its share of the batch pool. Runs without a
   * transaction so that a started execution is visible to the next count.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long start(
      long environmentId,
      String aggregationId,
      Instant asOf,
      String requestedBy,
      boolean spreadsheetSafe,
      Properties extra) {
    plans.require(environmentId, ExportJob.DESTINATION_DOWNLOAD);
    Aggregation aggregation;
    try {
      aggregation = Aggregation.fromId(aggregationId);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException(
          "aggregation",
          "aggregation must be one of snapshot, 30-days-daily, 3-months-weekly, 6-months-weekly");
    }
    Instant instant = asOf == null ? clusterClock.now() : asOf; // the nodes' common time
    Properties parameters = extra == null ? new Properties() : extra;
    ExportRequest request =
        ExportRequest.download(environmentId, aggregation, instant, requestedBy, spreadsheetSafe);
    synchronized (START_GATE) {
      requireCapacity(environmentId);
      long execution = operations.start(request, parameters);
      slots.started(execution, request.destination()); // counted before its listener runs
      return execution;
    }
  }

  /**
   * Refuses a further manual export of the environment beyond {@link
   * ManualExportLimits#perEnvironment()} running ones (counted over all nodes: the job repository
   * is shared; one indexed count), or beyond {@link ManualExportLimits#perNode()} on this node
   * ({@link NodeExportSlots}: no job repository scan).
   */
  private void requireCapacity(long environmentId) {
    int perEnvironment = ManualExportLimits.perEnvironment();
    int perNode = ManualExportLimits.perNode();
    int ofEnvironment = index.running(environmentId, ExportJob.DESTINATION_DOWNLOAD);
    int onThisNode = slots.count(ExportJob.DESTINATION_DOWNLOAD);
    if (ofEnvironment >= perEnvironment) {
      meters.manualExportRefused("environment");
      throw new TooManyRequestsException(
          "environmentId",
          "At most "
              + perEnvironment
              + " manual exports of an environment may run at the same time, and "
              + ofEnvironment
              + " are running now. Wait until one of them has finished (or stop one), then start"
              + " the export again.",
          ManualExportLimits.RETRY_AFTER_SECONDS);
    }
    if (onThisNode >= perNode) {
      meters.manualExportRefused("node");
      throw new TooManyRequestsException(
          "environmentId",
          "The server is running as many manual exports as it may ("
              + perNode
              + "; the rest of its capacity is kept for automatic exports). Try again in a"
              + " minute.",
          ManualExportLimits.RETRY_AFTER_SECONDS);
    }
  }

  /**
   * A finished download, opened: its content streamed from the export store (never held in memory;
   * the caller reads it to the end or not, and always closes it), the file name it is offered
   * under, its size in bytes (-1: not known in advance) and the format it is written in.
   */
  public record Download(InputStream content, String fileName, long size, OutputFormat format)
      implements AutoCloseable {

    public Download {
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(format, "format");
    }

    /** The stored CSV as it is. */
    public Download(InputStream content, String fileName, long size) {
      this(content, fileName, size, OutputFormat.CSV);
    }

    /**
     * The same download in {@code format}: as it is; gzip-compressed while it streams (file name
     * ending {@code .csv.gz}); or as Parquet written while it streams (file name ending {@code
     * .parquet}, the CSV's cells as they were exported — a spreadsheet-safe export keeps its {@code
     * '} prefixes). The size of a converted download is not known in advance (-1).
     */
    public Download as(OutputFormat format) {
      if (format == OutputFormat.CSV || format == this.format) {
        return this;
      }
      if (format.parquet()) {
        String base =
            fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return new Download(content, base + format.extension(), -1, format);
      }
      return new Download(new GzipCompressingInputStream(content), fileName + ".gz", -1, format);
    }

    /** The HTTP content type of the download. */
    public String contentType() {
      return switch (format) {
        case CSV -> OutputFormat.CSV_CONTENT_TYPE;
        case CSV_GZ -> "application/gzip";
        case PARQUET -> OutputFormat.PARQUET_CONTENT_TYPE;
      };
    }

    /**
     * Copies the whole content to {@code out} (converting it to Parquet row group by row group when
     * that is the format) and closes the content.
     */
    public void writeTo(OutputStream out) throws IOException {
      try (InputStream in = content) {
        if (format.parquet()) {
          CsvToParquet.convert(in, out, ParquetCompression.ZSTD);
        } else {
          in.transferTo(out);
        }
      }
    }

    @Override
    public void close() throws IOException {
      content.close();
    }
  }

  /**
   * The finished CSV of a download export the caller may see ("not found" otherwise), opened for
   * streaming from the export store, with its file name; {@link ExportStateException} while it is
   * not complete, when it is no longer kept or when the store cannot be read. The caller closes it.
   */
  public Download download(AccountService.Caller caller, long executionId) {
    ExportExecution execution = history.visibleExecution(caller, executionId);
    Environment environment = provisioning.environment(execution.environmentId());
    String fileName = DownloadFileName.of(environment, execution);
    ExportFileStore.StoredExport stored = open(execution);
    return new Download(stored.content(), fileName, stored.size());
  }

  /** The finished CSV of a completed download export, opened; the caller closes it. */
  public ExportFileStore.StoredExport open(ExportExecution execution) {
    if (!execution.isCompleted()) {
      throw new ExportStateException(
          "Export "
              + execution.executionId()
              + " is "
              + execution.status()
              + "; the file can be downloaded once it is COMPLETED.");
    }
    if (!ExportJob.DESTINATION_DOWNLOAD.equals(execution.destination())) {
      throw new ExportStateException(
          "Export " + execution.executionId() + " was delivered to the bucket, not for download.");
    }
    Optional<ExportFileStore.StoredExport> stored;
    try {
      stored = stores.store().open(execution.environmentId(), execution.instanceId());
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "The file of export " + execution.executionId() + " cannot be read from the store",
          e);
      throw new ExportStateException(
          "The file of export "
              + execution.executionId()
              + " cannot be read from the export store right now; try again later.");
    }
    return stored.orElseThrow(
        () ->
            new ExportStateException(
                "The file of export "
                    + execution.executionId()
                    + " is no longer kept (exports are deleted after the retention period); start"
                    + " a new export."));
  }

  public void stop(ExportExecution execution) {
    if (!execution.isRunning()) {
      throw new ExportStateException(
          "Export " + execution.executionId() + " is " + execution.status() + ", not running.");
    }
    try {
      try {
        operations.stop(execution.executionId());
      } catch (jakarta.ejb.EJBException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    } catch (JobExecutionNotRunningException e) {
      throw new ExportStateException("Export " + execution.executionId() + " is not running.");
    }
  }

  /**
   * Restarts a FAILED or STOPPED export from its last checkpoint, if the organization's plan still
   * allows exports to its destination (a bucket export needs ENTERPRISE, a download PRO or
   * ENTERPRISE), and a download within the fairness limits of {@link #start}.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long restart(ExportExecution execution, Properties overrides) {
    if (!execution.isRestartable()) {
      throw new ExportStateException(
          "Only a FAILED or STOPPED export can be restarted; export "
              + execution.executionId()
              + " is "
              + execution.status()
              + ".");
    }
    String destination =
        ExportJob.isDownload(execution.destination())
            ? ExportJob.DESTINATION_DOWNLOAD
            : execution.destination();
    plans.require(execution.environmentId(), destination);
    try {
      try {
        Properties p = overrides == null ? new Properties() : overrides;
        if (!ExportJob.DESTINATION_DOWNLOAD.equals(destination)) {
          return operations.restart(execution.executionId(), p);
        }
        synchronized (START_GATE) {
          requireCapacity(execution.environmentId());
          long restarted = operations.restart(execution.executionId(), p);
          slots.started(restarted, destination); // counted before its listener runs
          return restarted;
        }
      } catch (jakarta.ejb.EJBException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    } catch (JobExecutionNotMostRecentException e) {
      throw new ExportStateException(
          "Export "
              + execution.executionId()
              + " was already restarted; restart its most recent execution instead.");
    } catch (JobExecutionAlreadyCompleteException | JobRestartException e) {
      throw new ExportStateException(
          "Export " + execution.executionId() + " cannot be restarted: " + e.getMessage());
    }
  }

  public void abandon(ExportExecution execution) {
    if (execution.isRunning()) {
      throw new ExportStateException(
          "Export " + execution.executionId() + " is running; stop it before abandoning it.");
    }
    if (execution.status() == jakarta.batch.runtime.BatchStatus.ABANDONED) {
      throw new ExportStateException(
          "Export " + execution.executionId() + " is already abandoned.");
    }
    operations.abandon(execution.executionId());
  }
}
