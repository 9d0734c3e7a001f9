package com.warehouseexport.api.v1;

import com.warehouseexport.core.schedule.BackfillPlan;
import com.warehouseexport.core.schedule.DeliveryCalendar;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.automatic.DeliveryCalendarService;
import com.warehouseexport.export.automatic.ExportStatusService;
import com.warehouseexport.export.automatic.ExportStatusView;
import com.warehouseexport.export.automatic.OperatorPeriodRuns;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.export.settings.PostgresInput;
import com.warehouseexport.export.settings.PostgresView;
import com.warehouseexport.export.settings.SettingsInput;
import com.warehouseexport.export.settings.SettingsView;
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
import jakarta.ws.rs.PUT;
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
 * Automatic export API (PRODUCT.md §5–§6): settings (the secret is write-only), status, the
 * delivery calendar, the admins' range backfill (preview and start), and the operators' catch-up
 * from a date and run-a-period.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AutomaticExportResource {

  @EJB private ExportSettingsService settings;
  @EJB private ExportStatusService status;
  @EJB private OperatorPeriodRuns periodRuns;
  @EJB private DeliveryCalendarService deliveries;
  @Inject private Access access;

  @GET
  @Path("/environments/{id}/export-settings")
  @APIResponse(
      responseCode = "200",
      description = "The settings (secrets never returned)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportSettings.class)))
  public JsonObject getSettings(@PathParam("id") long environmentId) {
    access.environment(environmentId);
    return json(settings.view(environmentId));
  }

  @PUT
  @Path("/environments/{id}/export-settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportSettings.class)))
  @APIResponse(
      responseCode = "200",
      description = "Saved",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportSettings.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "The settings were refused (bucket not reachable, field invalid); nothing saved",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = OpenApiDefaults.ERROR_SCHEMA)))
  public Response putSettings(@PathParam("id") long environmentId, JsonObject body) {
    access.environment(environmentId);
    if (body == null) {
      throw new InvalidInputException(null, "A JSON object body is required");
    }
    SettingsInput input =
        new SettingsInput(
            JsonBodies.optionalBoolean(body, "enabled", false),
            JsonBodies.optionalString(body, "cadence"),
            JsonBodies.optionalString(body, "provider"),
            JsonBodies.optionalString(body, "bucketUrl"),
            JsonBodies.optionalString(body, "bucket"),
            JsonBodies.optionalString(body, "region"),
            JsonBodies.optionalString(body, "key"),
            JsonBodies.optionalString(body, "endpoint"),
            JsonBodies.optionalString(body, "accessKeyId"),
            JsonBodies.optionalString(body, "secretAccessKey"),
            JsonBodies.optionalString(body, "format"),
            postgres(body));
    ExportSettingsService.Saved saved =
        settings.saveChecked(environmentId, input, access.caller().username());
    JsonObjectBuilder answer = Json.createObjectBuilder(json(saved.view()));
    if (saved.check() == null) {
      answer.addNull("check");
    } else {
      answer.add("check", DestinationActionsResource.json(saved.check()));
    }
    return Response.ok(answer.build()).build();
  }

  /**
   * Test connection of a PostgreSQL table destination: connects with the body's {@code destination}
   * (a blank password uses the stored one for the same host and user) and checks the rights a
   * delivery needs in a rolled-back transaction; saves nothing. 200 with a message, or 422 naming
   * the field and what is missing.
   */
  @POST
  @Path("/environments/{id}/export-settings/test-connection")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportSettings.class)))
  @APIResponse(
      responseCode = "200",
      description = "Connected; every right a delivery needs is there",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ConnectionTest.class)))
  @APIResponse(
      responseCode = "422",
      description = "Cannot connect, or a right is missing (the message names it); nothing saved",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = OpenApiDefaults.ERROR_SCHEMA)))
  public JsonObject testConnection(@PathParam("id") long environmentId, JsonObject body) {
    access.environment(environmentId);
    PostgresInput input = postgres(body);
    if (input == null) {
      throw new InvalidInputException(
          "destination", "destination must be {\"kind\":\"postgresql\", …}");
    }
    String message = settings.testPostgres(environmentId, input);
    return Json.createObjectBuilder().add("ok", true).add("message", message).build();
  }

  /**
   * The {@code destination} object of a settings body: null (absent, or {@code "kind":"s3"}: the
   * bucket form of the top-level fields) or a PostgreSQL table.
   */
  static PostgresInput postgres(JsonObject body) {
    if (body == null) {
      return null;
    }
    JsonValue value = body.get("destination");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject d)) {
      throw new InvalidInputException("destination", "destination must be an object");
    }
    String kind = JsonBodies.optionalString(d, "kind");
    if (ExportJob.DESTINATION_S3.equals(kind)) {
      return null;
    }
    if (!ExportJob.DESTINATION_POSTGRESQL.equals(kind)) {
      throw new InvalidInputException(
          "destination.kind", "destination.kind must be s3 or postgresql");
    }
    String port;
    JsonValue p = d.get("port");
    if (p == null || p.getValueType() == JsonValue.ValueType.NULL) {
      port = null;
    } else if (p.getValueType() == JsonValue.ValueType.NUMBER) {
      Integer n = JsonBodies.optionalInt(d, "port");
      port = n.toString();
    } else {
      port = JsonBodies.optionalString(d, "port");
    }
    return new PostgresInput(
        JsonBodies.optionalString(d, "host"),
        port,
        JsonBodies.optionalString(d, "database"),
        JsonBodies.optionalString(d, "schema"),
        JsonBodies.optionalString(d, "table"),
        JsonBodies.optionalString(d, "user"),
        JsonBodies.optionalString(d, "password"),
        JsonBodies.optionalString(d, "tlsMode"));
  }

  @GET
  @Path("/environments/{id}/export-status")
  @APIResponse(
      responseCode = "200",
      description = "The automatic export's state",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportSettingsStatus.class)))
  public JsonObject getStatus(
      @PathParam("id") long environmentId, @QueryParam("destination") String destination) {
    access.environment(environmentId);
    String kind = settings.kindOrDefault(environmentId, destination);
    return Json.createObjectBuilder(json(status.status(environmentId, kind, Instant.now())))
        .add("destination", kind)
        .build();
  }

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
    return Response.ok(json(status.status(environmentId, kind, Instant.now()))).build();
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

  private static JsonArrayBuilder array(java.util.List<String> items) {
    JsonArrayBuilder b = Json.createArrayBuilder();
    items.forEach(b::add);
    return b;
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

  static JsonObject json(SettingsView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("configured", v.configured())
            .add("enabled", v.enabled())
            .add("cadence", v.cadence())
            .add("provider", v.provider())
            .add("format", v.format())
            .add("secretAccessKeySet", v.secretAccessKeySet());
    add(b, "bucketUrl", v.bucketUrl());
    add(b, "bucket", v.bucket());
    add(b, "region", v.region());
    add(b, "key", v.key());
    add(b, "endpoint", v.endpoint());
    add(b, "accessKeyIdHint", v.accessKeyIdHint());
    JsonObjectBuilder destination =
        Json.createObjectBuilder()
            .add("kind", v.destinationKind() == null ? "s3" : v.destinationKind());
    PostgresView pg = v.postgres();
    if (ExportJob.DESTINATION_POSTGRESQL.equals(v.destinationKind()) && pg != null) {
      destination
          .add("host", pg.host())
          .add("port", pg.port())
          .add("database", pg.database())
          .add("schema", pg.schema())
          .add("table", pg.table())
          .add("user", pg.user())
          .add("passwordSet", pg.passwordSet())
          .add("tlsMode", pg.tlsMode());
    }
    b.add("destination", destination);
    // Every destination saved (PRODUCT.md §11: one of each kind), each with its own switch and
    // schedule; "enabled"/"cadence" above are those of "destination", the kind saved last.
    JsonArrayBuilder all = Json.createArrayBuilder();
    for (com.warehouseexport.export.settings.DestinationSchedule d : v.destinations()) {
      all.add(
          Json.createObjectBuilder()
              .add("kind", d.kind())
              .add("enabled", d.enabled())
              .add("cadence", d.cadence().id())
              .add("firstPeriod", d.firstPeriod().toString()));
    }
    b.add("destinations", all);
    return b.build();
  }

  static JsonObject json(ExportStatusView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("status", v.status())
            .add("running", v.running())
            // Queued or starting periods, or a pending retry: the status changes by itself soon
            // (what the console's live status block polls on).
            .add("pending", v.pending());
    add(b, "lastRunAt", v.lastRunAt());
    add(b, "nextRunAt", v.nextRunAt());
    add(b, "error", v.error());
    add(b, "paused", v.pausedReason());
    add(b, "lastPeriod", v.lastPeriod());
    if (v.retry() == null) {
      b.add("retry", JsonValue.NULL);
    } else {
      b.add(
          "retry",
          Json.createObjectBuilder()
              .add("periods", v.retry().periods())
              .add("attempts", v.retry().attempts())
              .add("period", v.retry().period().toString())
              .add("nextAttemptAt", v.retry().nextAttemptAt().toString()));
    }
    b.add("failedPeriods", dates(v.failedPeriods()));
    b.add("missedPeriods", dates(v.missedPeriods()));
    b.add("pausedPeriods", dates(v.pausedPeriods()));
    return b.build();
  }

  private static jakarta.json.JsonArrayBuilder dates(java.util.List<java.time.LocalDate> dates) {
    jakarta.json.JsonArrayBuilder a = Json.createArrayBuilder();
    dates.forEach(d -> a.add(d.toString()));
    return a;
  }

  private static void add(JsonObjectBuilder b, String name, Object value) {
    if (value == null) {
      b.add(name, JsonValue.NULL);
    } else {
      b.add(name, value.toString());
    }
  }
}
