package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Automatic export against a real S3-compatible server (s3proxy, checking credentials): settings
 * validation with specific messages, timer-driven export with exact object and manifest, catch-up,
 * failure without a visible object, re-run replacing, plan gating, exactly once per period.
 */
@ExtendWith(ArquillianExtension.class)
class AutomaticExportIT {

  static final String ACCESS_KEY = "it-access-key";
  static final String SECRET = "it-secret-key-do-not-leak";
  static S3ProxyProcess s3;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket("it-bucket");
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  private String settings(
      String prefix, String accessKey, String secret, String bucket, String endpoint) {
    var b =
        Json.createObjectBuilder()
            .add("enabled", true)
            .add("cadence", "daily")
            .add("provider", "CUSTOM")
            .add("bucket", bucket)
            .add("region", "us-east-1")
            .add("key", prefix)
            .add("endpoint", endpoint);
    if (accessKey != null) {
      b.add("accessKeyId", accessKey);
    }
    if (secret != null) {
      b.add("secretAccessKey", secret);
    }
    return b.build().toString();
  }

  private Api.Answer put(long env, String json) {
    return api.asOperator("PUT", "/api/v1/environments/" + env + "/export-settings", json);
  }

  @Test
  void savingValidatesByListingTheBucketAndSavesNothingOnFailure() throws Exception {
    Api.Tenant t = api.newTenant("Settings " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    String endpoint = s3.endpoint().toString();

    Api.Answer wrongSecret =
        put(env, settings("p", ACCESS_KEY, "wrong-secret", "it-bucket", endpoint));
    assertEquals(422, wrongSecret.status(), wrongSecret.body());
    assertEquals("secretAccessKey", wrongSecret.json().getString("field"));

    Api.Answer wrongKey = put(env, settings("p", "nobody", SECRET, "it-bucket", endpoint));
    assertEquals(422, wrongKey.status(), wrongKey.body());
    assertEquals("accessKeyId", wrongKey.json().getString("field"));

    Api.Answer noBucket = put(env, settings("p", ACCESS_KEY, SECRET, "no-such-bucket", endpoint));
    assertEquals(422, noBucket.status(), noBucket.body());
    assertEquals("bucket", noBucket.json().getString("field"));
    assertTrue(noBucket.json().getString("error").contains("no-such-bucket"), noBucket.body());

    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Api.Answer unreachable =
        put(env, settings("p", ACCESS_KEY, SECRET, "it-bucket", "http://127.0.0.1:" + closedPort));
    assertEquals(422, unreachable.status(), unreachable.body());
    assertEquals("endpoint", unreachable.json().getString("field"));

    Api.Answer badUrl =
        api.asOperator(
            "PUT",
            "/api/v1/environments/" + env + "/export-settings",
            "{\"enabled\":true,\"provider\":\"AWS\",\"bucketUrl\":\"https://my_bucket.s3.eu-wst.amazonaws.com\","
                + "\"accessKeyId\":\"a\",\"secretAccessKey\":\"b\"}");
    assertEquals(422, badUrl.status(), badUrl.body());
    assertEquals("bucketUrl", badUrl.json().getString("field"));

    JsonObject stored =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null).json();
    assertFalse(stored.getBoolean("configured"), "nothing saved: " + stored);
    if (Db.isPostgres()) { // the embedded H2 opens no port: the API's answer above must do there
      assertEquals(
          0, Db.scalar("SELECT COUNT(*) FROM export_settings WHERE environment_id = ?", env));
    }

    Api.Answer ok = put(env, settings("p", ACCESS_KEY, SECRET, "it-bucket", endpoint));
    assertEquals(200, ok.status(), ok.body());
    assertFalse(ok.body().contains(SECRET), "the secret is never returned");
    assertTrue(ok.json().getBoolean("secretAccessKeySet"));
    assertEquals("it-a…-key", ok.json().getString("accessKeyIdHint"));
    if (Db.isPostgres()) { // encryption at rest, checked where the database can be read
      String storedSecret =
          Db.string(
              "SELECT secret_access_key_enc FROM export_settings WHERE environment_id = ?", env);
      assertFalse(storedSecret.contains(SECRET), "encrypted at rest");
      assertTrue(storedSecret.startsWith("v1:"), storedSecret);
    }

    // A blank secret on a later save keeps the stored one (validated again with it).
    Api.Answer keep = put(env, settings("q", ACCESS_KEY, null, "it-bucket", endpoint));
    assertEquals(200, keep.status(), keep.body());
    assertEquals("q", keep.json().getString("key"));

    JsonObject status =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
    assertEquals("never ran before", status.getString("status"));
    assertNotNull(status.getString("nextRunAt"));
  }

