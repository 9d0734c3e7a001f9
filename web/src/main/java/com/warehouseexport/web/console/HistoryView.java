package com.warehouseexport.web.console;

import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.TooManyRequestsException;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.manual.ExportRetention;
import com.warehouseexport.export.manual.ManualExportService;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings → Environment → Export history: the runs, newest first, a page at a time ({@code page}
 * URL parameter), a chart of the page, Stop for running exports, Abandon (after a confirmation) for
 * failed or stopped ones, and Restart for operators.
 */
@Named
@ViewScoped
public class HistoryView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  /** How many executions a page lists and charts. */
  static final int LIMIT = 25;

  /** The last page one may open (pages are newest first). */
  static final int MAX_PAGE = 10_000;

  static final int CHART_POINTS = 12;

  /** One execution as the table shows it. */
  public record Row(
      long executionId,
      String status,
      String statusClass,
      String what,
      String period,
      String destination,
      String rows,
      String bytes,
      String duration,
      String started,
      String requestedBy,
      String error,
      boolean restartable,
      boolean stoppable,
      boolean abandonable,
      boolean downloadable,
      boolean running) {}

  @EJB private ExportHistoryService history;
  @EJB private ManualExportService exports;

  private String pageParam;
  private int page;
  private boolean hasMore;
  private Long confirmingAbandon;
  private final java.util.HashSet<Long> stopPressed = new java.util.HashSet<>();
  private transient List<ExportExecution> executions;
  private transient FacesContext executionsReadIn;

  private List<ExportExecution> executions() {
    FacesContext request = FacesContext.getCurrentInstance();
    if (executionsReadIn != request) { // read afresh in every request, once
      executions = null;
      executionsReadIn = request;
    }
    if (executions == null) {
      if (isLoaded() && getSingleExecution() != null) {
        executions = one(getSingleExecution());
        hasMore = false;
      } else if (isLoaded()) {
        ExportHistoryService.Page read = history.history(getEnvironmentId(), page, LIMIT);
        executions = read.items();
        hasMore = read.hasMore();
      } else {
        executions = List.of();
      }
    }
    return executions;
  }

  /**
   * The {@code execution} URL parameter (a link from the delivery calendar): only that execution,
   * if it is one of this environment's; nothing otherwise.
   */
  private String executionParam;

  private List<ExportExecution> one(long executionId) {
    try {
      ExportExecution e = history.visibleExecution(pages.caller(), executionId);
      return e.environmentId() == getEnvironmentId() ? List.of(e) : List.of();
    } catch (com.warehouseexport.errors.NotFoundException e) {
      return List.of();
    }
  }

  public String getExecution() {
    return executionParam;
  }

  public void setExecution(String execution) {
    this.executionParam = execution;
  }

  /** The one execution shown, or null when the page lists the history. */
  public Long getSingleExecution() {
    return executionParam != null && executionParam.matches("\\d{1,18}")
        ? Long.valueOf(executionParam)
        : null;
  }

  public List<Row> getRows() {
    Instant now = Instant.now();
    boolean operator = pages.caller().isOperator();
    List<Row> rows = new ArrayList<>();
    for (ExportExecution e : executions()) {
      boolean download = "download".equals(e.destination());
      rows.add(
          new Row(
              e.executionId(),
              Formats.status(e.status().name()),
              "status-" + e.status().name().toLowerCase(java.util.Locale.ROOT),
              e.aggregation() != null
                  ? Formats.aggregation(e.aggregation())
                  : e.cadence() == null ? "" : Formats.status(e.cadence()) + " automatic export",
              e.period() != null ? e.period() : "as of " + Formats.instant(e.asOf()),
              download
                  ? "Download"
                  : e.destination() == null
                      ? ""
                      : "postgresql".equals(e.destination()) ? "PostgreSQL table" : "Bucket",
              Formats.count(e.rowsWritten()),
              Formats.bytes(e.bytes()),
              Formats.duration(Formats.between(e.startedAt(), e.endedAt(), now)),
              Formats.instant(e.startedAt()),
              RunWords.startedBy(e.destination(), e.requestedBy()),
              e.error(),
              operator && e.isRestartable(),
              e.status() == BatchStatus.STARTING || e.status() == BatchStatus.STARTED,
              e.isRestartable(),
              download
                  && e.isCompleted()
                  && e.endedAt() != null
                  && e.endedAt().plus(ExportRetention.retention()).isAfter(now),
              e.isRunning()));
    }
    return rows;
  }

  /** Something on this page is running: the page refreshes itself meanwhile. */
  public boolean isRunning() {
    return executions().stream().anyMatch(ExportExecution::isRunning);
  }

  /** A sentence for the live region: the statuses of the page's running exports. */
  public String getSummary() {
    long running = executions().stream().filter(ExportExecution::isRunning).count();
    return running == 0
        ? "No export is running."
        : running + (running == 1 ? " export is" : " exports are") + " running.";
  }

  /**
   * "Export N is stopping…" for each export of the page that is stopping (Stop pressed here, or
   * status STOPPING) and still runs; part of the live block, so a note goes once its export has
   * stopped and its row shows how it ended.
   */
  public List<String> getStoppingNotes() {
    List<String> notes = new ArrayList<>();
    for (ExportExecution e : executions()) {
      String note = RunWords.stopping(e, stopPressed.contains(e.executionId()));
      if (!note.isEmpty()) {
        notes.add(note);
      }
    }
    return notes;
  }

  /** The live refresh: the page reads the history afresh when it renders. */
  public void refresh() {
    if (recheck()) {
      executions = null;
    }
  }

  /** The inline SVG chart of the last executions, oldest first. */
  public String getChart() {
    return HistoryChart.svg(chartPoints());
  }

  /** The same chart drawn for phones (the page shows one of the two by width). */
  public String getNarrowChart() {
    return HistoryChart.narrowSvg(chartPoints());
  }

  private List<HistoryChart.Point> chartPoints() {
    List<ExportExecution> all = executions();
    List<HistoryChart.Point> points = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = Math.min(all.size(), CHART_POINTS) - 1; i >= 0; i--) {
      ExportExecution e = all.get(i);
      Duration d = Formats.between(e.startedAt(), e.endedAt(), now);
      points.add(
          new HistoryChart.Point(
              e.executionId(),
              e.rowsWritten(),
              d == null ? 0 : d.toMillis() / 1000.0,
              e.status() == BatchStatus.FAILED));
    }
    return points;
  }

  /** No export at all (an empty page past the end still shows the pager). */
  public boolean isWithoutExecutions() {
    return page == 0 && executions().isEmpty();
  }

  public boolean isPageEmpty() {
    return executions().isEmpty();
  }

  @Override
  protected void loaded() {
    page = parsePage(pageParam);
  }

  private static int parsePage(String text) {
    if (text == null || !text.matches("\\d{1,5}")) {
      return 0;
    }
    return Math.min(Integer.parseInt(text), MAX_PAGE);
  }

  public String getPage() {
    return pageParam;
  }

  public void setPage(String page) {
    this.pageParam = page;
  }

  /** The page shown, from 1 (for people). */
  public int getPageNumber() {
    return page + 1;
  }

  public boolean isHasPrevious() {
    return page > 0;
  }

  public boolean isHasNext() {
    executions();
    return hasMore;
  }

  public int getPreviousPage() {
    return Math.max(page - 1, 0);
  }

  public int getNextPage() {
    return page + 1;
  }

  /** Stops a running export; it can be restarted later from its last checkpoint. */
  public void stop(long executionId) {
    if (!recheck()) {
      return;
    }
    try {
      exports.stop(history.visibleExecution(pages.caller(), executionId));
      stopPressed.add(executionId); // the live block says so until it has (getStoppingNotes)
    } catch (NotFoundException | ExportStateException e) {
      ConsolePages.error(e.getMessage());
    }
    executions = null;
  }

  /** First click on Abandon: ask for confirmation in the row. */
  public void askToAbandon(long executionId) {
    confirmingAbandon = executionId;
  }

  public void cancelAbandon() {
    confirmingAbandon = null;
  }

  public boolean confirming(long executionId) {
    return confirmingAbandon != null && confirmingAbandon == executionId;
  }

  /** Abandons a failed or stopped export: it will never be restarted, by anyone. */
  public void abandon(long executionId) {
    confirmingAbandon = null;
    if (!recheck()) {
      return;
    }
    try {
      exports.abandon(history.visibleExecution(pages.caller(), executionId));
      ConsolePages.info("Export " + executionId + " was abandoned: it will not be restarted.");
    } catch (NotFoundException | ExportStateException e) {
      ConsolePages.error(e.getMessage());
    }
    executions = null;
  }

  /** Operators only: restarts a FAILED or STOPPED export of this environment. */
  public void restart(long executionId) {
    if (!recheck()) {
      return;
    }
    if (!pages.caller().isOperator()) {
      ConsolePages.error("Only operators may restart exports.");
      return;
    }
    try {
      ExportExecution e = history.visibleExecution(pages.caller(), executionId);
      long restarted = exports.restart(e, null);
      ConsolePages.info("Export " + executionId + " was restarted as export " + restarted + ".");
    } catch (NotFoundException
        | ExportStateException
        | PlanNotAllowedException
        | TooManyRequestsException e) {
      ConsolePages.error(e.getMessage());
    }
    executions = null;
  }
}
