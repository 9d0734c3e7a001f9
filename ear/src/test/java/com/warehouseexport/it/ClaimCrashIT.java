package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §5 "A period claimed but never started (crash between the two) is started by the next
 * tick": the server's JVM is killed right after a period's claim is committed and before its job
 * starts (test-only fault point, armed through the tick endpoint on a server with fault injection).
 * After the restart, the period lands exactly once, without any operator action.
 *
 * <p>Launches its own server (not Arquillian) on port offset 600 (HTTP 8680), with a 5 s claim
 * deadline; only the persistent 30 s timer ticks on its own (the node tick is set to an hour):
 *
 * <pre>
 * mvn -B verify -Dit.test=ClaimCrashIT
 * </pre>
 */
class ClaimCrashIT {

  private static final Logger LOG = Logger.getLogger(ClaimCrashIT.class.getName());
  private static final String ACCESS_KEY = "it-access-key";
  private static final String SECRET = "it-secret-key-do-not-leak";
  private static final String BUCKET = "claim-crash";

  private static ServerProcess server;
  private static S3ProxyProcess s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
    Path dataDir = Path.of(System.getProperty("ear.file")).getParent().resolve("claim-crash-data");
    ServerProcess.deleteRecursively(dataDir);
    Files.createDirectories(dataDir);
    server =
        new ServerProcess("claim-crash", "claim-crash", 600, dataDir)
            .property("warehouse.export.tick-interval", "PT1H")
            .property("warehouse.export.claim-deadline", "PT5S")
            .property("warehouse.export.retry-initial", "PT3S")
            .property("warehouse.export.retry-max", "PT6S");
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aCrashBetweenClaimAndStartStillLandsThePeriodExactlyOnce() throws Exception {
    Crash crash = crashAfterNextTick("Claim crash", "crash-", "haltAfterClaim");
    long env = crash.env();
    assertTrue(
        server
            .log()
            .lines()
            .noneMatch(l -> l.contains("environment " + env + " ") && l.contains("as execution")),
        "no job was started before the crash: " + server.logTail(2000));
    LOG.info("the server halted between claim and start; starting it again");

    server.start();
    await(
        Duration.ofSeconds(90), () -> Files.exists(crash.manifest()), "the claimed period landed");
    assertTrue(
        server.log().contains("was claimed but never started; started now as execution"),
        "the unstarted claim was started by a tick after the restart: " + server.logTail(3000));
    assertOneObjectPair(crash);
    List<JsonObject> runs = runs(crash);
    assertEquals(1, runs.size(), "exactly one execution for the period: " + runs);
    assertEquals("COMPLETED", runs.get(0).getString("status"), runs.toString());
  }

  /**
   * The neighbour of the crash above: the JVM dies after the period's job was created but before
   * its claim was pointed at it. After the restart the claim follows that job (found by the claim
   * attempt in its parameters) instead of starting the period a second time: one object, one
   * completed execution.
   */
  @Test
  void aCrashBetweenJobStartAndClaimUpdateStillLandsThePeriodExactlyOnce() throws Exception {
    Crash crash = crashAfterNextTick("Start crash", "start-crash-", "haltAfterStart");
    String ofPeriod = "environment " + crash.env() + " for " + crash.period();
    assertTrue(
        server.log().contains("halting the JVM between job start and claim update"),
        "the job was started before the crash: " + server.logTail(2000));
    LOG.info("the server halted between job start and claim update; starting it again");

    server.start();
    await(
        Duration.ofSeconds(90), () -> Files.exists(crash.manifest()), "the started period landed");
    await(
        Duration.ofSeconds(60),
        () -> server.log().contains(ofPeriod + " was started as execution"),
        "the claim adopted the job started before the crash");
    assertFalse(
        server.log().contains(ofPeriod + " was claimed but never started"),
        "the period was not started a second time: " + server.logTail(3000));
    assertOneObjectPair(crash);
    List<JsonObject> runs = runs(crash);
    assertEquals(
        1,
        runs.stream().filter(r -> "COMPLETED".equals(r.getString("status"))).count(),
        "exactly one completed execution for the period: " + runs);
  }

  /** A crashed period: its environment, period and where its objects land. */
  private record Crash(long env, LocalDate period, Path dir) {
    Path manifest() {
      return dir.resolve("company-usage-production-" + env + "-" + period + ".manifest.json");
    }
  }

  /**
   * A tenant with yesterday's data and a bucket, a backfill of yesterday, then a tick armed with
   * {@code halt} ({@code haltAfterClaim} or {@code haltAfterStart}): returns once the JVM is gone.
   */
  private static Crash crashAfterNextTick(String name, String prefixStart, String halt)
      throws Exception {
    Api api = new Api(server.url());
    Api.Tenant tenant = api.newTenant(name + " " + System.currentTimeMillis(), "ENTERPRISE");
    long env = tenant.environmentId();
    LocalDate period = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    api.withKey(
        tenant.ingestionKey(),
        "/api/v1/track/event",
        "{\"event\":\"x\",\"userId\":\"u\",\"companyId\":\"c\",\"timestamp\":\""
            + period
            + "T10:00:00Z\"}");
    String prefix = prefixStart + env;
    Api.Answer saved =
        api.saveBucketSettings(env, s3.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET);
    assertEquals(200, saved.status(), saved.body());

    // Only the persistent timer ticks on its own (every 30 s, at :00 and :30; the node tick is
    // set to an hour): start right after one of its firings, so that our own tick below is the one
    // that claims the period. The embedded H2 writes committed data within a second: wait that
    // long after the backfill, so the crash cannot take the backfill with it.
    while (Instant.now().atZone(ZoneOffset.UTC).getSecond() % 30 < 2
        || Instant.now().atZone(ZoneOffset.UTC).getSecond() % 30 > 15) {
      Thread.sleep(200);
    }
    Api.Answer backfill =
        api.asOperator(
            "POST",
            "/api/v1/environments/" + env + "/export-settings/backfill",
            "{\"from\":\"" + period + "\"}");
    assertEquals(200, backfill.status(), backfill.body());
    Thread.sleep(2_500);
    try {
      // Takes yesterday up, then the JVM dies at the armed point: no answer comes back.
      api.asOperator("POST", "/api/v1/system/scheduler/tick?" + halt + "=true", null);
    } catch (RuntimeException expected) {
      LOG.info("the tick did not answer: " + expected);
    }
    await(Duration.ofSeconds(60), () -> !server.isAlive(), "the JVM halted (" + halt + ")");
    Path dir =
        s3.basedir().resolve(BUCKET).resolve(prefix).resolve("company-usage/daily/date=" + period);
    return new Crash(env, period, dir);
  }

  /** The period's CSV and manifest, and nothing else. */
  private static void assertOneObjectPair(Crash crash) throws Exception {
    Set<String> objects;
    try (Stream<Path> files = Files.list(crash.dir())) {
      objects =
          files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    String base = "company-usage-production-" + crash.env() + "-" + crash.period();
    assertEquals(Set.of(base + ".csv", base + ".manifest.json"), objects);
  }

  /** The executions of the crashed period, from the history. */
  private static List<JsonObject> runs(Crash crash) {
    JsonObject page =
        new Api(server.url())
            .asOperator("GET", "/api/v1/environments/" + crash.env() + "/exports?size=50", null)
            .json();
    return page.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> crash.period().toString().equals(o.getString("period", null)))
        .toList();
  }

  private static void await(Duration timeout, BooleanSupplier condition, String what) {
    Waits.await(timeout, condition, what, () -> server.logTail(3000));
  }
}
