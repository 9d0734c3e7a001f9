package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PRODUCT.md §5 "Every due period lands": a bucket outage across several retry intervals heals by
 * itself (no API call after the endpoint is back), every attempt is in the history, exactly one
 * object and nothing half-written remains; a backfill of a period older than the give-up horizon
 * gets a fresh horizon from the request and lands after an outage; a period past the horizon
 * counted from its last request is failed for good with the horizon named, and saving the settings
 * exports it. The integration server runs with shortened intervals (arquillian.xml: tick PT3S,
 * first retry PT3S, at most PT6S apart, give up PT40S after the due time or the request).
 */
@ExtendWith(ArquillianExtension.class)
class EveryPeriodLandsIT {

  private static final String ACCESS_KEY = "it-access-key";
  private static final String SECRET = "it-secret-key-do-not-leak";
  private static final String BUCKET = "landing-bucket";

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
  void aBucketOutageAcrossSeveralRetriesHealsByItselfWithExactlyOneObject() throws Exception {
    Path basedir = Files.createTempDirectory("s3-outage-");
    int port = S3ProxyProcess.freePort();
    S3ProxyProcess bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
    try {
      bucket.createBucket(BUCKET);
      long env = tenantWithData("Outage");
      String prefix = "outage-" + env;
      assertEquals(200, saveSettings(env, prefix, bucket).status());
      bucket.close(); // the endpoint goes down before the period falls due

      LocalDate period = LocalDate.now(ZoneOffset.UTC).minusDays(1);
      Api.Answer run =
          api.asOperator("POST", "/api/v1/environments/" + env + "/export-periods/" + period, null);
      assertEquals(202, run.status(), run.body());

      // Down across several (shortened) retry intervals: at least three failed attempts.
      await(Duration.ofSeconds(120), () -> failedAttempts(env, period) >= 3, "three attempts");
      JsonObject waiting = status(env);
      assertEquals("failed", waiting.getString("status"), waiting.toString());
      await(
          Duration.ofSeconds(30),
          () -> status(env).get("retry") instanceof JsonObject,
          "the status shows the pending retry");
      JsonObject retry = status(env).getJsonObject("retry");
      assertEquals(period.toString(), retry.getString("period"), retry.toString());
      assertTrue(retry.getInt("attempts") >= 3, retry.toString());
      Instant.parse(retry.getString("nextAttemptAt"));
      try (Stream<Path> files = Files.walk(basedir)) {
        assertFalse(files.anyMatch(p -> p.toString().endsWith(".csv")), "no object is visible");
      }

      // The endpoint comes back; nothing but the scheduler acts from here on.
      bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
      Path dir = basedir.resolve(BUCKET).resolve(prefix).resolve("company-usage/daily");
      Path manifest =
          dir.resolve("date=" + period)
              .resolve("company-usage-production-" + env + "-" + period + ".manifest.json");
      await(Duration.ofSeconds(90), () -> Files.exists(manifest), "the period landed");
      await(
          Duration.ofSeconds(30),
          () -> "successful".equals(status(env).getString("status")),
          "the status turns successful");

      Set<String> objects;
      try (Stream<Path> files = Files.walk(basedir.resolve(BUCKET))) {
        objects =
            files
                .filter(Files::isRegularFile)
                .map(p -> basedir.resolve(BUCKET).relativize(p).toString())
                .collect(Collectors.toCollection(TreeSet::new));
      }
      assertEquals(
          Set.of(
              prefix
                  + "/company-usage/daily/date="
                  + period
                  + "/company-usage-production-"
                  + env
                  + "-"
                  + period
                  + ".csv",
              prefix
                  + "/company-usage/daily/date="
                  + period
                  + "/company-usage-production-"
                  + env
                  + "-"
                  + period
                  + ".manifest.json"),
          objects,
          "exactly one CSV and its manifest, no parts of incomplete uploads");

      List<JsonObject> attempts = attempts(env, period);
      assertEquals(
          1, attempts.stream().filter(a -> a.getString("status").equals("COMPLETED")).count());
      assertTrue(
          attempts.stream().filter(a -> a.getString("status").equals("FAILED")).count() >= 3,
          "every attempt is in the history: " + attempts);
      assertTrue(
          attempts.stream()
              .filter(a -> a.getString("status").equals("FAILED"))
              .allMatch(a -> a.getString("error").startsWith("Uploading to the bucket failed")),
          attempts.toString());
      assertEquals(JsonValue.NULL, status(env).get("retry"), "nothing waits any more");
    } finally {
      bucket.close();
    }
  }

