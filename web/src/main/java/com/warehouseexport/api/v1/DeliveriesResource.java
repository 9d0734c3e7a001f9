package com.warehouseexport.api.v1;

import static com.warehouseexport.api.v1.AutomaticExportResource.add;
import static com.warehouseexport.api.v1.AutomaticExportResource.dates;

import com.warehouseexport.core.schedule.BackfillPlan;
import com.warehouseexport.core.schedule.DeliveryCalendar;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.export.automatic.DeliveryCalendarService;
import com.warehouseexport.export.automatic.ExportStatusService;
import com.warehouseexport.export.automatic.OperatorPeriodRuns;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The deliveries of the automatic export, period by period (PRODUCT.md §5–§6): the delivery
 * calendar, the admins' range backfill (preview and start), and the operators' catch-up from a date
 * and run-a-period. Settings and status are {@link AutomaticExportResource}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

  @EJB private ExportSettingsService settings;
  @EJB private ExportStatusService status;
  @EJB private OperatorPeriodRuns periodRuns;
  @EJB private DeliveryCalendarService deliveries;
  @Inject private Access access;

  /**
   * The delivery calendar: the newest 60 daily or 26 weekly periods, each with its state and latest
   * execution. Org admins for their own environments, operators for all.
   */
  @GET
  @Path("/environments/{id}/export-calendar")
  @APIResponse(
      responseCode = "200",
      description = "One cell per period, oldest first (no cells when never configured)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportCalendar.class)))
  public JsonObject getCalendar(
      @PathParam("id") long environmentId, @QueryParam("destination") String destination) {
    access.environment(environmentId);
    String kind = settings.kindOrDefault(environmentId, destination);
    DeliveryCalendarService.Calendar calendar =
        deliveries.calendar(environmentId, kind, Instant.now());
    JsonArrayBuilder cells = Json.createArrayBuilder();
    for (DeliveryCalendar.Cell cell : calendar.cells()) {
      JsonObjectBuilder c =
          Json.createObjectBuilder()
              .add("period", cell.period().toString())
              .add("state", cell.state().id())
              .add("label", cell.state().label());
      if (cell.executionId() == null) {
        c.add("executionId", JsonValue.NULL);
      } else {
        c.add("executionId", cell.executionId());
      }
      c.add("attempts", cell.attempts());
      add(c, "error", cell.error());
      cells.add(c);
    }
    JsonObjectBuilder b = Json.createObjectBuilder();
    add(b, "schedule", calendar.cadence() == null ? null : calendar.cadence().id());
    return b.add("destination", kind).add("cells", cells).build();
  }

  /**
   * Preview of a backfill of {@code [from, to]}: which periods would be exported, and why the
   * others would not. Org admins for their own environments (Enterprise plan), operators for all.
   */
  @GET
  @Path("/environments/{id}/export-settings/backfill")
  @APIResponse(
      responseCode = "200",
      description = "The periods of the range and what a backfill does with each",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.BackfillPreview.class)))
  @APIResponse(
      responseCode = "422",
      description = "The range is not allowed (future, outside the look-back window, too long)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = OpenApiDefaults.ERROR_SCHEMA)))
  public JsonObject previewBackfill(
      @PathParam("id") long environmentId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("destination") String destination) {
    access.environment(environmentId);
    String kind = settings.kindOrDefault(environmentId, destination);
    LocalDate fromDate = date(from, "from");
    LocalDate toDate = date(to, "to");
    return json(deliveries.preview(environmentId, kind, fromDate, toDate, Instant.now()));
  }

  /** Where operators catch up on missed periods from a date on: {@link #catchUp}. */
  static final String CATCH_UP_PATH = "/environments/{id}/export-settings/catch-up";

  /**
   * Range backfill: exports the periods of {@code [from, to]} that were never exported (the
   * preview's), each exactly once through its period claim; org admins for their own environments
   * (Enterprise plan), operators for all; 202. A body without {@code "to"} is the former spelling
   * of {@link #catchUp} (operators), still answered as that, with a {@code Deprecation} header and
   * a {@code Link} to its successor.
   */
  @POST
  @Path("/environments/{id}/export-settings/backfill")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.BackfillRequest.class)))
  @APIResponse(
      responseCode = "202",
      description = "Started: the periods and their executions (null: queued)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.BackfillPreview.class)))
  @APIResponse(
      responseCode = "200",
      description =
          "Deprecated: a body without \"to\" is answered as POST"
              + " /api/v1/environments/{id}/export-settings/catch-up (operators), with the"
              + " headers Deprecation: true and Link: <…/catch-up>; rel=\"successor-version\"",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportSettingsStatus.class)))
  @APIResponse(
      responseCode = "422",
      description = "The range is not allowed (future, outside the look-back window, too long)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = OpenApiDefaults.ERROR_SCHEMA)))
  public Response backfill(
      @PathParam("id") long environmentId,
      @QueryParam("destination") String destination,
      JsonObject body) {
    String toText = JsonBodies.optionalString(body, "to");
    if (toText == null) {
      return Response.fromResponse(catchUp(environmentId, destination, body))
          .header("Deprecation", "true")
          .header(
              "Link",
              "</api/v1"
                  + CATCH_UP_PATH.replace("{id}", Long.toString(environmentId))
                  + ">; rel=\"successor-version\"")
          .build();
    }
    access.environment(environmentId);
    LocalDate from = date(JsonBodies.string(body, "from"), "from");
    LocalDate to = date(toText, "to");
    String kind = settings.kindOrDefault(environmentId, destination);
    DeliveryCalendarService.Preview preview =
        deliveries.preview(environmentId, kind, from, to, Instant.now());
    List<OperatorPeriodRuns.BackfillStart> started =
        deliveries.start(environmentId, kind, from, to, access.caller().username());
    JsonArrayBuilder runs = Json.createArrayBuilder();
    for (OperatorPeriodRuns.BackfillStart start : started) {
      JsonObjectBuilder r = Json.createObjectBuilder().add("period", start.period().toString());
      if (start.executionId() == null) {
        r.add("executionId", JsonValue.NULL);
      } else {
        r.add("executionId", start.executionId());
      }
      runs.add(r);
    }
    JsonObjectBuilder answer = Json.createObjectBuilder(json(preview));
    answer.add("started", runs);
    return Response.accepted(answer.build()).build();
  }

  /**
   * Operators: catch up on missed periods from {@code from} on. Automatic export then starts at
   * that period (bounded by the look-back window, {@code EXPORT_LOOKBACK_PERIODS}); the next ticks
   * export what was never exported. 200 with the automatic export's status.
   */
  @POST
  @Path(CATCH_UP_PATH)
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.CatchUpRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The automatic export's state; the next ticks export the missed periods",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportSettingsStatus.class)))
  public Response catchUp(
      @PathParam("id") long environmentId,
      @QueryParam("destination") String destination,
      JsonObject body) {
    access.requireOperator();
    access.environment(environmentId);
    String kind = settings.kindOrDefault(environmentId, destination);
    settings.backfillFrom(environmentId, kind, date(JsonBodies.string(body, "from"), "from"));
    return Response.ok(
            AutomaticExportResource.json(status.status(environmentId, kind, Instant.now())))
        .build();
  }

  static JsonObject json(DeliveryCalendarService.Preview preview) {
    JsonArrayBuilder periods = Json.createArrayBuilder();
    for (BackfillPlan.Item item : preview.items()) {
      periods.add(
          Json.createObjectBuilder()
              .add("period", item.period().toString())
              .add("action", item.action().id())
              .add("label", item.action().label()));
    }
    return Json.createObjectBuilder()
        .add("schedule", preview.cadence().id())
        .add("periods", periods)
        .add("toExport", dates(preview.toExport()))
        .build();
  }

  /** Operators: export one period now (replace=true to re-run an exported one). */
  @POST
  @Path("/environments/{id}/export-periods/{period}")
  public Response runPeriod(
      @PathParam("id") long environmentId,
      @PathParam("period") String period,
      @QueryParam("replace") String replaceParam,
      @QueryParam("destination") String destination) {
    access.requireOperator();
    boolean replace = QueryParams.bool(replaceParam, "replace");
    access.environment(environmentId);
    String kind = settings.kindOrDefault(environmentId, destination);
    try {
      long execution =
          periodRuns.runPeriod(
              environmentId, kind, date(period, "period"), replace, access.caller().username());
      return Response.accepted(
              Json.createObjectBuilder()
                  .add("executionId", execution)
                  .add("statusUrl", "/api/v1/exports/" + execution)
                  .build())
          .build();
    } catch (IllegalArgumentException e) { // not a Sunday for a weekly schedule
      return ApiError.of(400, e.getMessage(), "period");
    }
  }

  private static LocalDate date(String text, String field) {
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new InvalidInputException(field, field + " must be a date YYYY-MM-DD");
    }
    if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
      throw new InvalidInputException(field, field + " must lie between 2000-01-01 and 2100-01-01");
    }
    return date;
  }

  private static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);
  private static final LocalDate LATEST_DATE = LocalDate.of(2100, 1, 1);
}
