package com.warehouseexport.batch.launch;

import com.warehouseexport.export.ExportEnded;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportStarted;
import com.warehouseexport.platform.JobOperators;
import com.warehouseexport.platform.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.jberet.repository.JobRepository;
import org.jberet.runtime.JobExecutionImpl;

/**
 * Executions whose end this JVM saw but whose status never reached the job repository: the database
 * went away (a restart, an outage) while JBeret wrote {@code UPDATE JOB_EXECUTION}, so the row
 * stays STARTED for ever — shown as running, counted against this node's export capacity (which
 * starved the scheduler: "none landed for 7 minutes" in issue 20), never retried.
 *
 * <p>Every {@code EXPORT_STATUS_REPAIR_INTERVAL} (default PT10S) this node looks at the executions
 * the repository lists as running with its own node name. One that is over in this JVM is recorded
 * now, exactly once (the row is no longer listed as running afterwards):
 *
 * <ul>
 *   <li>JBeret still holds its final state in memory (COMPLETED, FAILED, …): the job and step rows
 *       are written again with that state — a completed export counts as completed, its period
 *       lands, nothing is exported twice;
 *   <li>otherwise, when its job listener reported the end here ({@link ExportEnded}) at least
 *       {@link #SETTLE} ago: it is marked FAILED with an explanation — a period of an automatic
 *       export is then retried by the schedule, a download can be started again;
 *   <li>it never began: its batch thread marked it started but could not write that and died before
 *       the job's first listener ({@link ExportStarted} never came), for {@link #SETTLE}: it is
 *       marked FAILED with an explanation, and retried or restarted as above.
 * </ul>
 *
 * Executions running on other nodes are never touched (their own node repairs them; a dead node's
 * are taken over by {@link NodeLiveness}); executions of a previous JVM are {@link
 * CrashedExecutionRecovery}'s.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LostStatusRepair {

  private static final Logger LOG = Logger.getLogger(LostStatusRepair.class.getName());

  /** How long an ended execution may take to write its own final status before it is repaired. */
  static final Duration SETTLE = Duration.ofSeconds(10);

  static final String LOST =
      "The database could not be reached when this export ended, so its outcome was lost; it was"
          + " recorded as failed. An automatic export's period is exported again by the schedule;"
          + " start a download again.";

  @Resource private TimerService timers;

  /** Executions whose job listener ran in this JVM, and when. */
  private final Map<Long, Instant> endedHere = new ConcurrentHashMap<>();

  /** Executions seen running in the repository but over in memory, and when first seen so. */
  private final Map<Long, Instant> seenOver = new ConcurrentHashMap<>();

  /** Executions whose job listener began in this JVM ({@link ExportStarted}). */
  private final Map<Long, Instant> beganHere = new ConcurrentHashMap<>();

  /** Executions seen started in memory whose job never began here, and when first seen so. */
  private final Map<Long, Instant> seenStuck = new ConcurrentHashMap<>();

  /** When this JVM started: executions created before belong to a previous JVM. */
  private static final Instant JVM_START =
      Instant.ofEpochMilli(
          java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

  static final String NEVER_BEGAN =
      "The database could not be reached when this export was about to begin, so it never ran;"
          + " it was recorded as failed. An automatic export's period is exported again by the"
          + " schedule; start a download again.";

  @PostConstruct
  void schedule() {
    long interval =
        Math.max(
            1_000L,
            ServerSettings.duration(
                    "EXPORT_STATUS_REPAIR_INTERVAL",
                    "warehouse.export.status-repair-interval",
                    Duration.ofSeconds(10))
                .toMillis());
    timers.createIntervalTimer(interval, interval, new TimerConfig("export-status-repair", false));
  }

  /** The job listener of an export ran in this JVM. */
  public void onExportEnded(@Observes ExportEnded ended) {
    endedHere.put(ended.executionId(), Instant.now());
  }

  /** The job listener of an export began in this JVM. */
  public void onExportStarted(@Observes ExportStarted started) {
    beganHere.put(started.executionId(), Instant.now());
  }

  @Timeout
  void onTimer() {
    try {
      repairNow(Instant.now());
    } catch (RuntimeException e) {
      // The database is still away: the next pass tries again. One line, no stack trace.
      LOG.fine(() -> "Status repair pass skipped: " + e);
    }
  }

  /** One pass; returns the ids repaired. */
  synchronized List<Long> repairNow(Instant now) {
    JobOperator operator = JobOperators.get();
    JobRepository repository = CrashedExecutionRecovery.repository(operator);
    if (repository == null) {
      return List.of();
    }
    List<Long> running;
    try {
      running = operator.getRunningExecutions(ExportJob.NAME);
    } catch (NoSuchJobException e) {
      return List.of();
    }
    String self = JobOperatorExportOperations.nodeName();
    List<Long> repaired = new java.util.ArrayList<>();
    for (Long id : running) {
      try {
        if (repair(operator, repository, self, id, now)) {
          repaired.add(id);
        }
      } catch (RuntimeException e) {
        LOG.warning("Status of export execution " + id + " not repaired yet: " + e);
      }
    }
    repaired.forEach(
        id -> {
          endedHere.remove(id);
          seenOver.remove(id);
          seenStuck.remove(id);
        });
    // Bounded memory: the repository caught up with the rest long ago.
    Instant old = now.minus(Duration.ofHours(1));
    endedHere.values().removeIf(t -> t.isBefore(old));
    seenOver.values().removeIf(t -> t.isBefore(old));
    seenStuck.values().removeIf(t -> t.isBefore(old));
    beganHere.values().removeIf(t -> t.isBefore(now.minus(Duration.ofDays(2))));
    return repaired;
  }

  /** Repairs execution {@code id} if it is this node's and over here; true when it did. */
  private boolean repair(
      JobOperator operator, JobRepository repository, String self, long id, Instant now) {
    JobExecutionImpl execution = (JobExecutionImpl) repository.getJobExecution(id);
    Properties params = execution.getJobParameters();
    if (params == null || !self.equals(params.getProperty(ExportJob.NODE))) {
      return false;
    }
    BatchStatus inMemory = execution.getBatchStatus();
    if (isOver(inMemory)) {
      // JBeret keeps an execution it finished in memory; the repository row says running.
      Instant first = seenOver.computeIfAbsent(id, k -> now);
      Instant ended = execution.getEndTime() != null ? execution.getEndTime().toInstant() : first;
      if (Duration.between(ended, now).compareTo(SETTLE) < 0
          && Duration.between(first, now).compareTo(SETTLE) < 0) {
        return false;
      }
      try {
        rewrite(repository, execution);
        LOG.warning(
            "Export execution "
                + id
                + " ended "
                + inMemory
                + " while the database could not be reached; its status is recorded now");
        return true;
      } catch (RuntimeException e) {
        // The in-memory state cannot be written as it is (e.g. a step's exception that does
        // not serialize): record the execution as failed from its stored rows instead.
        LOG.warning("Export execution " + id + ": its final state cannot be written (" + e + ")");
      }
      CrashedExecutionRecovery.markFailed(operator, repository, id, LOST);
      LOG.warning("Export execution " + id + " recorded as failed: " + LOST);
      return true;
    }
    if (neverBegan(execution, inMemory, id, now)) {
      CrashedExecutionRecovery.markFailed(operator, repository, id, NEVER_BEGAN);
      LOG.warning(
          "Export execution "
              + id
              + " never began: its batch thread could not record the start while the database"
              + " could not be reached; recorded as failed");
      return true;
    }
    Instant endedAt = endedHere.get(id);
    if (endedAt != null && Duration.between(endedAt, now).compareTo(SETTLE) >= 0) {
      CrashedExecutionRecovery.markFailed(operator, repository, id, LOST);
      LOG.warning(
          "Export execution "
              + id
              + " ended while the database could not be reached and its outcome was lost;"
              + " recorded as failed");
      return true;
    }
    return false;
  }

  /**
   * The batch thread marked the execution started in memory but could not write that (the database
   * was away) and died before the job's first listener: it never runs, and its row says running for
   * ever. Only executions this JVM created, seen so for {@link #SETTLE}; one whose listener began
   * or ended here is alive or handled above.
   */
  private boolean neverBegan(
      JobExecutionImpl execution, BatchStatus inMemory, long id, Instant now) {
    if (inMemory != BatchStatus.STARTED
        || beganHere.containsKey(id)
        || endedHere.containsKey(id)
        || execution.getCreateTime() == null
        || execution.getCreateTime().toInstant().isBefore(JVM_START)) {
      seenStuck.remove(id);
      return false;
    }
    Instant first = seenStuck.computeIfAbsent(id, k -> now);
    return Duration.between(first, now).compareTo(SETTLE) >= 0;
  }

  private static boolean isOver(BatchStatus status) {
    return status == BatchStatus.COMPLETED
        || status == BatchStatus.FAILED
        || status == BatchStatus.STOPPED
        || status == BatchStatus.ABANDONED;
  }

  /** Writes the in-memory final state of the execution and its steps to the repository. */
  private static void rewrite(JobRepository repository, JobExecutionImpl execution) {
    for (StepExecution step : execution.getStepExecutions()) {
      repository.updateStepExecution(step);
    }
    repository.updateJobExecution(execution, true, false);
  }
}