  @Test
  void aBackfillOlderThanTheHorizonDuringAnOutageLandsAfterIt() throws Exception {
    // PRODUCT.md §5: the horizon counts from the later of the due time and the request, so a
    // backfill of a period due five days ago (beyond the 48 h, and beyond the test server's PT40S)
    // is retried through a bucket outage like tonight's period, and lands when the bucket is back.
    Path basedir = Files.createTempDirectory("s3-horizon-");
    int port = S3ProxyProcess.freePort();
    S3ProxyProcess bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
    try {
      bucket.createBucket(BUCKET);
      long env = tenantWithData("Horizon");
      String prefix = "horizon-" + env;
      assertEquals(200, saveSettings(env, prefix, bucket).status());
      bucket.close();

      LocalDate period = LocalDate.now(ZoneOffset.UTC).minusDays(5);
      Api.Answer backfill =
          api.asOperator(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/backfill",
              "{\"from\":\"" + period + "\",\"to\":\"" + period + "\"}");
      assertTrue(backfill.status() == 200 || backfill.status() == 202, backfill.body());
      await(Duration.ofSeconds(60), () -> failedAttempts(env, period) >= 2, "a second attempt");
      assertEquals(List.of(), failedPeriods(env), "not failed for good after one attempt");

      bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
      Path manifest =
          basedir
              .resolve(BUCKET)
              .resolve(prefix)
              .resolve("company-usage/daily/date=" + period)
              .resolve("company-usage-production-" + env + "-" + period + ".manifest.json");
      await(Duration.ofSeconds(60), () -> Files.exists(manifest), "the backfilled period landed");
      await(
          Duration.ofSeconds(30),
          () -> "successful".equals(status(env).getString("status")),
          "the status turns successful");
      assertEquals(List.of(), failedPeriods(env));
    } finally {
      bucket.close();
    }
  }

