package com.warehouseexport.web.console;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.errors.TooManyRequestsException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.manual.ManualExportService;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/**
 * Settings → Environment → Data export: the manual export (choose an aggregation, Download export,
 * progress, automatic download) and the automatic export section.
 */
@Named
@ViewScoped
public class DataExportView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  @EJB private ManualExportService exports;
  @EJB private ExportHistoryService history;

  private String aggregation = Aggregation.SNAPSHOT.id();
  private Long executionId;
  private transient ExportExecution execution;
  private transient FacesContext executionReadIn;
  private boolean spreadsheetSafe = true;

  public List<SelectItem> getAggregations() {
    return Arrays.stream(Aggregation.values()).map(a -> new SelectItem(a.id(), a.label())).toList();
  }

  /**
   * Opening the page while a manual export of this environment is still running shows its progress
   * again (and downloads it when done) instead of forgetting it.
   */
  @Override
  protected void loaded() {
    history.executions(getEnvironmentId(), 5).stream()
        .filter(ExportExecution::isRunning)
        .filter(e -> ExportJob.DESTINATION_DOWNLOAD.equals(e.destination()))
        .findFirst()
        .ifPresent(
            e -> {
              executionId = e.executionId();
              aggregation = e.aggregation();
            });
  }

  /** Download export: starts the job; the page then polls {@link #refresh()} for progress. */
  public void start() {
    if (!recheck()) {
      return;
    }
    ExportExecution current = getExecution();
    if (current != null && current.isRunning()) {
      ConsolePages.error("An export is already running; wait for it to finish.");
      return;
    }
    try {
      executionId =
          exports.start(
              getEnvironmentId(),
              aggregation,
              null,
              pages.caller().username(),
              // Parquet is for data tools: typed, raw values (no spreadsheet quoting)
              spreadsheetSafe && !OutputFormat.PARQUET.id().equals(fileFormat),
              null);
      execution = null;
      executionReadIn = null;
    } catch (PlanNotAllowedException | InvalidInputException e) {
      ConsolePages.error(e.getMessage());
    } catch (TooManyRequestsException e) {
      // Fairness (PRODUCT.md §9): the message names the limit and what to do.
      ConsolePages.error(
          "This export was not started: "
              + e.getMessage()
              + " Other people of your organization may be exporting this environment too.");
    }
  }

  /** The progress poll: nothing to do but re-check access; the getters read the status. */
  public void refresh() {
    recheck();
  }

  /** The export started from this page, as the job repository knows it now; else null. */
  public ExportExecution getExecution() {
    if (executionId == null) {
      return null;
    }
    FacesContext request = FacesContext.getCurrentInstance();
    if (executionReadIn != request) { // read afresh in every request, once
      execution = null;
      executionReadIn = request;
    }
    if (execution == null) {
      try {
        ExportExecution e = history.visibleExecution(pages.caller(), executionId);
        if (e.environmentId() != getEnvironmentId()) {
          executionId = null;
          return null;
        }
        execution = e;
      } catch (NotFoundException e) {
        executionId = null;
        return null;
      }
    }
    return execution;
  }

  /** idle, running, complete or failed (also stopped/abandoned). */
  public String getState() {
    ExportExecution e = getExecution();
    if (e == null) {
      return "idle";
    }
    if (e.isRunning()) {
      return "running";
    }
    return e.isCompleted() ? "complete" : "failed";
  }

  public boolean isRunning() {
    return "running".equals(getState());
  }

  public int getPercent() {
    ExportExecution e = getExecution();
    return e == null ? 0 : Math.max(0, Math.min(100, e.percent()));
  }

  public String getRowsWritten() {
    ExportExecution e = getExecution();
    return e == null ? "0" : Formats.count(e.rowsWritten());
  }

  /**
   * A finished export without a single row: nothing was tracked in its window, which the page says
   * (with how to send data) instead of a plain "ready".
   */
  public boolean isEmptyExport() {
    ExportExecution e = getExecution();
    return e != null && "complete".equals(getState()) && e.rowsWritten() == 0;
  }

  public String getBytes() {
    ExportExecution e = getExecution();
    return e == null ? "" : Formats.bytes(e.bytes());
  }

  public String getStatusLabel() {
    ExportExecution e = getExecution();
    return e == null ? "" : Formats.status(e.status().name());
  }

  public String getError() {
    ExportExecution e = getExecution();
    return e == null ? null : e.error();
  }

  public String getExecutionLabel() {
    ExportExecution e = getExecution();
    return e == null ? "" : Formats.aggregation(e.aggregation());
  }

  /**
   * The file to download: {@code csv} (default), {@code csv.gz} (gzip-compressed) or {@code
   * parquet} (typed columns, see docs/parquet.md), as the API's {@code ?format=}.
   */
  private String fileFormat = OutputFormat.CSV.id();

  public String getFileFormat() {
    return fileFormat;
  }

  public void setFileFormat(String fileFormat) {
    try {
      this.fileFormat = OutputFormat.fromId(fileFormat).id();
    } catch (IllegalArgumentException e) {
      this.fileFormat = OutputFormat.CSV.id();
    }
  }

  /** The file formats offered, in an admin's words. */
  public List<SelectItem> getFileFormats() {
    return List.of(
        new SelectItem(OutputFormat.CSV.id(), "CSV (.csv) — opens in any spreadsheet"),
        new SelectItem(
            OutputFormat.CSV_GZ.id(),
            "CSV compressed with gzip (.csv.gz) — about a tenth of the size; BigQuery,"
                + " Snowflake and DuckDB read it as is"),
        new SelectItem(
            OutputFormat.PARQUET.id(),
            "Parquet (.parquet) — typed columns (dates as DATE, numbers as integers) for"
                + " DuckDB, BigQuery, Snowflake, Databricks"));
  }

  public String getDownloadUrl() {
    ExportExecution e = getExecution();
    if (e == null || !e.isCompleted()) {
      return null;
    }
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
        + ConsoleDownloadServlet.PATH
        + "?execution="
        + e.executionId()
        + (OutputFormat.CSV.id().equals(fileFormat) ? "" : "&format=" + fileFormat);
  }

  public Long getExecutionId() {
    return executionId;
  }

  /**
   * Spreadsheet-safe download (cells starting with =, +, -, @, tab or CR get a '): on by default.
   */
  public boolean isSpreadsheetSafe() {
    return spreadsheetSafe;
  }

  public void setSpreadsheetSafe(boolean spreadsheetSafe) {
    this.spreadsheetSafe = spreadsheetSafe;
  }

  public String getAggregation() {
    return aggregation;
  }

  public void setAggregation(String aggregation) {
    this.aggregation = aggregation;
  }
}
