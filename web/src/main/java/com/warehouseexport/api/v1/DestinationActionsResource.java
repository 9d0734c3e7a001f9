package com.warehouseexport.api.v1;

import com.warehouseexport.export.automatic.ExportNow;
import com.warehouseexport.export.destination.DestinationCheck;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * What an admin does with a configured destination (PRODUCT.md §5): send a test file (the write
 * probe with the saved settings) and export the latest period now, through the same claim as the
 * schedule. Org admins for their own environments (Enterprise plan), operators for all.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationActionsResource {

  @EJB private ExportSettingsService settings;
  @EJB private ExportNow exportNow;
  @Inject private Access access;

  @POST
  @Path("/environments/{id}/export-settings/test-file")
  @APIResponse(
      responseCode = "200",
      description =
          "Written (outcome ok: and deleted; warning: written, but the test file could not be"
              + " deleted — it stays, the message says why)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = DestinationCheckSchema.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "Not written (outcome failed: the message names the missing permission or the cause),"
              + " or nothing configured",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = DestinationCheckSchema.class)))
  public Response sendTestFile(
      @PathParam("id") long environmentId,
      @Parameter(description = "s3 or postgresql (default: the destination saved last)")
          @QueryParam("destination")
          String destination) {
    access.environment(environmentId);
    DestinationCheck check =
        settings.sendTestFile(environmentId, settings.kindOrDefault(environmentId, destination));
    JsonObjectBuilder body = Json.createObjectBuilder(json(check));
    if (!check.delivers()) {
      body.add("error", check.message());
      if (check.field() == null) {
        body.addNull("field");
      } else {
        body.add("field", check.field());
      }
      return Response.status(422).entity(body.build()).build();
    }
    return Response.ok(body.build()).build();
  }

  @POST
  @Path("/environments/{id}/export-settings/export-now")
  @APIResponse(
      responseCode = "202",
      description =
          "Started: the latest ended period (daily: yesterday; weekly: the week that ended last"
              + " Sunday), or with replace=true a re-export of a period that had landed",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ExportNowSchema.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "Nothing started: the period already landed (outcome already-landed; ask again with"
              + " replace=true) or is being exported (running); or automatic export is off,"
              + " paused or not set up (no outcome)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ExportNowSchema.class)))
  public Response exportNow(
      @PathParam("id") long environmentId,
      @Parameter(description = "Re-export the period if it already landed (default false)")
          @QueryParam("replace")
          String replaceParam,
      @Parameter(description = "s3 or postgresql (default: the destination saved last)")
          @QueryParam("destination")
          String destination) {
    boolean replace = QueryParams.bool(replaceParam, "replace");
    access.environment(environmentId);
    String kind = settings.kindOrDefault(environmentId, destination);
    ExportNow.Outcome outcome =
        exportNow.run(environmentId, kind, replace, access.caller().username());
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("outcome", outcome.result().id())
            .add("period", outcome.period().toString())
            .add("message", outcome.message());
    if (outcome.executionId() == null) {
      body.addNull("executionId").addNull("statusUrl");
    } else {
      body.add("executionId", outcome.executionId())
          .add("statusUrl", "/api/v1/exports/" + outcome.executionId());
    }
    if (outcome.result().started()) {
      return Response.accepted(body.build()).build();
    }
    return Response.status(409)
        .entity(body.add("error", outcome.message()).addNull("field").build())
        .build();
  }

  static JsonObject json(DestinationCheck check) {
    JsonObjectBuilder b =
        Json.createObjectBuilder().add("outcome", check.outcome()).add("message", check.message());
    if (check.step() == null) {
      b.addNull("step");
    } else {
      b.add("step", check.step());
    }
    return b.build();
  }

  /** OpenAPI shape of a write probe's answer. */
  @Schema(
      name = "DestinationCheck",
      description = "What the write probe proved (list the prefix, write a test file, delete it)")
  public static final class DestinationCheckSchema {
    @Schema(enumeration = {"ok", "warning", "failed"})
    public String outcome;

    @Schema(
        nullable = true,
        enumeration = {"list", "put", "delete"},
        description = "The step that failed (warning: delete), null when ok")
    public String step;

    @Schema(description = "For the admin; names the missing permission (s3:ListBucket, …)")
    public String message;

    @Schema(description = "422 only: the message again, as in every error answer")
    public String error;

    @Schema(nullable = true, description = "422 only: the settings field to blame, or null")
    public String field;
  }

  /** OpenAPI shape of Export now's answer. */
  @Schema(name = "ExportNow", description = "What Export now did")
  public static final class ExportNowSchema {
    @Schema(enumeration = {"started", "exporting-again", "already-landed", "running"})
    public String outcome;

    @Schema(format = "date", description = "The period (daily: the day; weekly: its Sunday)")
    public String period;

    @Schema(nullable = true, description = "The started, landed or running execution")
    public Long executionId;

    @Schema(nullable = true)
    public String statusUrl;

    public String message;

    @Schema(description = "409 only: the message again, as in every error answer")
    public String error;
  }
}