  @Test
  void aPeriodPastTheHorizonFailsForGoodAndASettingsSaveExportsIt() throws Exception {
    Path basedir = Files.createTempDirectory("s3-giveup-");
    int port = S3ProxyProcess.freePort();
    S3ProxyProcess bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
    try {
      bucket.createBucket(BUCKET);
      long env = tenantWithData("Give up");
      String prefix = "giveup-" + env;
      assertEquals(200, saveSettings(env, prefix, bucket).status());
      bucket.close();

      // Five days ago is beyond the horizon counted from its due time; the run asks for it now,
      // so it is retried until the horizon (PT40S in the test server) after the run, then given up.
      LocalDate period = LocalDate.now(ZoneOffset.UTC).minusDays(5);
      Api.Answer run =
          api.asOperator("POST", "/api/v1/environments/" + env + "/export-periods/" + period, null);
      assertEquals(202, run.status(), run.body());
      await(
          Duration.ofSeconds(180),
          () -> status(env).getJsonArray("failedPeriods").size() == 1,
          "the period is failed for good");
      JsonObject failed = status(env);
      assertEquals(period.toString(), failed.getJsonArray("failedPeriods").getString(0));
      assertEquals("failed", failed.getString("status"));
      assertTrue(
          failed.getString("error").contains("since it was last asked for"), failed.toString());
      assertEquals(JsonValue.NULL, failed.get("retry"), "no retry is pending");
      int attempts = attempts(env, period).size();
      assertTrue(attempts >= 2, "retried from the request on: " + attempts);
      // Scheduler passes, run now and synchronously (a start would be in the history when the
      // call returns): a period failed for good gets no new attempt from them.
      tick();
      tick();
      assertEquals(attempts, attempts(env, period).size(), attempts(env, period).toString());
      assertEquals(List.of(period.toString()), failedPeriods(env), "still failed for good");

      // The admin fixes the bucket and saves: the period is exported without further action.
      bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, port, basedir);
      assertEquals(200, saveSettings(env, prefix, bucket).status());
      Path manifest =
          basedir
              .resolve(BUCKET)
              .resolve(prefix)
              .resolve("company-usage/daily/date=" + period)
              .resolve("company-usage-production-" + env + "-" + period + ".manifest.json");
      await(Duration.ofSeconds(60), () -> Files.exists(manifest), "the saved settings exported it");
      await(
          Duration.ofSeconds(30),
          () -> status(env).getJsonArray("failedPeriods").isEmpty(),
          "no period is failed any more");
    } finally {
      bucket.close();
    }
  }

  @Test
  void periodsOutsideTheLookBackAreShownAsMissed() throws Exception {
    long env = tenantWithData("Missed");
    try (S3ProxyProcess bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET)) {
      bucket.createBucket(BUCKET);
      assertEquals(200, saveSettings(env, "missed-" + env, bucket).status());
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      // Catch up from 20 days ago with the default look-back of 14: 6 periods are missed.
      Api.Answer catchUp =
          api.asOperator(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/catch-up",
              "{\"from\":\"" + today.minusDays(20) + "\"}");
      assertEquals(200, catchUp.status(), catchUp.body());
      await(
          Duration.ofSeconds(60),
          () -> status(env).getJsonArray("missedPeriods").size() == 6,
          "six missed periods");
      JsonObject status = status(env);
      assertEquals(
          today.minusDays(20).toString(), status.getJsonArray("missedPeriods").getString(0));
      assertEquals(
          today.minusDays(15).toString(), status.getJsonArray("missedPeriods").getString(5));
    }
  }

  // --- helpers ---

  private long tenantWithData(String name) {
    Api.Tenant t = api.newTenant(name + " " + UUID.randomUUID(), "ENTERPRISE");
    api.withKey(
        t.ingestionKey(),
        "/api/v1/track/event",
        "{\"event\":\"x\",\"userId\":\"u\",\"companyId\":\"c\",\"timestamp\":\""
            + LocalDate.now(ZoneOffset.UTC).minusDays(6)
            + "T10:00:00Z\"}");
    return t.environmentId();
  }

  private Api.Answer saveSettings(long env, String prefix, S3ProxyProcess bucket) {
    return api.saveBucketSettings(env, bucket.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET);
  }

  private JsonObject status(long env) {
    return api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
  }

  /** One scheduler pass now (operators; the same work the tick timer does every 3 s here). */
  private void tick() {
    Api.Answer tick = api.asOperator("POST", "/api/v1/system/scheduler/tick", null);
    assertEquals(200, tick.status(), tick.body());
  }

  private List<String> failedPeriods(long env) {
    return status(env).getJsonArray("failedPeriods").getValuesAs(JsonString::getString);
  }

  private List<JsonObject> attempts(long env, LocalDate period) {
    JsonObject page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=200", null).json();
    return page.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> period.toString().equals(o.getString("period", null)))
        .toList();
  }

  private long failedAttempts(long env, LocalDate period) {
    return attempts(env, period).stream()
        .filter(a -> a.getString("status").equals("FAILED"))
        .count();
  }

  private static void await(Duration timeout, BooleanSupplier condition, String what) {
    Waits.await(timeout, condition, what);
  }
}
