package com.warehouseexport.export.manual;

import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import com.warehouseexport.tenancy.ProvisioningService;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobRestartException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
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
  @EJB private ExportFileStoreProvider stores;

  private final Clock clock = Clock.systemUTC();

  /**
   * Starts a manual export of the environment; {@code asOf} null means now. Plan: PRO or
   * ENTERPRISE.
   */
  public long start(
      long environmentId,
      String aggregationId,
      Instant asOf,
      String requestedBy,
      Properties extra) {
    Environment environment = provisioning.environment(environmentId);
    if (!environment.getOrganization().getPlan().allowsManualExport()) {
      throw new PlanNotAllowedException(
          "Export is part of the Pro and Enterprise plans; this organization is on "
              + environment.getOrganization().getPlan()
              + ".");
    }
    Aggregation aggregation;
    try {
      aggregation = Aggregation.fromId(aggregationId);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException(
          "aggregation",
          "aggregation must be one of snapshot, 30-days-daily, 3-months-weekly, 6-months-weekly");
    }
    Instant instant = asOf == null ? clock.instant() : asOf;
    return operations.start(
        ExportRequest.download(environmentId, aggregation, instant, requestedBy),
        extra == null ? new Properties() : extra);
  }

  /**
   * A finished download, opened: its content streamed from the export store (never held in memory;
   * the caller reads it to the end or not, and always closes it), the file name it is offered under
   * and its size in bytes.
   */
  public record Download(InputStream content, String fileName, long size) implements AutoCloseable {

    public Download {
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(fileName, "fileName");
    }

    /** Copies the whole content to {@code out} and closes the content. */
    public void writeTo(OutputStream out) throws IOException {
      try (InputStream in = content) {
        in.transferTo(out);
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

  public long restart(ExportExecution execution, Properties overrides) {
    if (!execution.status().equals("FAILED") && !execution.status().equals("STOPPED")) {
      throw new ExportStateException(
          "Only a FAILED or STOPPED export can be restarted; export "
              + execution.executionId()
              + " is "
              + execution.status()
              + ".");
    }
    try {
      try {
        return operations.restart(
            execution.executionId(), overrides == null ? new Properties() : overrides);
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
    if (execution.status().equals("ABANDONED")) {
      throw new ExportStateException(
          "Export " + execution.executionId() + " is already abandoned.");
    }
    operations.abandon(execution.executionId());
  }
}
