package com.warehouseexport.batch.launch;

import com.warehouseexport.cluster.ClusterSettings;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportOperations;
import com.warehouseexport.export.ExportRequest;
import com.warehouseexport.export.history.ExportExecutionIndex;
import com.warehouseexport.platform.JobOperators;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Starts and steers {@code company-usage-export} executions through the Jakarta Batch {@link
 * JobOperator}. Lives in the module that holds the job XML so the runtime can resolve it.
 */
@Stateless
public class JobOperatorExportOperations implements ExportOperations {

  /** Every start and restart is indexed by environment (status and history read through it). */
  @EJB private ExportExecutionIndex index;

  @Override
  public long start(ExportRequest request) {
    return start(request, new Properties());
  }

  @Override
  public long start(ExportRequest request, Properties extra) {
    Properties p = new Properties();
    p.putAll(extra);
    p.setProperty(ExportJob.ENVIRONMENT_ID, Long.toString(request.environmentId()));
    p.setProperty(ExportJob.AGGREGATION, request.aggregation().id());
    p.setProperty(ExportJob.AS_OF, request.asOf().toString());
    p.setProperty(ExportJob.DESTINATION, request.destination());
    if (request.cadence() != null) {
      p.setProperty(ExportJob.CADENCE, request.cadence());
    }
    if (request.period() != null) {
      p.setProperty(ExportJob.PERIOD, request.period());
    }
    if (request.requestedBy() != null) {
      p.setProperty(ExportJob.REQUESTED_BY, request.requestedBy());
    }
    if (request.spreadsheetSafe() && ExportJob.DESTINATION_DOWNLOAD.equals(request.destination())) {
      p.setProperty(ExportJob.SPREADSHEET_SAFE, "true");
    } else {
      p.remove(ExportJob.SPREADSHEET_SAFE);
    }
    p.setProperty(ExportJob.NODE, nodeName());
    long execution = operator().start(ExportJob.NAME, p);
    index.record(execution, request.environmentId(), request.destination());
    return execution;
  }

  @Override
  public java.util.Optional<Long> startedForClaim(
      com.warehouseexport.export.PeriodId id, long claimedAt) {
    return index.startedForClaim(id, claimedAt);
  }

  @Override
  public long restart(long executionId, Properties overrides) {
    // The original parameters, with the overrides on top (never dropped, whatever the runtime
    // does).
    Properties p = new Properties();
    Properties original = operator().getParameters(executionId);
    if (original != null) {
      p.putAll(original);
    }
    p.putAll(overrides);
    p.setProperty(ExportJob.NODE, nodeName());
    long execution = operator().restart(executionId, p);
    String env = p.getProperty(ExportJob.ENVIRONMENT_ID);
    if (env != null) {
      index.record(
          execution,
          Long.parseLong(env),
          p.getProperty(ExportJob.DESTINATION, ExportJob.DESTINATION_DOWNLOAD));
    }
    return execution;
  }

  @Override
  public void stop(long executionId) {
    operator().stop(executionId);
  }

  @Override
  public void abandon(long executionId) {
    operator().abandon(executionId);
  }

  @Override
  public List<RunningExport> running(Collection<Long> skip) {
    JobOperator operator = operator();
    List<RunningExport> running = new ArrayList<>();
    try {
      for (Long id : operator.getRunningExecutions(ExportJob.NAME)) {
        if (skip.contains(id)) {
          running.add(new RunningExport(id, null, null));
          continue;
        }
        Properties p = operator.getJobExecution(id).getJobParameters();
        running.add(
            new RunningExport(
                id,
                p == null ? null : p.getProperty(ExportJob.NODE),
                p == null
                    ? ExportJob.DESTINATION_DOWNLOAD
                    : p.getProperty(ExportJob.DESTINATION, ExportJob.DESTINATION_DOWNLOAD)));
      }
    } catch (NoSuchJobException e) {
      // no export ever ran: nothing is running
    }
    return running;
  }

  /** The server node that runs an execution (crash recovery restarts only its own). */
  public static String nodeName() {
    return ClusterSettings.nodeName();
  }

  private static JobOperator operator() {
    return JobOperators.get();
  }
}
