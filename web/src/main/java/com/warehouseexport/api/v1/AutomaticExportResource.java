package com.warehouseexport.api.v1;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.automatic.ExportStatusService;
import com.warehouseexport.export.automatic.ExportStatusView;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Automatic export API (PRODUCT.md §5–§6): settings (the secret is write-only), test connection and
 * status. The delivery calendar, the range backfill, catch-up and run-a-period are {@link
 * DeliveriesResource}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AutomaticExportResource {

  @EJB private ExportSettingsService settings;
  @EJB private ExportStatusService status;
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

  static jakarta.json.JsonArrayBuilder dates(java.util.List<java.time.LocalDate> dates) {
    jakarta.json.JsonArrayBuilder a = Json.createArrayBuilder();
    dates.forEach(d -> a.add(d.toString()));
    return a;
  }

  static void add(JsonObjectBuilder b, String name, Object value) {
    if (value == null) {
      b.add(name, JsonValue.NULL);
    } else {
      b.add(name, value.toString());
    }
  }
}
