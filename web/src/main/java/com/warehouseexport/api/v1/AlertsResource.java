package com.warehouseexport.api.v1;

import com.warehouseexport.alerts.Delivery;
import com.warehouseexport.alerts.NotificationService;
import com.warehouseexport.alerts.NotificationTarget;
import com.warehouseexport.core.alerts.AlertMessage;
import com.warehouseexport.core.alerts.AlertSubscription;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.RejectedValueException;
import com.warehouseexport.export.ExportStateException;
import com.warehouseexport.export.automatic.AutoPause;
import com.warehouseexport.export.automatic.ExportStatusService;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Alerts API (PRODUCT.md §8): notification targets of an environment (a webhook's secret is in the
 * creation answer only), a test notification, recent deliveries, and resuming an auto-paused
 * automatic export. Org admins for their own environments, operators for all.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

  @EJB private NotificationService notifications;
  @EJB private AutoPause autoPause;
  @EJB private ExportStatusService status;
  @EJB private com.warehouseexport.export.settings.ExportSettingsService settings;
  @Inject private Access access;

  @GET
  @Path("/environments/{id}/notification-targets")
  public JsonObject targets(@PathParam("id") long env) {
    access.environment(env);
    JsonArrayBuilder items = Json.createArrayBuilder();
    notifications.targets(env).forEach(t -> items.add(json(t)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("emailAvailable", notifications.mailConfigured())
        .build();
  }

  /**
   * {@code {"type":"webhook","url":"https://…"}} → 201 with {@code secret} (shown once), or {@code
   * {"type":"email","addresses":"a@example.com, b@example.com"}} → 201.
   */
  @POST
  @Path("/environments/{id}/notification-targets")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(@PathParam("id") long env, JsonObject body) {
    access.environment(env);
    if (body == null) {
      throw new InvalidInputException(null, "A JSON object body is required");
    }
    String type = JsonBodies.string(body, "type");
    String by = access.caller().username();
    JsonObject answer;
    if ("webhook".equals(type)) {
      NotificationService.CreatedWebhook created =
          notifications.addWebhook(env, JsonBodies.string(body, "url"), events(body), by);
      answer =
          Json.createObjectBuilder(json(created.target())).add("secret", created.secret()).build();
    } else if ("email".equals(type)) {
      answer = json(notifications.addEmail(env, addresses(body), events(body), by));
    } else {
      throw new InvalidInputException("type", "type must be webhook or email");
    }
    return Response.status(201)
        .header(
            "Location",
            "/api/v1/environments/" + env + "/notification-targets/" + answer.getJsonNumber("id"))
        .entity(answer)
        .build();
  }

  /**
   * {@code {"events":["period.failed","export.paused","export.recovered"]}} → the target with the
   * events it now receives (at least one; the test notification reaches every target).
   */
  @PUT
  @Path("/environments/{id}/notification-targets/{targetId}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject subscribe(
      @PathParam("id") long env, @PathParam("targetId") long targetId, JsonObject body) {
    access.environment(env);
    if (body == null || !body.containsKey("events")) {
      throw new InvalidInputException("events", "events is required: a list of event names");
    }
    return json(notifications.subscribe(env, targetId, events(body), access.caller().username()));
  }

  @DELETE
  @Path("/environments/{id}/notification-targets/{targetId}")
  public Response remove(@PathParam("id") long env, @PathParam("targetId") long targetId) {
    access.environment(env);
    notifications.remove(env, targetId, access.caller().username());
    return Response.noContent().build();
  }

  /** Queues a test notification to every target → 202 {@code {"queued": n}}. */
  @POST
  @Path("/environments/{id}/notification-targets/test")
  public Response test(@PathParam("id") long env) {
    access.environment(env);
    int queued = notifications.sendTest(env, access.caller().username());
    return Response.accepted(Json.createObjectBuilder().add("queued", queued).build()).build();
  }

  /** The newest deliveries (event, target, state, attempts, last error). */
  @GET
  @Path("/environments/{id}/notification-deliveries")
  public JsonObject deliveries(@PathParam("id") long env) {
    access.environment(env);
    JsonArrayBuilder items = Json.createArrayBuilder();
    java.util.Map<Long, String> labels = new java.util.HashMap<>();
    notifications.targets(env).forEach(t -> labels.put(t.id(), t.label()));
    for (Delivery d : notifications.deliveries(env, 50)) {
      JsonObjectBuilder b =
          Json.createObjectBuilder()
              .add("id", d.id())
              .add("targetId", d.targetId())
              .add("target", labels.getOrDefault(d.targetId(), "(removed target)"))
              .add("event", d.event())
              .add("state", d.state())
              .add("attempts", d.attempts())
              .add("createdAt", d.createdAt().toString());
      add(b, "nextAttemptAt", d.nextAttemptAt());
      add(b, "lastError", d.lastError());
      items.add(b);
    }
    return Json.createObjectBuilder().add("items", items).build();
  }

  /** Resumes an auto-paused automatic export → the export status; 409 if it is not paused. */
  @POST
  @Path("/environments/{id}/export-status/resume")
  public JsonObject resume(
      @PathParam("id") long env, @jakarta.ws.rs.QueryParam("destination") String destination) {
    access.environment(env);
    String kind = settings.kindOrDefault(env, destination);
    if (!autoPause.resume(env, kind, access.caller().username())) {
      throw new ExportStateException("Automatic export of this environment is not paused");
    }
    return AutomaticExportResource.json(status.status(env, kind, Instant.now()));
  }

  /** The optional {@code events} list: absent → every event; 422 naming the unknown one. */
  private static Set<AlertMessage.Kind> events(JsonObject body) {
    JsonValue value = body.get("events");
    if (value == null || value == JsonValue.NULL) {
      return AlertSubscription.parse(null);
    }
    if (!(value instanceof jakarta.json.JsonArray array)) {
      throw new InvalidInputException("events", "events must be a list of event names");
    }
    List<String> names = new ArrayList<>();
    for (JsonValue v : array) {
      if (!(v instanceof jakarta.json.JsonString s)) {
        throw new InvalidInputException("events", "events must be strings");
      }
      names.add(s.getString());
    }
    try {
      return AlertSubscription.parse(names);
    } catch (IllegalArgumentException e) {
      throw new RejectedValueException("events", e.getMessage());
    }
  }

  private static String addresses(JsonObject body) {
    JsonValue value = body.get("addresses");
    if (value instanceof jakarta.json.JsonArray array) {
      StringBuilder b = new StringBuilder();
      for (JsonValue v : array) {
        if (!(v instanceof jakarta.json.JsonString s)) {
          throw new InvalidInputException("addresses", "addresses must be strings");
        }
        b.append(s.getString()).append(',');
      }
      return b.toString();
    }
    return JsonBodies.string(body, "addresses");
  }

  static JsonObject json(NotificationTarget t) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", t.id())
            .add("type", t.kind().id())
            .add("createdAt", t.createdAt().toString());
    add(b, "createdBy", t.createdBy());
    JsonArrayBuilder events = Json.createArrayBuilder();
    AlertSubscription.EVENTS.stream().filter(t.events()::contains).forEach(k -> events.add(k.id()));
    b.add("events", events);
    if (t.kind() == NotificationTarget.Kind.WEBHOOK) {
      b.add("url", t.url());
    } else {
      JsonArrayBuilder a = Json.createArrayBuilder();
      t.addresses().forEach(a::add);
      b.add("addresses", a);
    }
    return b.build();
  }

  private static void add(JsonObjectBuilder b, String name, Object value) {
    if (value == null) {
      b.add(name, JsonValue.NULL);
    } else {
      b.add(name, value.toString());
    }
  }
}
