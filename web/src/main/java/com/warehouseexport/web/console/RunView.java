package com.warehouseexport.web.console;

import com.warehouseexport.errors.ForbiddenException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.TooManyRequestsException;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.automatic.OperatorPeriodRuns;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportRunService;
import com.warehouseexport.export.manual.ManualExportService;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Settings → Environment → Export history → one run ({@code run.xhtml?env=…&id=…}, PRODUCT.md §12):
 * status, period, destination, rows, bytes, checksum, who started it, every attempt of its period
 * with its error and times, and the actions the caller may take — download again while the file is
 * kept, re-export the period (through its period claim, so exactly once), stop, restart, abandon.
 * Another organization's run, or a run of another environment, is "not found".
 */
@Named
@ViewScoped
public class RunView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  @EJB private ExportRunService runs;
  @EJB private ManualExportService exports;
  @EJB private OperatorPeriodRuns periodRuns;

  private String id;
  private long executionId;
  private boolean confirmingAbandon;
  private boolean stopPressed;
  private transient ExportRunService.Run run;
  private transient FacesContext runReadIn;

  @Override
  protected void loaded() {
    Long parsed = id != null && id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
    if (parsed == null || read(parsed) == null) {
      ConsolePages.notFound();
      return;
    }
    executionId = parsed;
  }

  /** The run if it is one of this environment's and the caller may see it; else null. */
  private ExportRunService.Run read(long execution) {
    try {
      ExportRunService.Run r = runs.run(pages.caller(), execution);
      if (r.execution().environmentId() != getEnvironmentId()) {
        return null;
      }
      run = r;
      runReadIn = FacesContext.getCurrentInstance();
      return r;
    } catch (NotFoundException e) {
      return null;
    }
  }

  private ExportRunService.Run run() {
    if (runReadIn != FacesContext.getCurrentInstance() || run == null) { // afresh per request
      run = null;
      if (executionId > 0) {
        read(executionId);
      }
    }
    return run;
  }

  private ExportExecution execution() {
    ExportRunService.Run r = run();
    return r == null ? null : r.execution();
  }

  public boolean isFound() {
    return isLoaded() && run() != null;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public long getExecutionId() {
    return executionId;
  }

  public String getStatus() {
    return Formats.status(execution().status().name());
  }

  public String getStatusClass() {
    return "status-" + execution().status().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Running, or a later attempt of the same period is: the page refreshes itself meanwhile. */
  public boolean isRunning() {
    ExportRunService.Run r = run();
    return r != null && r.attempts().stream().anyMatch(ExportExecution::isRunning);
  }

  /** A sentence for the live region: what changed is announced politely. */
  public String getSummary() {
    ExportExecution e = execution();
    if (e == null) {
      return "";
    }
    return "Export " + e.executionId() + ": " + getStatus() + ", " + getRows() + " rows.";
  }

  public String getWhat() {
    ExportExecution e = execution();
    if (e.aggregation() != null && isDownload()) {
      return Formats.aggregation(e.aggregation()) + " (manual download)";
    }
    return e.cadence() == null
        ? Formats.aggregation(e.aggregation())
        : Formats.status(e.cadence().toUpperCase(java.util.Locale.ROOT)) + " automatic export";
  }

  public String getPeriod() {
    ExportExecution e = execution();
    return e.period() != null ? e.period() : "as of " + Formats.instant(e.asOf());
  }

  public boolean isDownload() {
    return run().isDownload();
  }

  /** Delivered into a PostgreSQL table: rows, no file and so no published checksum. */
  public boolean isTable() {
    ExportExecution e = execution();
    return e != null
        && com.warehouseexport.export.ExportJob.DESTINATION_POSTGRESQL.equals(e.destination());
  }

  /** Where the file went: the destination's address; empty for a download. */
  public String getDestination() {
    String d = run().destination();
    return d == null ? "" : d;
  }

  public String getRows() {
    return Formats.count(execution().rowsWritten());
  }

  public String getBytes() {
    return Formats.bytes(execution().bytes());
  }

  public String getChecksum() {
    return run().sha256();
  }

  public int getPercent() {
    return execution().percent();
  }

  public String getStartedBy() {
    ExportExecution e = execution();
    String by = RunWords.startedBy(e.destination(), e.requestedBy());
    return by.isEmpty() ? "not recorded" : by;
  }

  public String getStarted() {
    return Formats.instantSeconds(execution().startedAt());
  }

  public String getEnded() {
    return Formats.instantSeconds(execution().endedAt());
  }

  /** When this execution was queued (created in the job repository). */
  public String getQueued() {
    return Formats.instantSeconds(run().queuedAt());
  }

  /**
   * When this execution was queued, as an ISO-8601 instant for the page's {@code <time datetime>}:
   * its creation in the job repository ({@code JOB_EXECUTION.CREATETIME}); "" if unknown.
   */
  public String getQueuedAt() {
    return Formats.iso(run().queuedAt());
  }

  /** When this execution started ({@code JOB_EXECUTION.STARTTIME}), ISO-8601; "" if not yet. */
  public String getStartedAt() {
    return Formats.iso(execution().startedAt());
  }

  /** When this execution ended, ISO-8601; "" if not yet. */
  public String getEndedAt() {
    return Formats.iso(execution().endedAt());
  }

  public String getDuration() {
    ExportExecution e = execution();
    String d = Formats.duration(Formats.between(e.startedAt(), e.endedAt(), Instant.now()));
    return d == null ? "" : d;
  }

  public String getError() {
    return execution().error();
  }

  public List<RunWords.Attempt> getAttempts() {
    ExportRunService.Run r = run();
    return r == null ? List.of() : RunWords.attempts(r.attempts(), executionId);
  }

  public String getRetention() {
    return RunWords.retention(run().retainedUntil(), Instant.now());
  }

  public boolean isDownloadable() {
    return run().isDownloadable(Instant.now());
  }

  public String getDownloadUrl() {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
        + ConsoleDownloadServlet.PATH
        + "?execution="
        + executionId;
  }

  public boolean isStoppable() {
    BatchStatus s = execution().status();
    return s == BatchStatus.STARTING || s == BatchStatus.STARTED;
  }

  /** Operators restart any failed or stopped run; org admins their downloads. */
  public boolean isRestartable() {
    ExportExecution e = execution();
    return e.isRestartable() && (pages.caller().isOperator() || isDownload()) && isNewestAttempt();
  }

  public boolean isAbandonable() {
    return execution().isRestartable();
  }

  /**
   * A period of an automatic export that no attempt is running: it can be exported again through
   * its period claim (exactly once), by the environment's admins on the Enterprise plan.
   */
  public boolean isReExportable() {
    ExportExecution e = execution();
    return !isDownload()
        && e.period() != null
        && isAutomaticExportAllowed()
        && run().attempts().stream().noneMatch(ExportExecution::isRunning);
  }

  private boolean isNewestAttempt() {
    List<ExportExecution> attempts = run().attempts();
    return attempts.isEmpty() || attempts.get(attempts.size() - 1).executionId() == executionId;
  }

  /**
   * "Export N is stopping…" from a press on Stop until the export has stopped; then "" and the
   * status says how it ended. Part of the live block, so it goes when the page refreshes itself.
   */
  public String getStoppingNote() {
    return RunWords.stopping(execution(), stopPressed);
  }

  public boolean isConfirmingAbandon() {
    return confirmingAbandon;
  }

  /** The address of another run of this environment. */
  public String runUrl(long execution) {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
        + "/console/environments/run.xhtml?env="
        + getEnvironmentId()
        + "&id="
        + execution;
  }

  /** The live refresh: nothing to do, the page reads the run afresh when it renders. */
  public void refresh() {
    if (!recheck()) {
      return;
    }
    run = null;
  }

  public void stop() {
    if (!recheck() || run() == null) {
      return;
    }
    try {
      exports.stop(execution());
      stopPressed = true; // the live block says it is stopping until it has (getStoppingNote)
    } catch (NotFoundException | ExportStateException e) {
      ConsolePages.error(e.getMessage());
    }
    run = null;
  }

  /** Restarts from the last checkpoint; the page then shows the new execution. */
  public String restart() {
    if (!recheck() || run() == null) {
      return null;
    }
    if (!isRestartable()) {
      ConsolePages.error("Only operators may restart automatic exports; re-export the period.");
      return null;
    }
    try {
      long restarted = exports.restart(execution(), null);
      return moved(restarted, "Export " + executionId + " was restarted as export " + restarted);
    } catch (NotFoundException
        | ExportStateException
        | PlanNotAllowedException
        | TooManyRequestsException e) {
      ConsolePages.error(e.getMessage());
      run = null;
      return null;
    }
  }

  public void askToAbandon() {
    confirmingAbandon = true;
  }

  public void cancelAbandon() {
    confirmingAbandon = false;
  }

  public void abandon() {
    confirmingAbandon = false;
    if (!recheck() || run() == null) {
      return;
    }
    try {
      exports.abandon(execution());
      ConsolePages.info("Export " + executionId + " was abandoned: it will not be restarted.");
    } catch (NotFoundException | ExportStateException e) {
      ConsolePages.error(e.getMessage());
    }
    run = null;
  }

  /**
   * Exports the run's period again through its period claim (the same path as a backfill or an
   * operator's run, so the period still runs exactly once); the page then shows the new attempt.
   */
  public String reExport() {
    if (!recheck() || run() == null) {
      return null;
    }
    if (!isReExportable()) {
      ConsolePages.error("This run's period cannot be exported again right now.");
      return null;
    }
    try {
      long started =
          periodRuns.runPeriod(
              getEnvironmentId(),
              execution().destination(),
              LocalDate.parse(execution().period()),
              true,
              pages.caller().username());
      return moved(started, "The period " + execution().period() + " is exported again");
    } catch (NotFoundException
        | ExportStateException
        | ForbiddenException
        | IllegalArgumentException e) {
      ConsolePages.error(e.getMessage());
      run = null;
      return null;
    }
  }

  /** Post-redirect-get to the page of another run, with a message that survives the redirect. */
  private String moved(long execution, String message) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getExternalContext().getFlash().setKeepMessages(true);
    ConsolePages.info(message + ": this page now shows export " + execution + ".");
    return "/console/environments/run.xhtml?faces-redirect=true&env="
        + getEnvironmentId()
        + "&id="
        + execution;
  }
}