  @Test
  void timerExportsMissedPeriodsOldestFirstWithExactObjectAndManifest() throws Exception {
    Api.Tenant t = api.newTenant("Timer " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    LocalDate before = today.minusDays(2);
    api.withKey(
        t.ingestionKey(),
        "/api/v1/track/bulk",
        "[{\"type\":\"company\",\"companyId\":\"acme\",\"attributes\":{\"name\":\"Acme, \\\"Inc\\\"\"},"
            + "\"timestamp\":\""
            + yesterday
            + "T09:00:00Z\"},{\"type\":\"event\",\"event\":\"alerts\",\"userId\":\"u\","
            + "\"companyId\":\"acme\",\"timestamp\":\""
            + yesterday
            + "T10:00:00Z\"}]");
    String prefix = "timer-" + env;
    assertEquals(
        200,
        put(env, settings(prefix, ACCESS_KEY, SECRET, "it-bucket", s3.endpoint().toString()))
            .status());
    Api.Answer backfill =
        api.asOperator(
            "POST",
            "/api/v1/environments/" + env + "/export-settings/backfill",
            "{\"from\":\"" + before + "\"}");
    assertEquals(200, backfill.status(), backfill.body());

    // The persistent EJB timer ticks every 30 s: wait for it to export both missed days.
    String slug = "production-" + env;
    Path newest = object(prefix, slug, yesterday, ".csv");
    Path manifest = object(prefix, slug, yesterday, ".manifest.json");
    long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
    while (!Files.exists(manifest) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertTrue(Files.exists(manifest), "the timer exported " + yesterday + ": " + listing());
    assertTrue(Files.exists(object(prefix, slug, before, ".csv")), "the older missed day too");

    String header =
        "Company ID,Company Name,Feature Name,Feature ID,Date,First Seen,Last Seen,First Used,"
            + "Last Used,STARS State Label,STARS State,Frequency Label,Frequency,Satisfaction Label,"
            + "Satisfaction,Feedback Count,Segment Names,Segment IDs\n";
    String y = yesterday.toString();
    String expected =
        header
            + "acme,\"Acme, \"\"Inc\"\"\",alerts,alerts,"
            + y
            + ","
            + y
            + ","
            + y
            + ","
            + y
            + ","
            + y
            + ",tried,2,quarterly,0,,,0,,\n";
    byte[] csv = Files.readAllBytes(newest);
    assertEquals(expected, new String(csv, StandardCharsets.UTF_8));
    assertEquals(header, Files.readString(object(prefix, slug, before, ".csv")), "no company yet");

    JsonObject m;
    try (JsonReader r = Json.createReader(new StringReader(Files.readString(manifest)))) {
      m = r.readObject();
    }
    assertEquals(1, m.getJsonNumber("rows").longValue());
    assertEquals(csv.length, m.getJsonNumber("bytes").longValue());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)),
        m.getString("sha256"));
    assertEquals(y, m.getString("period"));
    assertEquals("1", m.getString("schemaVersion"));

