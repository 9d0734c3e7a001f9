package com.warehouseexport.batch.launch;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportPlanGate;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.automatic.PeriodClaims;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.platform.JobOperators;
import com.warehouseexport.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jberet.operations.AbstractJobOperator;
import org.jberet.operations.DelegatingJobOperator;
import org.jberet.repository.JobRepository;
import org.jberet.runtime.JobExecutionImpl;

/**
 * Finishes exports that a crash interrupted. An execution still marked STARTING/STARTED in the job
 * repository, started by this node before this JVM started, cannot be running: it is marked FAILED
 * with an explanation and restarted from its last checkpoint, so the file is completed exactly once
 * and byte-identical to an uninterrupted run — unless the organization's plan no longer includes
 * that export ({@link ExportPlanGate}): then it stays FAILED and its error says why. Runs shortly
 * after start-up.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrashedExecutionRecovery {

  private static final Logger LOG = Logger.getLogger(CrashedExecutionRecovery.class.getName());
  static final String MESSAGE =
      "The server stopped while this export was running; it was restarted from its last"
          + " checkpoint.";
  static final String NOT_RESTARTED =
      "The server stopped while this export was running; it was not restarted: ";

  @Resource private TimerService timers;
  @EJB private com.warehouseexport.export.ExportOperations operations;
  @EJB private PeriodClaims claims;
  @EJB private ExportHistoryService history;
  @EJB private ExportPlanGate plans;
  @EJB private ClusterClock clusterClock;

  private final List<Long> restarted = new ArrayList<>();

  @PostConstruct
  void schedule() {
    timers.createSingleActionTimer(
        ServerSettings.longValue("warehouse.recovery.delay-millis", 5_000L),
        new TimerConfig(null, false));
  }

  @Timeout
  void recover() {
    try {
      recoverNow();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Recovery of interrupted exports failed", e);
    }
  }

  /** Returns the ids of the new executions. */
  public synchronized List<Long> recoverNow() {
    JobOperator operator = JobOperators.get();
    JobRepository repository = repository(operator);
    if (repository == null) {
      return List.of();
    }
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    String node = JobOperatorExportOperations.nodeName();
    List<Long> result = new ArrayList<>();
    List<Long> running;
    try {
      running = operator.getRunningExecutions(ExportJob.NAME);
    } catch (jakarta.batch.operations.NoSuchJobException e) {
      return List.of();
    }
    for (Long id : running) {
      JobExecution execution = operator.getJobExecution(id);
      Properties params = execution.getJobParameters();
      boolean mine = params != null && node.equals(params.getProperty(ExportJob.NODE));
      boolean beforeThisJvm =
          execution.getCreateTime() != null && execution.getCreateTime().getTime() < jvmStart;
      if (!mine || !beforeThisJvm || restarted.contains(id)) {
        continue;
      }
      restarted.add(id);
      String refusal = planRefusal(params);
      if (refusal != null) {
        markFailed(operator, repository, id, NOT_RESTARTED + refusal);
        LOG.warning(
            "Export execution "
                + id
                + " was interrupted by a server stop and is not restarted: "
                + refusal);
        continue;
      }
      markFailed(operator, repository, id, MESSAGE);
      long next = operations.restart(id, new Properties());
      result.add(next);
      LOG.warning(
          "Export execution "
              + id
              + " was interrupted by a server stop; restarted as execution "
              + next);
    }
    return result;
  }

  /**
   * Takes over an execution of a node that died (its heartbeat stopped): marks it FAILED with an
   * explanation, then a bucket export's period is due for a new attempt at once (any node's next
   * tick starts it) and a download is restarted here (from the beginning when its partial file was
   * on the dead node's disk; the result is byte-identical either way). Returns the restarted
   * execution's id, or -1 when the scheduler finishes it.
   */
  public synchronized long takeOver(long id, String deadNode) {
    JobOperator operator = JobOperators.get();
    JobRepository repository = repository(operator);
    if (repository == null) {
      return -1;
    }
    String self = JobOperatorExportOperations.nodeName();
    markFailed(
        operator,
        repository,
        id,
        "Node "
            + deadNode
            + " stopped responding while this export was running; node "
            + self
            + " took it over.");
    Properties params = operator.getJobExecution(id).getJobParameters();
    if (!ExportJob.isDownload(params.getProperty(ExportJob.DESTINATION))
        && params.getProperty(ExportJob.PERIOD) != null) {
      LocalDate period = LocalDate.parse(params.getProperty(ExportJob.PERIOD));
      PeriodId claimed =
          new PeriodId(
              Long.parseLong(params.getProperty(ExportJob.ENVIRONMENT_ID)),
              params.getProperty(ExportJob.DESTINATION),
              Cadence.fromId(params.getProperty(ExportJob.CADENCE, "daily")),
              period);
      claims
          .find(claimed)
          .filter(c -> !c.withoutExecution())
          .filter(c -> history.latestOfInstance(c.executionId()).executionId() == id)
          .ifPresent(c -> claims.markRetrying(claimed, c.executionId(), clusterClock.now()));
      LOG.warning(
          "Took over export execution "
              + id
              + " of node "
              + deadNode
              + ": its period "
              + period
              + " is exported again now");
      return -1;
    }
    String refusal = planRefusal(params);
    if (refusal != null) {
      markFailed(
          operator,
          repository,
          id,
          "Node " + deadNode + " stopped responding while this export was running. " + refusal);
      LOG.warning("Took over export execution " + id + " without restarting it: " + refusal);
      return -1;
    }
    long next = operations.restart(id, new Properties());
    LOG.warning(
        "Took over export execution "
            + id
            + " of node "
            + deadNode
            + ": restarted here as execution "
            + next);
    return next;
  }

  /** Why the plan no longer allows this execution's export (null when it does). */
  private String planRefusal(Properties params) {
    String env = params == null ? null : params.getProperty(ExportJob.ENVIRONMENT_ID);
    if (env == null) {
      return null;
    }
    try {
      return plans.refusal(
          Long.parseLong(env),
          ExportJob.isDownload(params.getProperty(ExportJob.DESTINATION))
              ? ExportJob.DESTINATION_DOWNLOAD
              : params.getProperty(ExportJob.DESTINATION));
    } catch (RuntimeException e) {
      return "Its environment " + env + " no longer exists.";
    }
  }

  /**
   * JBeret's job repository behind the operator, or null (with a warning) elsewhere. On WildFly,
   * BatchRuntime hands out JBeret's DelegatingJobOperator, which forwards to the deployment's
   * operator (an AbstractJobOperator that owns the job repository).
   */
  static JobRepository repository(JobOperator operator) {
    JobOperator unwrapped =
        operator instanceof DelegatingJobOperator delegating ? delegating.getDelegate() : operator;
    if (unwrapped instanceof AbstractJobOperator jberet) {
      return jberet.getJobRepository();
    }
    LOG.warning(
        "Not running on JBeret ("
            + unwrapped.getClass().getName()
            + "): interrupted exports are not recovered automatically");
    return null;
  }

  /** Marks a STARTED execution and its running steps FAILED with {@code message} as exit status. */
  static void markFailed(JobOperator operator, JobRepository repository, long id, String message) {
    for (StepExecution step : operator.getStepExecutions(id)) {
      if (step.getBatchStatus() == BatchStatus.STARTED
          || step.getBatchStatus() == BatchStatus.STARTING) {
        if (step instanceof org.jberet.runtime.AbstractStepExecution s) {
          s.setBatchStatus(BatchStatus.FAILED);
          s.setExitStatus(message);
          repository.updateStepExecution(s);
        }
      }
    }
    JobExecutionImpl impl = (JobExecutionImpl) repository.getJobExecution(id);
    impl.setExitStatus(message);
    impl.setBatchStatus(BatchStatus.FAILED);
    // A full update: the partial one writes only the status, and the job repository is the
    // export history, so the explanation must land in JOB_EXECUTION.EXITSTATUS too.
    repository.updateJobExecution(impl, true, false);
  }
}
