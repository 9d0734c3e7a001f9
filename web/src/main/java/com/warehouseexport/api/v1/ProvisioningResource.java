package com.warehouseexport.api.v1;

import com.warehouseexport.catalog.CatalogService;
import com.warehouseexport.catalog.Feature;
import com.warehouseexport.catalog.Segment;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.NotFoundException;
import com.warehouseexport.tenancy.Environment;
import com.warehouseexport.tenancy.Organization;
import com.warehouseexport.tenancy.Plan;
import com.warehouseexport.tenancy.ProvisioningService;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Provisioning API (PRODUCT.md §6): organizations, environments, features, segments. Operators do
 * everything; org admins read their own environments, rename and tune their features and rotate
 * their ingestion keys (PRODUCT.md §1).
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProvisioningResource {

  @EJB private ProvisioningService provisioning;
  @EJB private CatalogService catalog;
  @Inject private Access access;
  @Context private UriInfo uriInfo;

  @POST
  @Path("/organizations")
  public Response createOrganization(JsonObject body) {
    access.requireOperator();
    Organization org =
        provisioning.createOrganization(
            JsonBodies.string(body, "name"), plan(JsonBodies.string(body, "plan")));
    return Response.created(
            uriInfo.getBaseUriBuilder().path("v1/organizations/{id}").build(org.getId()))
        .entity(organization(org))
        .build();
  }

  @GET
  @Path("/organizations")
  public JsonArray organizations() {
    access.requireOperator();
    var array = Json.createArrayBuilder();
    provisioning.organizations().forEach(o -> array.add(organization(o)));
    return array.build();
  }

  @PATCH
  @Path("/organizations/{id}")
  public JsonObject changePlan(@PathParam("id") long id, JsonObject body) {
    access.requireOperator();
    return organization(provisioning.changePlan(id, plan(JsonBodies.string(body, "plan"))));
  }

  @POST
  @Path("/organizations/{id}/environments")
  public Response createEnvironment(@PathParam("id") long organizationId, JsonObject body) {
    access.requireOperator();
    ProvisioningService.CreatedEnvironment created =
        provisioning.createEnvironment(organizationId, JsonBodies.string(body, "name"));
    return Response.created(
            uriInfo.getBaseUriBuilder().path("v1/environments/{id}").build(created.id()))
        .entity(
            Json.createObjectBuilder()
                .add("id", created.id())
                .add("name", created.name())
                .add("ingestionKey", created.ingestionKey())
                .build())
        .build();
  }

  /** The environments the caller may see (all for operators, their organization's for admins). */
  @GET
  @Path("/environments")
  public JsonArray environments() {
    var caller = access.caller();
    var array = Json.createArrayBuilder();
    for (Environment e :
        provisioning.environments(caller.isOperator() ? null : caller.organizationId())) {
      array.add(
          Json.createObjectBuilder()
              .add("id", e.getId())
              .add("name", e.getName())
              .add("organizationId", e.getOrganization().getId())
              .add("organization", e.getOrganization().getName())
              .add("plan", e.getOrganization().getPlan().name()));
    }
    return array.build();
  }

  @GET
  @Path("/environments/{id}")
  public JsonObject environment(@PathParam("id") long id) {
    Environment e = access.environment(id);
    var features = Json.createArrayBuilder();
    catalog.features(id).forEach(f -> features.add(feature(f)));
    var segments = Json.createArrayBuilder();
    catalog.segments(id).forEach(s -> segments.add(segment(s)));
    return Json.createObjectBuilder()
        .add("id", e.getId())
        .add("name", e.getName())
        .add("organizationId", e.getOrganization().getId())
        .add("plan", e.getOrganization().getPlan().name())
        .add("ingestionKeyHint", e.getIngestionKeyHint())
        .add("ingestionKeyCreatedAt", e.getIngestionKeyCreatedAt().toString())
        .add("previousIngestionKey", previousKey(e))
        .add("features", features)
        .add("segments", segments)
        .build();
  }

  @PUT
  @Path("/environments/{id}/features/{key}")
  public JsonObject putFeature(
      @PathParam("id") long id, @PathParam("key") String key, JsonObject body) {
    var caller = access.caller();
    access.environment(id);
    if (!caller.isOperator() && catalog.feature(id, key) == null) {
      // Org admins rename and tune the features tracking registered; operators may add new ones.
      throw new NotFoundException("Feature '" + key + "' does not exist in this environment");
    }
    return feature(
        catalog.putFeature(
            id,
            key,
            JsonBodies.optionalString(body, "name"),
            JsonBodies.optionalInt(body, "adoptionDays"),
            JsonBodies.optionalInt(body, "adoptionWindowDays")));
  }

  /** The environment's features, by key (operators, and org admins for their own environments). */
  @GET
  @Path("/environments/{id}/features")
  public JsonArray features(@PathParam("id") long id) {
    access.environment(id);
    var array = Json.createArrayBuilder();
    catalog.features(id).forEach(f -> array.add(feature(f)));
    return array.build();
  }

  /**
   * Rotates the environment's ingestion key: the answer holds the new key, shown only this once;
   * the replaced key keeps working for 24 hours.
   */
  @POST
  @Path("/environments/{id}/ingestion-key/rotation")
  public JsonObject rotateIngestionKey(@PathParam("id") long id) {
    access.environment(id);
    ProvisioningService.RotatedKey rotated = provisioning.rotateIngestionKey(id);
    return Json.createObjectBuilder()
        .add("ingestionKey", rotated.ingestionKey())
        .add("ingestionKeyHint", rotated.hint())
        .add("previousKeyWorksUntil", rotated.previousWorksUntil().toString())
        .build();
  }

  @PUT
  @Path("/environments/{id}/segments/{segmentId}")
  public JsonObject putSegment(
      @PathParam("id") long id, @PathParam("segmentId") String segmentId, JsonObject body) {
    access.requireOperator();
    if (body == null) {
      throw new InvalidInputException(null, "A JSON object body is required");
    }
    JsonValue conditions = body.get("conditions");
    if (!(conditions instanceof JsonArray array)) {
      throw new InvalidInputException("conditions", "conditions must be an array");
    }
    return segment(
        catalog.putSegment(id, segmentId, JsonBodies.optionalString(body, "name"), array));
  }

  /**
   * The key replaced by the last rotation: its hint, until when it works, whether it still does.
   */
  private static JsonValue previousKey(Environment e) {
    if (e.getPreviousKeyHint() == null) {
      return JsonValue.NULL;
    }
    return Json.createObjectBuilder()
        .add("hint", e.getPreviousKeyHint())
        .add("worksUntil", e.getPreviousKeyExpiresAt().toString())
        .add("working", e.getPreviousKeyExpiresAt().isAfter(java.time.Instant.now()))
        .build();
  }

  static JsonObject organization(Organization o) {
    return Json.createObjectBuilder()
        .add("id", o.getId())
        .add("name", o.getName())
        .add("plan", o.getPlan().name())
        .build();
  }

  static JsonObject feature(Feature f) {
    return Json.createObjectBuilder()
        .add("key", f.getKey())
        .add("name", f.getName())
        .add("adoptionDays", f.getAdoptionDays())
        .add("adoptionWindowDays", f.getAdoptionWindowDays())
        .add("autoRegistered", f.isAutoRegistered())
        .build();
  }

  static JsonObject segment(Segment s) {
    try (var reader = Json.createReader(new java.io.StringReader(s.getConditionsJson()))) {
      return Json.createObjectBuilder()
          .add("id", s.getKey())
          .add("name", s.getName())
          .add("conditions", reader.readArray())
          .build();
    }
  }

  private static Plan plan(String value) {
    try {
      return Plan.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("plan", e.getMessage());
    }
  }
}
