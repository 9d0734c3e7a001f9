package com.warehouseexport.api.v1;

import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.metrics.ApplicationMeters;
import com.warehouseexport.platform.ServerSettings;
import com.warehouseexport.tracking.IngestionService;
import com.warehouseexport.tracking.TrackingItem;
import com.warehouseexport.tracking.TrackingItemParser;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The ingestion API ({@code /api/v1/track/...}), authenticated by the environment's ingestion key
 * as a bearer token. Single calls answer 202; bulk answers 200 with a result per item.
 */
@Path("/v1/track")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

  static final int MAX_SINGLE_BYTES =
      ServerSettings.integer("warehouse.ingest.maxSingleBytes", 64 * 1024);
  static final int MAX_BULK_BYTES =
      ServerSettings.integer("warehouse.ingest.maxBulkBytes", 10 * 1024 * 1024);
  static final int MAX_BULK_ITEMS = ServerSettings.integer("warehouse.ingest.maxBulkItems", 10_000);

  /**
   * Resolved once: {@code Json.createObjectBuilder()} looks the provider up through the {@code
   * ServiceLoader} on every call, which cost more than storing the items (one builder per item).
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  @EJB private IngestionService ingestion;
  @Inject private ApplicationMeters meters;

  @POST
  @Path("/bulk")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.TrackingItem.class)))
  @APIResponse(
      responseCode = "200",
      description = "Per-item results",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.BulkResult.class)))
  public Response bulk(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body)
      throws IOException {
    long environmentId = authenticate(authorization);
    JsonStructure json = JsonInput.read(body, length(contentLength), MAX_BULK_BYTES);
    if (!(json instanceof JsonArray array)) {
      throw new InvalidInputException(null, "The bulk body must be a JSON array of items");
    }
    if (array.size() > MAX_BULK_ITEMS) {
      throw new ApiException(
          413, "A bulk call takes at most " + MAX_BULK_ITEMS + " items; send smaller batches");
    }
    Instant now = ingestion.now();
    List<TrackingItem> accepted = new ArrayList<>();
    List<String> messageIds = new ArrayList<>();
    List<Integer> acceptedIndex = new ArrayList<>();
    BulkAnswer answer = new BulkAnswer(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonValue value = array.get(i);
      try {
        if (!(value instanceof JsonObject item)) {
          throw new InvalidInputException(null, "each item must be a JSON object");
        }
        String type = item.get("type") instanceof JsonString s ? s.getString() : null;
        TrackingItem parsed = TrackingItemParser.parse(type, item, now);
        messageIds.add(TrackingItemParser.messageId(item));
        accepted.add(parsed);
        acceptedIndex.add(i);
      } catch (InvalidInputException e) {
        answer.rejected(i, e.getMessage(), e.field());
      }
    }
    boolean[] duplicate = ingestion.ingest(environmentId, accepted, messageIds);
    for (int j = 0; j < acceptedIndex.size(); j++) {
      answer.stored(acceptedIndex.get(j), duplicate[j]);
    }
    meters.ingestion(answer.accepted(), answer.rejected());
    // A duplicate is accepted (a client retry must not see an error), stored once, and named.
    return Response.ok(answer.toJson(JSON), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("/{type}")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiSchemas.TrackingItem.class)))
  @APIResponse(responseCode = "202", description = "Stored")
  public Response single(
      @PathParam("type") String type,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body)
      throws IOException {
    if (!TrackingItemParser.TYPES.contains(type)) {
      return ApiError.of(
          404,
          "Unknown tracking call '" + type + "': use company, user, event, feedback or bulk",
          null);
    }
    long environmentId = authenticate(authorization);
    JsonStructure json = JsonInput.read(body, length(contentLength), MAX_SINGLE_BYTES);
    if (!(json instanceof JsonObject object)) {
      throw new InvalidInputException(null, "The body must be a JSON object");
    }
    TrackingItem item;
    String messageId;
    try {
      item = TrackingItemParser.parse(type, object, ingestion.now());
      messageId = TrackingItemParser.messageId(object);
    } catch (InvalidInputException e) {
      meters.ingestion(0, 1);
      throw e;
    }
    boolean duplicate =
        ingestion
            .ingest(environmentId, List.of(item), java.util.Collections.singletonList(messageId))[
            0];
    meters.ingestion(1, 0);
    return Response.accepted(
            JSON.createObjectBuilder().add("status", duplicate ? "duplicate" : "accepted").build())
        .build();
  }

  private long authenticate(String authorization) {
    String key =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).strip()
            : null;
    if (key == null || key.isEmpty()) {
      throw new ApiException(
          401, "Send the environment's ingestion key as 'Authorization: Bearer <key>'");
    }
    return ingestion
        .environmentForKey(key)
        .orElseThrow(() -> new ApiException(401, "The ingestion key is not valid"));
  }

  private static long length(Long contentLength) {
    return contentLength == null ? -1 : contentLength;
  }
}
