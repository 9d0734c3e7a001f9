package com.warehouseexport.api.v1;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.input.TimeBounds;
import com.warehouseexport.errors.ForbiddenException;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.export.history.ExportHistoryService;
import com.warehouseexport.export.manual.ManualExportService;
import com.warehouseexport.platform.FaultInjection;
import com.warehouseexport.security.AccountService;
import com.warehouseexport.web.security.Access;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The export operator API (PRODUCT.md §6): start, status with progress, CSV download, stop,
 * restart, abandon and paged history, all read from the JBeret job repository. Org admins may use
 * it for their own organization's environments; {@code asOf} is for operators only.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

  /** The last page of history one may ask for (pages are newest first). */
  static final int MAX_PAGE = 10_000;

  @EJB private ManualExportService exports;
  @EJB private ExportHistoryService history;
  @Inject private Access access;
  @Context private UriInfo uriInfo;

  @POST
  @Path("/environments/{id}/exports")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportStart.class)))
  @APIResponse(
      responseCode = "202",
      description = "Started; Location points at its status",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportStarted.class)))
  public Response start(@PathParam("id") long environmentId, JsonObject body) {
    AccountService.Caller caller = access.caller();
    access.environment(environmentId);
    String aggregation = JsonBodies.string(body, "aggregation");
    Instant asOf = null;
    String asOfText = JsonBodies.optionalString(body, "asOf");
    if (asOfText != null) {
      if (!caller.isOperator()) {
        throw new ForbiddenException("Only operators may export as of another instant", "asOf");
      }
      try {
        asOf = Instant.parse(asOfText);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            "asOf", "asOf must be an ISO-8601 instant such as 2026-11-26T00:00:00Z");
      }
      if (!TimeBounds.isAsOf(asOf, Instant.now())) {
        throw new InvalidInputException("asOf", TimeBounds.asOfMessage("asOf"));
      }
    }
    Properties extra = new Properties();
    Integer failAfter = JsonBodies.optionalInt(body, ExportJob.FAIL_AFTER_COMPANIES);
    if (failAfter != null && caller.isOperator()) {
      extra.setProperty(ExportJob.FAIL_AFTER_COMPANIES, failAfter.toString());
    }
    Integer pause = JsonBodies.optionalInt(body, ExportJob.PAUSE_PER_COMPANY_MILLIS);
    if (pause != null && caller.isOperator()) {
      extra.setProperty(ExportJob.PAUSE_PER_COMPANY_MILLIS, pause.toString());
    }
    String pauseAt = JsonBodies.optionalString(body, ExportJob.PAUSE_AT);
    if (pauseAt != null && caller.isOperator()) {
      try {
        FaultInjection.ChunkFaults.pauseAfterWrite(pauseAt);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(ExportJob.PAUSE_AT, e.getMessage());
      }
      extra.setProperty(ExportJob.PAUSE_AT, pauseAt.strip());
    }
    Integer chunk = JsonBodies.optionalInt(body, ExportJob.CHUNK_COMPANIES);
    if (chunk != null && caller.isOperator()) {
      extra.setProperty(ExportJob.CHUNK_COMPANIES, Integer.toString(Math.max(1, chunk)));
    }
    boolean spreadsheetSafe = spreadsheetSafe(body);
    long executionId =
        exports.start(environmentId, aggregation, asOf, caller.username(), spreadsheetSafe, extra);
    return Response.accepted(
            Json.createObjectBuilder()
                .add("executionId", executionId)
                .add("status", BatchStatus.STARTING.name())
                .add("statusUrl", "/api/v1/exports/" + executionId)
                .build())
        .location(uriInfo.getBaseUriBuilder().path("v1/exports/{id}").build(executionId))
        .build();
  }

  /** The optional boolean {@code spreadsheetSafe} (PRODUCT.md §9), off by default. */
  static boolean spreadsheetSafe(JsonObject body) {
    if (body == null || !body.containsKey("spreadsheetSafe") || body.isNull("spreadsheetSafe")) {
      return false;
    }
    return switch (body.get("spreadsheetSafe").getValueType()) {
      case TRUE -> true;
      case FALSE -> false;
      default ->
          throw new InvalidInputException(
              "spreadsheetSafe", "spreadsheetSafe must be true or false");
    };
  }

  @GET
  @Path("/environments/{id}/exports")
  public JsonObject historyPage(
      @PathParam("id") long environmentId,
      @QueryParam("page") String pageParam,
      @QueryParam("size") String sizeParam) {
    access.environment(environmentId);
    int page = QueryParams.intIn(pageParam, "page", 0, 0, MAX_PAGE);
    int size = QueryParams.intIn(sizeParam, "size", 20, 1, 200);
    ExportHistoryService.Page result = history.history(environmentId, page, size);
    JsonArrayBuilder items = Json.createArrayBuilder();
    result.items().forEach(e -> items.add(json(e)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("page", result.page())
        .add("size", result.size())
        .add("hasMore", result.hasMore())
        .build();
  }

  @GET
  @Path("/exports/{executionId}")
  @APIResponse(
      responseCode = "200",
      description = "The execution",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.ExportStatus.class)))
  public JsonObject status(@PathParam("executionId") long executionId) {
    return json(visible(executionId));
  }

  @GET
  @Path("/exports/{executionId}/csv")
  @Produces({
    "text/csv; charset=UTF-8",
    "application/gzip",
    "application/vnd.apache.parquet",
    MediaType.APPLICATION_JSON
  })
  @APIResponse(
      responseCode = "200",
      description =
          "The CSV file, or with format=csv.gz the same bytes gzip-compressed, or with format=parquet"
              + " the same rows as a Parquet file (docs/schema.md; Content-Disposition names it)",
      content = @Content(mediaType = "text/csv", schema = @Schema(implementation = String.class)))
  @APIResponse(
      responseCode = "409",
      description = "The export has not completed, or its file is no longer kept",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = OpenApiDefaults.ERROR_SCHEMA)))
  public Response csv(
      @PathParam("executionId") long executionId, @QueryParam("format") String formatParam) {
    OutputFormat format;
    try {
      format = OutputFormat.fromId(formatParam);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("format", e.getMessage());
    }
    ManualExportService.Download download =
        exports.download(access.caller(), executionId).as(format);
    StreamingOutput body = download::writeTo;
    Response.ResponseBuilder response =
        Response.ok(body, download.contentType())
            .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"");
    if (download.size() >= 0) {
      response.header("Content-Length", download.size());
    }
    return response.build();
  }

  @POST
  @Path("/exports/{executionId}/stop")
  public JsonObject stop(@PathParam("executionId") long executionId) {
    ExportExecution execution = visible(executionId);
    exports.stop(execution);
    return json(history.execution(executionId));
  }

  @POST
  @Path("/exports/{executionId}/restart")
  public Response restart(@PathParam("executionId") long executionId) {
    ExportExecution execution = visible(executionId);
    Properties overrides = new Properties();
    if (access.caller().isOperator()) {
      // A restart after an injected failure must not fail again.
      overrides.setProperty(ExportJob.FAIL_AFTER_COMPANIES, "-1");
    }
    long restarted = exports.restart(execution, overrides);
    return Response.accepted(
            Json.createObjectBuilder()
                .add("executionId", restarted)
                .add("restartedFrom", executionId)
                .add("statusUrl", "/api/v1/exports/" + restarted)
                .build())
        .build();
  }

  @POST
  @Path("/exports/{executionId}/abandon")
  public JsonObject abandon(@PathParam("executionId") long executionId) {
    ExportExecution execution = visible(executionId);
    exports.abandon(execution);
    return json(history.execution(executionId));
  }

  private ExportExecution visible(long executionId) {
    return history.visibleExecution(access.caller(), executionId);
  }

  static JsonObject json(ExportExecution e) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("executionId", e.executionId())
            .add("environmentId", e.environmentId())
            .add("aggregation", e.aggregation())
            .add("status", e.status().name())
            .add("rowsWritten", e.rowsWritten())
            .add("bytes", e.bytes())
            .add("progress", e.percent());
    add(b, "asOf", e.asOf());
    add(b, "error", e.error());
    add(b, "startedAt", e.startedAt());
    add(b, "endedAt", e.endedAt());
    add(b, "destination", e.destination());
    add(b, "period", e.period());
    add(b, "requestedBy", e.requestedBy());
    add(b, "node", e.node());
    if (e.isCompleted() && ExportJob.DESTINATION_DOWNLOAD.equals(e.destination())) {
      b.add("csvUrl", "/api/v1/exports/" + e.executionId() + "/csv");
    }
    return b.build();
  }

  private static void add(JsonObjectBuilder b, String name, Object value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value.toString());
    }
  }
}
