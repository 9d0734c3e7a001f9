package com.warehouseexport.web.console;

import com.warehouseexport.core.schedule.BackfillPlan;
import com.warehouseexport.core.schedule.Cadence;
import com.warehouseexport.core.schedule.DeliveryCalendar;
import com.warehouseexport.errors.ForbiddenException;
import com.warehouseexport.errors.RejectedValueException;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.automatic.DeliveryCalendarService;
import com.warehouseexport.export.automatic.OperatorPeriodRuns;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Settings → Environment → Deliveries: the delivery calendar of the automatic export (the newest 60
 * daily or 26 weekly periods, each cell linking to its execution in the history) and the backfill
 * of a date range — preview, confirmation, start — for org admins of Enterprise organizations.
 */
@Named
@ViewScoped
public class DeliveriesView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);
  private static final DateTimeFormatter LONG =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ROOT);

  /** One cell as the grid shows it. */
  public record CellRow(
      String period,
      String day,
      String state,
      String label,
      Long executionId,
      String ariaLabel,
      String title) {}

  /** One period of a backfill preview. */
  public record PreviewRow(String period, String action, String label, boolean exported) {}

  /** One entry of the legend. */
  public record LegendEntry(String state, String label, String meaning) {}

  @EJB private DeliveryCalendarService deliveries;
  @EJB private com.warehouseexport.export.settings.ExportSettingsService settings;

  private String from;
  private String to;

  /** View parameter: {@code s3} or {@code postgresql}; empty: the destination saved last. */
  private String destination;

  private transient DeliveryCalendarService.Calendar calendar;
  private transient FacesContext calendarReadIn;
  private List<PreviewRow> preview;
  private int toExport;
  private LocalDate previewFrom;
  private LocalDate previewTo;

  private DeliveryCalendarService.Calendar calendar() {
    FacesContext request = FacesContext.getCurrentInstance();
    if (calendarReadIn != request) { // read afresh in every request, once
      calendar = null;
      calendarReadIn = request;
    }
    if (calendar == null) {
      calendar =
          isLoaded()
              ? deliveries.calendar(getEnvironmentId(), getKind(), Instant.now())
              : new DeliveryCalendarService.Calendar(null, List.of());
    }
    return calendar;
  }

  public boolean isConfigured() {
    return calendar().cadence() != null;
  }

  public boolean isWeekly() {
    return calendar().cadence() == Cadence.WEEKLY;
  }

  public String getScheduleText() {
    Cadence cadence = calendar().cadence();
    if (cadence == null) {
      return "";
    }
    return cadence == Cadence.DAILY
        ? "Daily: the last " + DeliveryCalendar.DAILY_CELLS + " days, oldest first."
        : "Weekly: the last "
            + DeliveryCalendar.WEEKLY_CELLS
            + " Mon–Sun weeks (each named by its Sunday), oldest first.";
  }

  public List<CellRow> getCells() {
    boolean weekly = isWeekly();
    return calendar().cells().stream()
        .map(
            c -> {
              String day = weekly ? "w/e " + c.period().format(SHORT) : c.period().format(SHORT);
              String what =
                  (weekly ? "Week ending " : "")
                      + c.period().format(LONG)
                      + ": "
                      + c.state().label()
                      + (c.executionId() == null ? "" : ", export #" + c.executionId())
                      + (c.attempts() > 1 ? ", " + c.attempts() + " attempts" : "");
              String title = c.error() == null ? what : what + ". " + c.error();
              return new CellRow(
                  c.period().toString(),
                  day,
                  c.state().id(),
                  c.state().label(),
                  c.executionId(),
                  what,
                  title);
            })
        .toList();
  }

  /**
   * States of a cell whose period is being worked on: the page refreshes itself meanwhile. A
   * retrying period counts: its failed attempt turns "failed for good" or its next attempt starts
   * without anyone reloading.
   */
  private static final java.util.Set<String> ACTIVE =
      java.util.Set.of("exporting", "queued", "retrying");

  /** A period is exporting, queued or retrying: the calendar refreshes itself meanwhile. */
  public boolean isRunning() {
    return calendar().cells().stream().anyMatch(c -> ACTIVE.contains(c.state().id()));
  }

  /** A sentence for the live region: how many periods are exporting, queued and landed. */
  public String getSummary() {
    java.util.Map<String, Long> counts =
        calendar().cells().stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    c -> c.state().id(), java.util.stream.Collectors.counting()));
    long exporting = counts.getOrDefault("exporting", 0L);
    long queued = counts.getOrDefault("queued", 0L);
    long landed = counts.getOrDefault("landed", 0L);
    return exporting + " exporting, " + queued + " queued, " + landed + " landed.";
  }

  /** The live refresh: the calendar is read afresh when it renders. */
  public void refresh() {
    if (recheck()) {
      calendar = null;
    }
  }

  public List<LegendEntry> getLegend() {
    return legend("postgresql".equals(getKind()));
  }

  public String getDestination() {
    return destination;
  }

  public void setDestination(String destination) {
    this.destination =
        "s3".equals(destination) || "postgresql".equals(destination) ? destination : null;
  }

  /** The destination shown: the view parameter, or the one saved last. */
  public String getKind() {
    Long env = getEnvironmentId();
    if (destination == null && env != null) {
      destination = settings.kindOrDefault(env, null);
    }
    return destination == null ? "s3" : destination;
  }

  /** A destination tab: shown when the environment has both a bucket and a table. */
  public record DestinationTab(String kind, String label, boolean current) {}

  /** The environment's destinations (PRODUCT.md §11), when it has more than one. */
  public List<DestinationTab> getDestinationTabs() {
    Long env = getEnvironmentId();
    if (env == null) {
      return List.of();
    }
    List<com.warehouseexport.export.settings.DestinationSchedule> saved =
        settings.settings(env).map(s -> s.schedules()).orElse(List.of());
    if (saved.size() < 2) {
      return List.of();
    }
    String shown = getKind();
    return saved.stream()
        .map(
            d ->
                new DestinationTab(
                    d.kind(),
                    "postgresql".equals(d.kind()) ? "PostgreSQL table" : "Bucket",
                    d.kind().equals(shown)))
        .toList();
  }

  /** The calendar's legend; "landed" says where a period lands: the bucket or the table. */
  static List<LegendEntry> legend(boolean table) {
    return List.of(
        new LegendEntry(
            "landed",
            "landed",
            table ? "the period's rows are in the table" : "the file is in the bucket"),
        new LegendEntry("exporting", "exporting", "an export is running"),
        new LegendEntry("queued", "queued", "due; the scheduler starts it shortly"),
        new LegendEntry("retrying", "retrying", "an attempt failed; it is tried again"),
        new LegendEntry("failed", "failed for good", "given up after the retry horizon"),
        new LegendEntry("missed", "missed", "fell outside the look-back window"),
        new LegendEntry(
            "paused",
            "paused",
            "waits for Resume: fell due, or was waiting for a retry, while automatic export was paused"),
        new LegendEntry("not-due", "not due yet", "the period has not ended"),
        new LegendEntry("not-exported", "not exported", "before automatic export began, or off"));
  }

  /** Shows which periods of the range a backfill would export. */
  public void previewBackfill() {
    if (!recheck()) {
      return;
    }
    preview = null;
    LocalDate fromDate = date(from, "From");
    LocalDate toDate = date(to, "To");
    if (fromDate == null || toDate == null) {
      return;
    }
    try {
      DeliveryCalendarService.Preview p =
          deliveries.preview(getEnvironmentId(), getKind(), fromDate, toDate, Instant.now());
      preview =
          p.items().stream()
              .map(
                  i ->
                      new PreviewRow(
                          i.period().toString(),
                          i.action().id(),
                          i.action().label(),
                          i.action() == BackfillPlan.Action.EXPORT))
              .toList();
      toExport = p.toExport().size();
      previewFrom = fromDate;
      previewTo = toDate;
      if (toExport == 0) {
        ConsolePages.info("Nothing to backfill: every period of this range was exported before.");
      }
    } catch (RejectedValueException e) {
      ConsolePages.error(fieldName(e.field()) + e.getMessage());
    } catch (ForbiddenException | ExportStateException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  /** After the confirmation: starts the previewed backfill. */
  public void startBackfill() {
    if (!recheck() || preview == null || previewFrom == null) {
      return;
    }
    try {
      List<OperatorPeriodRuns.BackfillStart> started =
          deliveries.start(
              getEnvironmentId(), getKind(), previewFrom, previewTo, pages.caller().username());
      long now = started.stream().filter(s -> s.executionId() != null).count();
      ConsolePages.info(
          "Backfill started: "
              + started.size()
              + (started.size() == 1 ? " period" : " periods")
              + " ("
              + now
              + " exporting now, the others queued for the next minutes). The delivery calendar"
              + " shows their progress as they run.");
      preview = null;
    } catch (RejectedValueException e) {
      ConsolePages.error(fieldName(e.field()) + e.getMessage());
    } catch (ForbiddenException | ExportStateException e) {
      ConsolePages.error(e.getMessage());
    }
  }

  public void cancelBackfill() {
    preview = null;
  }

  private static String fieldName(String field) {
    return field == null
        ? ""
        : ("from".equals(field) ? "From: " : "to".equals(field) ? "To: " : "");
  }

  private static LocalDate date(String text, String label) {
    if (text == null || text.isBlank()) {
      ConsolePages.error(label + ": enter a date (YYYY-MM-DD).");
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      ConsolePages.error(label + ": \"" + text + "\" is not a date (YYYY-MM-DD).");
      return null;
    }
  }

  public boolean isPreviewing() {
    return preview != null;
  }

  public List<PreviewRow> getPreview() {
    return preview == null ? List.of() : preview;
  }

  public int getToExport() {
    return toExport;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }
}
