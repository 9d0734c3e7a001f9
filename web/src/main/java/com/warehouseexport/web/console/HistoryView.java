package com.warehouseexport.web.console;

import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.TooManyRequestsException;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.manual.ManualExportService;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Settings → Environment → Export history: recent runs, a chart, and Restart for operators. */
@Named
@ViewScoped
public class HistoryView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  /** How many executions the page lists and charts. */
  static final int LIMIT = 25;

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
      boolean restartable) {}

  @EJB private ExportHistoryService history;
  @EJB private ManualExportService exports;

  private transient List<ExportExecution> executions;
  private transient FacesContext executionsReadIn;

  private List<ExportExecution> executions() {
    FacesContext request = FacesContext.getCurrentInstance();
    if (executionsReadIn != request) { // read afresh in every request, once
      executions = null;
      executionsReadIn = request;
    }
    if (executions == null) {
      executions = isLoaded() ? history.executions(getEnvironmentId(), LIMIT) : List.of();
    }
    return executions;
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
              Formats.status(e.status()),
              "status-" + e.status().toLowerCase(java.util.Locale.ROOT),
              e.aggregation() != null
                  ? Formats.aggregation(e.aggregation())
                  : e.cadence() == null ? "" : Formats.status(e.cadence()) + " automatic export",
              e.period() != null ? e.period() : "as of " + Formats.instant(e.asOf()),
              download ? "Download" : e.destination() == null ? "" : "Bucket",
              Formats.count(e.rowsWritten()),
              Formats.bytes(e.bytes()),
              Formats.duration(Formats.between(e.startedAt(), e.endedAt(), now)),
              Formats.instant(e.startedAt()),
              e.requestedBy() == null ? "" : e.requestedBy(),
              e.error(),
              operator && ("FAILED".equals(e.status()) || "STOPPED".equals(e.status()))));
    }
    return rows;
  }

  /** The inline SVG chart of the last executions, oldest first. */
  public String getChart() {
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
              "FAILED".equals(e.status())));
    }
    return HistoryChart.svg(points);
  }

  public boolean isWithoutExecutions() {
    return executions().isEmpty();
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
