package com.warehouseexport.web.console;

import com.warehouseexport.export.automatic.ExportStatusService;
import com.warehouseexport.export.automatic.ExportStatusView;
import com.warehouseexport.export.settings.DestinationSchedule;
import com.warehouseexport.export.settings.DestinationSwitch;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.export.settings.SettingsRejectedException;
import com.warehouseexport.tenancy.PlanNotAllowedException;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The list of destinations at the top of the automatic export section: each destination saved for
 * the environment (a bucket, a table: one of each kind) with its switch and status, the switch that
 * turns one off or on, and Manage, which shows one in the form below ({@link AutomaticExportView}).
 */
@Named
@ViewScoped
public class DestinationsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private DataExportView page;
  @Inject private ConsolePages pages;
  @Inject private AutomaticExportView form;
  @EJB private ExportStatusService statusService;
  @EJB private DestinationSwitch destinationSwitch;

  /** One saved destination as the list at the top of the section shows it. */
  public record DestinationRow(
      String kind, String label, String where, boolean enabled, boolean current, String status) {}

  /** The list as read in the current request (statuses are read once per request, not per use). */
  private transient List<DestinationRow> rows;

  private transient FacesContext rowsReadIn;

  /** The form's {@link AutomaticExportView#revision} the list was read at. */
  private transient int rowsRevision;

  /** The destinations saved (a bucket, a table: one of each kind), the one in the form marked. */
  public List<DestinationRow> getDestinations() {
    List<DestinationSchedule> schedules = form.schedules();
    FacesContext request = FacesContext.getCurrentInstance();
    int revision = form.revision();
    if (rows == null || rowsReadIn != request || rowsRevision != revision) {
      rows = page.isLoaded() ? schedules.stream().map(this::row).toList() : List.of();
      rowsReadIn = request;
      rowsRevision = revision;
    }
    return rows;
  }

  private DestinationRow row(DestinationSchedule d) {
    boolean table = "postgresql".equals(d.kind());
    boolean current = d.kind().equals(form.getDestinationKind());
    ExportStatusView status =
        current // the form's status block reads the same: once
            ? form.getStatus()
            : statusService.status(page.getEnvironmentId(), d.kind(), Instant.now());
    String bucket = form.getBucket();
    String key = form.getKey();
    return new DestinationRow(
        d.kind(),
        table ? "PostgreSQL table" : "S3 bucket",
        table
            ? form.getPgHost()
                + "/"
                + form.getPgDatabase()
                + " "
                + form.getPgSchema()
                + "."
                + form.getPgTable()
            : (bucket == null ? "" : bucket + (key == null || key.isEmpty() ? "" : "/" + key)),
        d.enabled(),
        current,
        status.status());
  }

  /** Shows the destination of {@code kind} in the form (the list's Manage button). */
  public void manage(String kind) {
    form.setDestinationKind(kind);
  }

  /**
   * The list's switch: turns the destination of {@code kind} off (its settings kept) or on again
   * (its stored settings checked as a save checks them); the form keeps showing the destination it
   * showed.
   */
  public void toggle(String kind) {
    if (!page.recheck()) {
      return;
    }
    boolean on = form.schedules().stream().noneMatch(d -> d.kind().equals(kind) && d.enabled());
    String name = "postgresql".equals(kind) ? "The PostgreSQL table" : "The bucket";
    try {
      ExportSettingsService.Saved saved =
          destinationSwitch.turn(page.getEnvironmentId(), kind, on, pages.caller().username());
      form.reloadKeepingShownDestination();
      ConsolePages.info(
          on
              ? name
                  + " is switched on: automatic exports go there again."
                  + (saved.check() == null ? "" : " " + saved.check().message())
              : name + " is switched off: nothing is exported there; its settings are kept.");
    } catch (SettingsRejectedException | PlanNotAllowedException e) {
      ConsolePages.error(name + " stays switched off: " + e.getMessage());
    }
  }
}
