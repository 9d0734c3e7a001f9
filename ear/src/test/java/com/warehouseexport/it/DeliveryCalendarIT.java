package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery calendar and the org admins' range backfill (issue 12, console) against a real
 * S3-compatible server (s3proxy): a backfill preview and start land each period exactly once and
 * the calendar shows them landed with their executions; a second backfill of the same range exports
 * nothing; with the bucket gone a recent period shows retrying and old ones failed for good, three
 * of which pause automatic export, after which due periods show paused and a backfill is refused;
 * ranges in the future, outside the look-back window or reversed are refused naming the field;
 * another organization's admin gets 404 and a Pro organization 403.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryCalendarIT {

  private static final String ACCESS_KEY = "cal-access-key";
  private static final String SECRET = "cal-secret-key";
  private static final String BUCKET = "cal-bucket";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  @Test
  void calendarShowsLandedRetryingFailedPausedAndNotDueAndBackfillLandsEachPeriodOnce()
      throws Exception {
    // The test server has no grace (arquillian.xml): "yesterday" is due at any time of day.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path basedir = Files.createTempDirectory("s3-calendar-");
    int s3Port = S3ProxyProcess.freePort();
    S3ProxyProcess bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, s3Port, basedir);
    try {
      bucket.createBucket(BUCKET);
      Api.Tenant tenant = api.newTenant("Calendar " + UUID.randomUUID(), "ENTERPRISE");
      long env = tenant.environmentId();
      api.ingestOneCompany(tenant, today, 20, 16);
      String prefix = "cal-" + env;
      Api.Answer saved =
          api.saveBucketSettings(env, bucket.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET);
      assertEquals(200, saved.status(), saved.body());
      String admin = orgAdmin(tenant);

      // --- before anything ran: 60 daily cells, today not due, earlier days not exported ---
      JsonObject calendar = calendar(env, admin);
      assertEquals("daily", calendar.getString("schedule"));
      JsonArray cells = calendar.getJsonArray("cells");
      assertEquals(60, cells.size());
      assertEquals(today.toString(), cells.getJsonObject(59).getString("period"));
      assertEquals("not-due", cells.getJsonObject(59).getString("state"));
      assertEquals("not due yet", cells.getJsonObject(59).getString("label"));
      assertEquals(today.minusDays(59).toString(), cells.getJsonObject(0).getString("period"));
      assertEquals("not-exported", cell(env, admin, today.minusDays(1)).getString("state"));

      // --- backfill as the org admin: preview, start, every period lands once ---
      // Seven periods, more than a node starts at once (BATCH_MAX_THREADS - 1 = 5): the rest wait
      // as queued claims that the next ticks start.
      LocalDate from = today.minusDays(14);
      LocalDate to = today.minusDays(8);
      Api.Answer preview = preview(env, admin, from, to);
      assertEquals(200, preview.status(), preview.body());
      assertEquals(7, preview.json().getJsonArray("toExport").size(), preview.body());
      for (JsonValue p : preview.json().getJsonArray("periods")) {
        assertEquals("export", p.asJsonObject().getString("action"), preview.body());
      }
      Api.Answer started = backfill(env, admin, from, to);
      assertEquals(202, started.status(), started.body());
      JsonArray starts = started.json().getJsonArray("started");
      assertEquals(7, starts.size(), started.body());
      assertTrue(
          starts.stream().filter(v -> v.asJsonObject().isNull("executionId")).count() >= 2,
          "at most 5 start at once, the others are queued: " + started.body());
      for (LocalDate period = from; !period.isAfter(to); period = period.plusDays(1)) {
        LocalDate p = period;
        Waits.await(
            Duration.ofSeconds(90),
            () -> "landed".equals(cell(env, admin, p).getString("state")),
            p + " shows landed",
            () -> calendar(env, admin).toString());
        JsonObject landed = cell(env, admin, p);
        long execution = landed.getJsonNumber("executionId").longValue();
        JsonObject export = api.awaitExport(execution);
        assertEquals("COMPLETED", export.getString("status"), export.toString());
        assertEquals(p.toString(), export.getString("period", null), export.toString());
        assertEquals(1, csvObjects(basedir, prefix, p), "exactly one object for " + p);
      }
      int runs = history(env);
      assertEquals(7, runs, "one execution per period");

      // --- the same range again: nothing to export, nothing started ---
      Api.Answer again = preview(env, admin, from, to);
      assertEquals(0, again.json().getJsonArray("toExport").size(), again.body());
      for (JsonValue p : again.json().getJsonArray("periods")) {
        assertEquals("landed", p.asJsonObject().getString("action"), again.body());
      }
      Api.Answer twice = backfill(env, admin, from, to);
      assertEquals(202, twice.status(), twice.body());
      assertEquals(0, twice.json().getJsonArray("started").size(), twice.body());
      // Scheduler passes, run now and synchronously (a start would be in the history when the call
      // returns): still one execution and one object per period.
      tick();
      tick();
      assertEquals(runs, history(env));
      for (LocalDate period = from; !period.isAfter(to); period = period.plusDays(1)) {
        assertEquals(1, csvObjects(basedir, prefix, period), "one object for " + period);
        assertEquals("landed", cell(env, admin, period).getString("state"), period.toString());
      }

      // --- ranges that are not allowed, naming the field ---
      assertRefused(preview(env, admin, today.minusDays(2), today), 422, "to");
      assertRefused(preview(env, admin, today.minusDays(20), today.minusDays(18)), 422, "from");
      assertRefused(preview(env, admin, today.minusDays(2), today.minusDays(3)), 422, "to");
      assertRefused(backfill(env, admin, today.minusDays(2), today), 422, "to");
      Api.Answer garbage =
          api.send(
              "GET",
              "/api/v1/environments/" + env + "/export-settings/backfill?from=soon&to=" + to,
              null,
              admin);
      assertRefused(garbage, 400, "from");
      Api.Answer noTo =
          api.send(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/backfill",
              "{\"from\":\"" + from + "\"}",
              admin);
      assertEquals(
          403, noTo.status(), "the from-only backfill stays operator-only: " + noTo.body());
      Api.Answer catchUp =
          api.send(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/catch-up",
              "{\"from\":\"" + from + "\"}",
              admin);
      assertEquals(403, catchUp.status(), "catching up is operator-only: " + catchUp.body());

      // --- the bucket goes away: a backfilled period retries, however old (a backfill gives it a
      // fresh horizon, PT40S in the test server), and then fails for good ---
      bucket.close();
      LocalDate recent = today.minusDays(2);
      assertEquals(202, backfill(env, admin, recent, recent).status());
      Waits.await(
          Duration.ofSeconds(90),
          () -> "retrying".equals(cell(env, admin, recent).getString("state")),
          recent + " shows retrying",
          () -> calendar(env, admin).toString());
      JsonObject retrying = cell(env, admin, recent);
      assertTrue(retrying.getInt("attempts") >= 1, retrying.toString());
      assertFalse(retrying.isNull("error"), retrying.toString());
      assertFalse(retrying.isNull("executionId"), retrying.toString());

      LocalDate oldFrom = today.minusDays(7);
      LocalDate oldTo = today.minusDays(5);
      assertEquals(202, backfill(env, admin, oldFrom, oldTo).status());
      // Every one of these four periods was asked for now, so each is retried until PT40S (the
      // test server's horizon) after its backfill, however long past due it is. Three consecutive
      // periods failed for good pause automatic export; a period still waiting for a retry then
      // waits for Resume and is shown as paused, never as retrying at an instant that passes.
      List<LocalDate> asked = new ArrayList<>(List.of(recent));
      for (LocalDate period = oldFrom; !period.isAfter(oldTo); period = period.plusDays(1)) {
        asked.add(period);
      }
      Waits.await(
          Duration.ofSeconds(240),
          () ->
              asked.stream()
                  .map(p -> cell(env, admin, p).getString("state"))
                  .allMatch(st -> st.equals("failed") || st.equals("paused")),
          "every backfilled period is failed for good, or waits for Resume once paused",
          () -> calendar(env, admin).toString());
      int failedForGood = 0;
      for (LocalDate p : asked) {
        JsonObject c = cell(env, admin, p);
        assertTrue(c.getInt("attempts") > 1, "retried within its fresh horizon: " + c);
        assertFalse(c.isNull("error"), c.toString());
        if ("failed".equals(c.getString("state"))) {
          failedForGood++;
          assertEquals("failed for good", c.getString("label"));
          JsonObject export = api.awaitExport(c.getJsonNumber("executionId").longValue());
          assertEquals("FAILED", export.getString("status"), export.toString());
        }
      }
      assertTrue(failedForGood >= 3, failedForGood + " failed for good: " + calendar(env, admin));

      // --- three consecutive failures pause automatic export: due periods show paused ---
      Waits.await(
          Duration.ofSeconds(30),
          () -> "paused".equals(status(env).getString("status")),
          "automatic export pauses itself",
          () -> status(env).toString());
      JsonObject pausedStatus = status(env);
      assertTrue(pausedStatus.isNull("retry"), "nothing is retried while paused: " + pausedStatus);
      for (LocalDate p : asked) {
        if ("paused".equals(cell(env, admin, p).getString("state"))) {
          assertTrue(
              pausedStatus.getJsonArray("pausedPeriods").toString().contains(p.toString()),
              p + " waits for Resume: " + pausedStatus);
        }
      }
      Api.Answer refused = backfill(env, admin, today.minusDays(1), today.minusDays(1));
      assertEquals(409, refused.status(), refused.body());
      assertTrue(refused.json().getString("error").contains("Resume"), refused.body());
      // The operators' catch-up makes yesterday due under the schedule: it waits, paused. Spelled
      // the former way (a backfill without "to"), it still works and names its successor.
      Api.Answer operatorBackfill =
          api.asOperator(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/backfill",
              "{\"from\":\"" + today.minusDays(1) + "\"}");
      assertEquals(200, operatorBackfill.status(), operatorBackfill.body());
      assertEquals("true", operatorBackfill.raw().headers().firstValue("Deprecation").orElse(null));
      assertEquals(
          "</api/v1/environments/" + env + "/export-settings/catch-up>; rel=\"successor-version\"",
          operatorBackfill.raw().headers().firstValue("Link").orElse(null));
      Waits.await(
          Duration.ofSeconds(30),
          () -> "paused".equals(cell(env, admin, today.minusDays(1)).getString("state")),
          "yesterday shows paused",
          () -> calendar(env, admin).toString());
      assertEquals("landed", cell(env, admin, from).getString("state"));
      assertEquals("not-due", cell(env, admin, today).getString("state"));
    } finally {
      bucket.close();
    }
  }

  @Test
  void aWeeklyCalendarHas26WeeksNamedBySundaysAndBackfillAlignsToThem() throws Exception {
    Path basedir = Files.createTempDirectory("s3-calendar-weekly-");
    S3ProxyProcess bucket =
        S3ProxyProcess.start(ACCESS_KEY, SECRET, S3ProxyProcess.freePort(), basedir);
    try {
      bucket.createBucket(BUCKET);
      Api.Tenant tenant = api.newTenant("Calendar weekly " + UUID.randomUUID(), "ENTERPRISE");
      long env = tenant.environmentId();
      String weekly =
          jakarta.json.Json.createObjectBuilder()
              .add("enabled", true)
              .add("cadence", "weekly")
              .add("provider", "CUSTOM")
              .add("bucket", BUCKET)
              .add("region", "us-east-1")
              .add("key", "weekly")
              .add("endpoint", bucket.endpoint().toString())
              .add("accessKeyId", ACCESS_KEY)
              .add("secretAccessKey", SECRET)
              .build()
              .toString();
      Api.Answer saved =
          api.asOperator("PUT", "/api/v1/environments/" + env + "/export-settings", weekly);
      assertEquals(200, saved.status(), saved.body());
      String admin = orgAdmin(tenant);

      JsonObject calendar = calendar(env, admin);
      assertEquals("weekly", calendar.getString("schedule"));
      JsonArray cells = calendar.getJsonArray("cells");
      assertEquals(26, cells.size());
      for (JsonValue v : cells) {
        LocalDate period = LocalDate.parse(v.asJsonObject().getString("period"));
        assertEquals(java.time.DayOfWeek.SUNDAY, period.getDayOfWeek(), v.toString());
      }
      JsonObject newest = cells.getJsonObject(25);
      assertEquals("not-due", newest.getString("state"), newest.toString());
      assertEquals(
          LocalDate.parse(cells.getJsonObject(24).getString("period")).plusWeeks(1).toString(),
          newest.getString("period"),
          "consecutive weeks");

      // A Mon–Sun range of the latest due week backfills its Sunday; Mon–Sat holds no period.
      LocalDate sunday = LocalDate.parse(cells.getJsonObject(24).getString("period"));
      Api.Answer week = preview(env, admin, sunday.minusDays(6), sunday);
      assertEquals(200, week.status(), week.body());
      assertEquals(
          List.of(sunday.toString()),
          week.json().getJsonArray("toExport").getValuesAs(jakarta.json.JsonString.class).stream()
              .map(jakarta.json.JsonString::getString)
              .toList());
      assertRefused(preview(env, admin, sunday.minusDays(6), sunday.minusDays(1)), 422, "from");
    } finally {
      bucket.close();
    }
  }

  @Test
  void otherOrganizationsGet404AndAProPlanIsRefused() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Api.Tenant a = api.newTenant("Calendar A " + UUID.randomUUID(), "ENTERPRISE");
    Api.Tenant b = api.newTenant("Calendar B " + UUID.randomUUID(), "ENTERPRISE");
    String adminB = orgAdmin(b);
    long envA = a.environmentId();
    LocalDate day = today.minusDays(2);
    assertEquals(
        404,
        api.send("GET", "/api/v1/environments/" + envA + "/export-calendar", null, adminB)
            .status());
    assertEquals(404, preview(envA, adminB, day, day).status());
    assertEquals(404, backfill(envA, adminB, day, day).status());

    // Enterprise, not configured yet: an empty calendar; a backfill has nothing to run on.
    JsonObject empty = calendar(b.environmentId(), adminB);
    assertTrue(empty.isNull("schedule"), empty.toString());
    assertEquals(0, empty.getJsonArray("cells").size());
    Api.Answer unconfigured = backfill(b.environmentId(), adminB, day, day);
    assertEquals(409, unconfigured.status(), unconfigured.body());

    Api.Tenant pro = api.newTenant("Calendar Pro " + UUID.randomUUID(), "PRO");
    String proAdmin = orgAdmin(pro);
    Api.Answer proPreview = preview(pro.environmentId(), proAdmin, day, day);
    assertEquals(403, proPreview.status(), proPreview.body());
    assertTrue(proPreview.json().getString("error").contains("Enterprise"), proPreview.body());
    assertEquals(403, backfill(pro.environmentId(), proAdmin, day, day).status());
    assertEquals(
        200,
        api.send(
                "GET",
                "/api/v1/environments/" + pro.environmentId() + "/export-calendar",
                null,
                proAdmin)
            .status());
  }

  // --- helpers ---

  private static void assertRefused(Api.Answer answer, int status, String field) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(field, answer.json().getString("field"), answer.body());
    assertFalse(answer.json().getString("error").isBlank(), answer.body());
  }

  private JsonObject calendar(long env, String auth) {
    Api.Answer answer =
        api.send("GET", "/api/v1/environments/" + env + "/export-calendar", null, auth);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  private JsonObject cell(long env, String auth, LocalDate period) {
    for (JsonValue v : calendar(env, auth).getJsonArray("cells")) {
      if (v.asJsonObject().getString("period").equals(period.toString())) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError(period + " is not in the calendar");
  }

  private Api.Answer preview(long env, String auth, LocalDate from, LocalDate to) {
    return api.send(
        "GET",
        "/api/v1/environments/" + env + "/export-settings/backfill?from=" + from + "&to=" + to,
        null,
        auth);
  }

  private Api.Answer backfill(long env, String auth, LocalDate from, LocalDate to) {
    return api.send(
        "POST",
        "/api/v1/environments/" + env + "/export-settings/backfill",
        "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}",
        auth);
  }

  private JsonObject status(long env) {
    return api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
  }

  /** One scheduler pass now (operators; the same work the tick timer does every 3 s here). */
  private void tick() {
    Api.Answer tick = api.asOperator("POST", "/api/v1/system/scheduler/tick", null);
    assertEquals(200, tick.status(), tick.body());
  }

  private int history(long env) {
    return api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=100", null)
        .json()
        .getJsonArray("items")
        .size();
  }

  private static long csvObjects(Path basedir, String prefix, LocalDate period) throws Exception {
    Path dir =
        basedir.resolve(BUCKET).resolve(prefix).resolve("company-usage/daily/date=" + period);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      return all.stream().filter(f -> f.getFileName().toString().endsWith(".csv")).count();
    }
  }

  private String orgAdmin(Api.Tenant tenant) {
    String user = "cal-admin-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    Api.Answer created =
        api.asOperator(
            "POST",
            "/api/v1/organizations/" + tenant.organizationId() + "/admins",
            "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    assertEquals(201, created.status(), created.body());
    return Api.basic(user, password);
  }
}