    // The manifest is written before the job's batch status turns COMPLETED: wait for the status.
    Waits.await(
        Duration.ofSeconds(30),
        () ->
            y.equals(
                api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null)
                    .json()
                    .getString("lastPeriod", "")),
        "the status names " + y);
    JsonObject status =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
    assertEquals("successful", status.getString("status"), status.toString());
    assertEquals(y, status.getString("lastPeriod"));
    List<Long> ids = executionIdsByPeriod(env, List.of(before.toString(), y));
    assertTrue(ids.get(0) < ids.get(1), "oldest period first: " + ids);

    // A re-run of the same period replaces the object: still exactly one data object.
    Api.Answer again =
        api.asOperator("POST", "/api/v1/environments/" + env + "/export-periods/" + y, null);
    assertEquals(409, again.status(), "already exported: " + again.body());
    Api.Answer replace =
        api.asOperator(
            "POST", "/api/v1/environments/" + env + "/export-periods/" + y + "?replace=true", null);
    assertEquals(202, replace.status(), replace.body());
    JsonObject rerun = api.awaitExport(replace.json().getJsonNumber("executionId").longValue());
    assertEquals("COMPLETED", rerun.getString("status"), rerun.toString());
    try (Stream<Path> files = Files.list(newest.getParent())) {
      assertEquals(2, files.count(), "one CSV + one manifest");
    }
    assertEquals(expected, Files.readString(newest));
  }

  @Test
  void aCsvGzObjectDecompressesToExactlyTheCsvAndItsManifestNamesTheCompression() throws Exception {
    Api.Tenant t = api.newTenant("Gzip " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    api.ingestOneCompany(t, LocalDate.now(ZoneOffset.UTC), 20, 10);
    String prefix = "gzip-" + env;
    String endpoint = s3.endpoint().toString();
    String gzipSettings =
        Json.createObjectBuilder(
                Json.createReader(
                        new StringReader(
                            settings(prefix, ACCESS_KEY, SECRET, "it-bucket", endpoint)))
                    .readObject())
            .add("format", "csv.gz")
            .build()
            .toString();
    Api.Answer saved = put(env, gzipSettings);
    assertEquals(200, saved.status(), saved.body());
    assertEquals("csv.gz", saved.json().getString("format"));
    Api.Answer invalid =
        put(env, gzipSettings.replace("\"format\":\"csv.gz\"", "\"format\":\"zip\""));
    assertEquals(422, invalid.status(), invalid.body());
    assertEquals("format", invalid.json().getString("field"));

    String slug = "production-" + env;
    awaitPeriod(env, yesterday, false);
    Path gz = object(prefix, slug, yesterday, ".csv.gz");
    assertTrue(Files.exists(gz), listing());
    assertFalse(Files.exists(object(prefix, slug, yesterday, ".csv")), "no plain object");
    byte[] compressed = Files.readAllBytes(gz);
    JsonObject m;
    try (JsonReader r =
        Json.createReader(
            new StringReader(
                Files.readString(object(prefix, slug, yesterday, ".manifest.json"))))) {
      m = r.readObject();
    }
    assertEquals("gzip", m.getString("compression"));
    assertTrue(m.getString("objectKey").endsWith(".csv.gz"), m.toString());
    assertEquals(compressed.length, m.getJsonNumber("bytes").longValue());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(compressed)),
        m.getString("sha256"),
        "the checksum is of the stored (compressed) bytes");

    // The same period as plain CSV: the gzip object holds exactly these bytes.
    assertEquals(
        200, put(env, settings(prefix, ACCESS_KEY, SECRET, "it-bucket", endpoint)).status());
    awaitPeriod(env, yesterday, true);
    byte[] plain = Files.readAllBytes(object(prefix, slug, yesterday, ".csv"));
    assertEquals(m.getJsonNumber("rows").longValue(), plain.length == 0 ? 0 : countRows(plain));
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      assertArrayEquals(plain, in.readAllBytes());
    }
  }

  private static long countRows(byte[] csv) {
    return new String(csv, StandardCharsets.UTF_8).lines().count() - 1;
  }

  /** Runs one period through the operator API and waits until it completed. */
  private void awaitPeriod(long env, LocalDate period, boolean replace) {
    Api.Answer run =
        api.asOperator(
            "POST",
            "/api/v1/environments/"
                + env
                + "/export-periods/"
                + period
                + (replace ? "?replace=true" : ""),
            null);
    assertEquals(202, run.status(), run.body());
    JsonObject done = api.awaitExport(run.json().getJsonNumber("executionId").longValue());
    assertEquals("COMPLETED", done.getString("status"), done.toString());
  }

  @Test
  void aFailedUploadLeavesNoObjectSaysWhyAndARestartFinishesIt() throws Exception {
    Path basedir = Files.createTempDirectory("s3-failing-");
    int port = S3ProxyProcess.freePort();
    S3ProxyProcess own = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
    try {
      own.createBucket("fail-bucket");
      Api.Tenant t = api.newTenant("Failing " + UUID.randomUUID(), "ENTERPRISE");
      long env = t.environmentId();
      api.withKey(
          t.ingestionKey(),
          "/api/v1/track/event",
          "{\"event\":\"x\",\"userId\":\"u\",\"companyId\":\"c\"}");
      assertEquals(
          200,
          put(env, settings("f", ACCESS_KEY, SECRET, "fail-bucket", own.endpoint().toString()))
              .status());
      own.close(); // the endpoint goes away before the upload
      LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
      Api.Answer run =
          api.asOperator(
              "POST", "/api/v1/environments/" + env + "/export-periods/" + yesterday, null);
      assertEquals(202, run.status(), run.body());
      long execution = run.json().getJsonNumber("executionId").longValue();
      JsonObject failed = api.awaitExport(execution);
      assertEquals("FAILED", failed.getString("status"), failed.toString());
      assertTrue(
          failed.getString("error").startsWith("Uploading to the bucket failed"),
          failed.toString());
      JsonObject status =
          api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
      assertEquals("failed", status.getString("status"));
      assertTrue(status.getString("error").contains("bucket"), status.toString());
      try (Stream<Path> files = Files.walk(basedir)) {
        assertFalse(files.anyMatch(p -> p.toString().endsWith(".csv")), "no object is visible");
      }

      own = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
      Api.Answer restart =
          api.asOperator("POST", "/api/v1/exports/" + execution + "/restart", null);
      assertEquals(202, restart.status(), restart.body());
      JsonObject done = api.awaitExport(restart.json().getJsonNumber("executionId").longValue());
      assertEquals("COMPLETED", done.getString("status"), done.toString());
      try (Stream<Path> files = Files.walk(basedir)) {
        assertEquals(1, files.filter(p -> p.toString().endsWith(".csv")).count());
      }
    } finally {
      own.close();
    }
  }

  @Test
  void weeklyExportsRunOnMondaysForTheWeekThatEndedOnSunday() throws Exception {
    Api.Tenant t = api.newTenant("Weekly " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate lastSunday = today.minusDays(today.getDayOfWeek().getValue() % 7);
    LocalDate monday = lastSunday.plusDays(1);
    if (!monday.isBefore(today)) { // today is Sunday or Monday: use the week before
      lastSunday = lastSunday.minusWeeks(1);
      monday = monday.minusWeeks(1);
    }
    LocalDate firstSunday = lastSunday.minusWeeks(2);
    api.withKey(
        t.ingestionKey(),
        "/api/v1/track/event",
        "{\"event\":\"alerts\",\"userId\":\"u\",\"companyId\":\"w\",\"timestamp\":\""
            + firstSunday.minusDays(3)
            + "T10:00:00Z\"}");
    String weekly =
        settings("weekly", ACCESS_KEY, SECRET, "it-bucket", s3.endpoint().toString())
            .replace("\"daily\"", "\"weekly\"");
    assertEquals(200, put(env, weekly).status());
    api.asOperator(
        "POST",
        "/api/v1/environments/" + env + "/export-settings/backfill",
        "{\"from\":\"" + firstSunday.minusDays(2) + "\"}");
    // One scheduler pass as of that Monday 00:20 UTC (after the 15-minute grace).
    JsonObject tick =
        api.asOperator("POST", "/api/v1/system/scheduler/tick?now=" + monday + "T00:20:00Z", null)
            .json();
    // (The real timer may win some of the three claims in between: each period still runs once.)
    assertTrue(tick.getJsonArray("started").size() <= 3, tick.toString());
    JsonObject page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=100", null).json();
    assertEquals(3, page.getJsonArray("items").size(), "three Sundays, one run each: " + page);
    for (LocalDate sunday = firstSunday;
        !sunday.isAfter(lastSunday);
        sunday = sunday.plusWeeks(1)) {
      String period = sunday.toString();
      long id = executionIdsByPeriod(env, List.of(period)).get(0);
      assertEquals("COMPLETED", api.awaitExport(id).getString("status"));
      Path csv =
          s3.basedir()
              .resolve("it-bucket/weekly/company-usage/weekly/date=" + period)
              .resolve("company-usage-production-" + env + "-" + period + ".csv");
      assertTrue(Files.exists(csv), csv.toString());
      String row = Files.readAllLines(csv).get(1);
      assertTrue(row.startsWith("w,,alerts,alerts," + period + ","), "Date = the Sunday: " + row);
    }
    // On a Monday the week that ended yesterday is due too, and the next run is
    // "now" until a pass claims it (the timer's next tick, or this one): then it is next Monday's.
    api.asOperator("POST", "/api/v1/system/scheduler/tick", null);
    JsonObject status =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
    String next = status.getString("nextRunAt");
    assertEquals(
        java.time.DayOfWeek.MONDAY,
        java.time.Instant.parse(next).atZone(ZoneOffset.UTC).getDayOfWeek(),
        status.toString());
    assertTrue(next.endsWith("T00:00:00Z"), "the test server has no grace: " + next);
  }

  @Test
  void planGatingAndDowngradePause() throws Exception {
    Api.Tenant pro = api.newTenant("Pro " + UUID.randomUUID(), "PRO");
    Api.Answer denied =
        put(
            pro.environmentId(),
            settings("x", ACCESS_KEY, SECRET, "it-bucket", s3.endpoint().toString()));
    assertEquals(403, denied.status(), denied.body());
    assertTrue(denied.json().getString("error").contains("Enterprise"));

    Api.Tenant ent = api.newTenant("Downgrade " + UUID.randomUUID(), "ENTERPRISE");
    long env = ent.environmentId();
    assertEquals(
        200,
        put(env, settings("d", ACCESS_KEY, SECRET, "it-bucket", s3.endpoint().toString()))
            .status());
    api.asOperator("PATCH", "/api/v1/organizations/" + ent.organizationId(), "{\"plan\":\"PRO\"}");
    api.asOperator(
        "POST",
        "/api/v1/environments/" + env + "/export-settings/backfill",
        "{\"from\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(3) + "\"}");
    JsonObject tick = api.asOperator("POST", "/api/v1/system/scheduler/tick", null).json();
    for (String started : List.of("started", "restarted")) {
      tick.getJsonArray(started)
          .forEach(
              s ->
                  assertNotEquals(
                      env,
                      s.asJsonObject().getJsonNumber("environmentId").longValue(),
                      "nothing started for a paused environment: " + tick));
    }
    assertTrue(
        tick.getJsonArray("refused").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                r ->
                    r.getJsonNumber("environmentId").longValue() == env
                        && r.getString("reason").equals("plan")
                        && r.getString("detail").equals("PRO")),
        "refused for its plan: " + tick);
    JsonObject status =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
    assertTrue(status.getString("paused").contains("Enterprise"), status.toString());
    assertTrue(status.isNull("nextRunAt"));
  }

  @Test
  void concurrentTicksExportEachPeriodExactlyOnce() throws Exception {
    Api.Tenant t = api.newTenant("Once " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    assertEquals(
        200,
        put(env, settings("once", ACCESS_KEY, SECRET, "it-bucket", s3.endpoint().toString()))
            .status());
    LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(4);
    api.asOperator(
        "POST",
        "/api/v1/environments/" + env + "/export-settings/backfill",
        "{\"from\":\"" + from + "\"}");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Api.Answer>> ticks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ticks.add(pool.submit(() -> api.asOperator("POST", "/api/v1/system/scheduler/tick", null)));
      }
      for (Future<Api.Answer> f : ticks) {
        assertEquals(200, f.get().status());
      }
    } finally {
      pool.shutdownNow();
    }
    Api.Answer manual =
        api.asOperator("POST", "/api/v1/environments/" + env + "/export-periods/" + from, null);
    assertEquals(
        409, manual.status(), "a period started by the timer cannot be started again by hand");
    JsonObject page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=100", null).json();
    List<String> periods = new ArrayList<>();
    page.getJsonArray("items").forEach(v -> periods.add(v.asJsonObject().getString("period")));
    assertEquals(4, periods.size(), "four periods, one execution each: " + periods);
    assertEquals(4, periods.stream().distinct().count(), periods.toString());
  }

  private List<Long> executionIdsByPeriod(long env, List<String> periods) {
    JsonObject page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=100", null).json();
    List<Long> ids = new ArrayList<>();
    for (String period : periods) {
      ids.add(
          page.getJsonArray("items").stream()
              .map(v -> v.asJsonObject())
              .filter(o -> period.equals(o.getString("period", null)))
              .mapToLong(o -> o.getJsonNumber("executionId").longValue())
              .min()
              .orElseThrow());
    }
    return ids;
  }

  private Path object(String prefix, String slug, LocalDate period, String suffix) {
    return s3.basedir()
        .resolve("it-bucket")
        .resolve(prefix)
        .resolve("company-usage/daily/date=" + period)
        .resolve("company-usage-" + slug + "-" + period + suffix);
  }

  private String listing() throws Exception {
    try (Stream<Path> files = Files.walk(s3.basedir())) {
      return files.map(Path::toString).toList().toString();
    }
  }
}
