package com.warehouseexport.api.v1;

import com.warehouseexport.cluster.ClusterClock;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.RejectedValueException;
import com.warehouseexport.export.automatic.AutomaticExportScheduler;
import com.warehouseexport.export.automatic.TickReport;
import com.warehouseexport.platform.FaultInjection;
import com.warehouseexport.platform.SystemInfo;
import com.warehouseexport.tenancy.ProvisioningService;
import com.warehouseexport.tracking.RawEventRetention;
import com.warehouseexport.tracking.TrackingInspection;
import com.warehouseexport.web.security.Access;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Operators: what the server runs on (persistence provider, database, job repository, timers,
 * migrations), a scheduler pass, and a read-only look at an environment's tracking data.
 */
@Path("/v1/system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  @EJB private SystemInfo info;
  @EJB private AutomaticExportScheduler scheduler;
  @EJB private ClusterClock clock;
  @EJB private TrackingInspection tracking;
  @EJB private RawEventRetention retention;
  @EJB private ProvisioningService provisioning;
  @Inject private Access access;

  /** Operators: run one scheduler pass now, optionally as of a simulated instant. */
  @POST
  @Path("/scheduler/tick")
  public JsonObject tick(
      @QueryParam("now") String now,
      @QueryParam("haltAfterClaim") String haltParam,
      @QueryParam("haltAfterStart") String haltStartParam) {
    access.requireOperator();
    boolean haltAfterClaim = QueryParams.bool(haltParam, "haltAfterClaim");
    boolean haltAfterStart = QueryParams.bool(haltStartParam, "haltAfterStart");
    Instant at;
    try {
      at = now == null ? clock.now() : Instant.parse(now);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("now", "now must be an ISO-8601 instant");
    }
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new InvalidInputException("now", "now must lie between 2000-01-01 and 2100-01-01");
    }
    requireNotFuture(at, clock.now(), FaultInjection.enabled());
    if (haltAfterClaim) {
      if (!FaultInjection.enabled()) {
        throw new InvalidInputException(
            "haltAfterClaim", "haltAfterClaim needs a server started with fault injection");
      }
      FaultInjection.armHaltAfterNextClaim();
    }
    if (haltAfterStart) {
      if (!FaultInjection.enabled()) {
        throw new InvalidInputException(
            "haltAfterStart", "haltAfterStart needs a server started with fault injection");
      }
      FaultInjection.armHaltAfterNextStart();
    }
    return json(scheduler.tick(at));
  }

  /**
   * A tick's report as JSON: {@code node}; {@code started} and {@code restarted}, each a list of
   * {@code {environmentId, cadence, period, executionId, reason}} ({@code due}, {@code retry},
   * {@code unstarted-claim}); {@code refused}, a list of {@code {environmentId, reason, detail}}
   * ({@code plan}, {@code auto-paused}, {@code error}); {@code queued} (due periods left to this
   * node's pump) and {@code busy} (open claims left to the next tick or another node).
   */
  static JsonObject json(TickReport report) {
    JsonArrayBuilder started = Json.createArrayBuilder();
    report.started().forEach(s -> started.add(json(s)));
    JsonArrayBuilder restarted = Json.createArrayBuilder();
    report.restarted().forEach(s -> restarted.add(json(s)));
    JsonArrayBuilder refused = Json.createArrayBuilder();
    report
        .refused()
        .forEach(
            r -> {
              JsonObjectBuilder o =
                  Json.createObjectBuilder()
                      .add("environmentId", r.environmentId())
                      .add("reason", id(r.reason()));
              if (r.detail() != null) {
                o.add("detail", r.detail());
              }
              refused.add(o);
            });
    return Json.createObjectBuilder()
        .add("node", report.node())
        .add("started", started)
        .add("restarted", restarted)
        .add("refused", refused)
        .add("queued", report.queued())
        .add("busy", report.busy())
        .build();
  }

  private static JsonObjectBuilder json(TickReport.Start start) {
    return Json.createObjectBuilder()
        .add("environmentId", start.period().environmentId())
        .add("destination", start.period().destination())
        .add("cadence", start.period().cadence().id())
        .add("period", start.period().period().toString())
        .add("executionId", start.executionId())
        .add("reason", id(start.reason()));
  }

  /** {@code UNSTARTED_CLAIM} → {@code unstarted-claim}. */
  private static String id(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * A simulated instant after the real one would export (and claim) periods that have not ended;
   * only a server started with fault injection (tests simulating a Monday) accepts it.
   */
  static void requireNotFuture(Instant at, Instant realNow, boolean faultInjection) {
    if (at.isAfter(realNow) && !faultInjection) {
      throw new RejectedValueException(
          "now", "now must not be in the future: periods that have not ended cannot be exported");
    }
  }

  /**
   * Operators: what ingestion stored for an environment (companies, rollups, events, feedback;
   * bounded), optionally for one company. The embedded database opens no port, so this is how
   * operators and the integration tests look at it.
   */
  @GET
  @Path("/environments/{id}/tracking")
  public JsonObject tracking(
      @PathParam("id") long environmentId, @QueryParam("companyId") String companyId) {
    access.requireOperator();
    provisioning.environment(environmentId);
    return tracking.inspect(environmentId, companyId);
  }

  /**
   * Operators: runs raw-event retention now (it also runs hourly), for one environment or all;
   * {@code now} (a simulated instant, only on a server started with fault injection: the tests)
   * moves the cutoff.
   */
  @POST
  @Path("/raw-events/purge")
  public JsonObject purgeRawEvents(
      @QueryParam("now") String now, @QueryParam("environmentId") Long environmentId) {
    access.requireOperator();
    Instant at;
    try {
      at = now == null ? clock.now() : Instant.parse(now);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("now", "now must be an ISO-8601 instant");
    }
    requireNotFuture(at, clock.now(), FaultInjection.enabled());
    if (environmentId != null) {
      provisioning.environment(environmentId);
    }
    RawEventRetention.Purged purged = retention.purge(at, environmentId);
    return Json.createObjectBuilder()
        .add("events", purged.events())
        .add("messageIds", purged.messageIds())
        .build();
  }

  @GET
  public JsonObject system() {
    access.requireOperator();
    return info.describe();
  }
}
