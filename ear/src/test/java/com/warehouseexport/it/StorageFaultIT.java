package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * PRODUCT.md §13 "S3 endpoint slow (answers stall), 500 / 503 SlowDown, connection reset
 * mid-upload" and §10 "Logs": one node whose buckets are reached through a {@link FaultProxy} in
 * front of s3proxy, with short S3 client timeouts ({@code S3_*_TIMEOUT}) and retry schedule.
 *
 * <ul>
 *   <li>A stall longer than the attempt timeout ends the attempt in bounded time with a message
 *       saying the endpoint did not answer; the schedule retries and the period lands.
 *   <li>503 SlowDown answers (a throttling front) fail attempts that the schedule retries.
 *   <li>Connections reset in the middle of a multipart upload: the upload is aborted, the object
 *       never appears half-written, the next attempt lands it.
 *   <li>A refused connection is one WARNING line naming environment, period and cause, with no
 *       stack trace; no fault above writes a stack trace to the log.
 * </ul>
 *
 * Every period ends with exactly one object and its manifest, and no multipart upload is left open
 * in the bucket. Its own server on port offset 1800, on H2 — or, in the PostgreSQL pass of {@code
 * .ci/run} ({@code DB_DRIVER=postgresql}), on PostgreSQL (database {@code storagefaultit}).
 */
class StorageFaultIT {

  private static final Logger LOG = Logger.getLogger(StorageFaultIT.class.getName());
  private static final String ACCESS_KEY = "storage-fault-access";
  private static final String SECRET = "storage-fault-secret-do-not-leak";
  private static final String BUCKET = "storage-fault";
  private static final int COMPANIES = 40;

  /** The node's own database in the PostgreSQL pass (on H2 otherwise). */
  private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/storagefaultit";

  private static S3ProxyProcess s3;
  private static FaultProxy front;
  private static ServerProcess server;
  private static Api api;
  private static S3Client direct;
  private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
    front = new FaultProxy("s3", "127.0.0.1", s3.port());
    Path target = Path.of(System.getProperty("ear.file")).getParent();
    server =
        ServerProcess.fresh("storagefault-node", 1800, target, "storagefault-data")
            .property("warehouse.export.tick-interval", "PT2S")
            .property("warehouse.export.retry-initial", "PT2S")
            .property("warehouse.export.retry-max", "PT4S")
            .property("warehouse.export.claim-deadline", "PT10S")
            .property("warehouse.s3.connect-timeout", "PT1S")
            .property("warehouse.s3.socket-timeout", "PT2S")
            .property("warehouse.s3.attempt-timeout", "PT3S")
            .property("warehouse.s3.call-timeout", "PT8S")
            .property("warehouse.s3.max-attempts", "2");
    if (Db.isPostgres()) {
      // The PostgreSQL pass of .ci/run: this node on PostgreSQL too, in a database of its own.
      Postgres.freshDatabase(POSTGRES_URL, "postgres", "postgres");
      server.onPostgres(
          POSTGRES_URL,
          "postgres",
          "postgres",
          "storagefault-it",
          SecretCipher.generateKeySpec("storagefault"));
    }
    server.start();
    api = new Api(server.url());
    direct =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
            .build();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {direct, server, front, s3}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.warning("closing " + c + ": " + e);
        }
      }
    }
  }

  @Test
  void stallsThrottlingAndResetsEndInBoundedTimeAndEveryPeriodLandsOnce() throws Exception {
    long stalled = tenant("Stall");
    long throttled = tenant("Throttled");
    long reset = tenant("Reset");
    long refused = tenant("Refused");
    int logStart = server.log().length();

    // --- A stall longer than the attempt timeout (3 s, 2 attempts, 8 s a call). ---
    front.stall(true);
    long attempt = runPeriod(stalled);
    long t0 = System.nanoTime();
    JsonObject failed = awaitEnded(attempt, Duration.ofSeconds(40));
    long took = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
    front.stall(false);
    assertEquals("FAILED", failed.getString("status"), failed.toString());
    assertTrue(failed.getString("error").contains("did not answer in time"), failed.toString());
    assertTrue(took <= 30, "the stalled attempt ended after " + took + " s");
    assertEquals(0, objects(stalled, ".csv"), "no partial object");
    LOG.info("stalled attempt ended in " + took + " s: " + failed.getString("error"));
    awaitLanded(stalled);

    // --- 503 SlowDown: the next six connections are answered by a throttling front. ---
    freshConnections();
    front.answerHttp503(6);
    long first = runPeriod(throttled);
    JsonObject slow = awaitEnded(first, Duration.ofSeconds(40));
    assertEquals("FAILED", slow.getString("status"), slow.toString());
    assertTrue(slow.getString("error").contains("503"), slow.toString());
    awaitLanded(throttled);
    assertEquals(6, front.http503Sent(), "every 503 was answered");

    // --- Resets in the middle of a multipart upload's part (both SDK attempts). ---
    freshConnections();
    front.resetAfterUpstreamBytes(2_500, 2);
    long broken = runPeriod(reset);
    JsonObject resetFailure = awaitEnded(broken, Duration.ofSeconds(40));
    assertEquals("FAILED", resetFailure.getString("status"), resetFailure.toString());
    assertEquals(0, objects(reset, ".csv"), "no partial object after the reset");
    assertTrue(front.resetsDone() >= 1, "a connection was reset mid-stream");
    awaitLanded(reset);

    // --- A refused connection: one WARNING line naming environment, period and cause. ---
    front.refuseFor(Duration.ofSeconds(6));
    long refusedAttempt = runPeriod(refused);
    JsonObject refusal = awaitEnded(refusedAttempt, Duration.ofSeconds(40));
    assertEquals("FAILED", refusal.getString("status"), refusal.toString());
    assertTrue(refusal.getString("error").contains("refused"), refusal.toString());
    awaitLanded(refused);

    for (long env : List.of(stalled, throttled, reset, refused)) {
      assertEquals(1, objects(env, ".csv"), env + ": one object");
      assertEquals(1, objects(env, ".manifest.json"), env + ": one manifest");
    }
    assertEquals(
        List.of(),
        direct.listMultipartUploads(r -> r.bucket(BUCKET)).uploads(),
        "no multipart upload left open");

    String log = server.log().substring(logStart);
    List<String> refusedLines =
        log.lines()
            .filter(l -> l.contains("Export execution " + refusedAttempt + " "))
            .filter(l -> l.contains(" failed: "))
            .toList();
    assertEquals(1, refusedLines.size(), String.join("\n", refusedLines));
    String line = refusedLines.get(0);
    assertTrue(line.contains("WARN"), line);
    assertTrue(line.contains("environment " + refused), line);
    assertTrue(line.contains("period " + YESTERDAY), line);
    assertTrue(line.contains("the connection was refused"), line);
    List<String> frames = log.lines().filter(l -> l.startsWith("\tat ")).limit(40).toList();
    assertEquals(
        List.of(), frames, "no stack trace for expected storage failures:\n" + tail(log, 6000));
  }

  // --- helpers ---

  /**
   * The server keeps its connections to an endpoint open between exports (one S3 client per
   * endpoint, docs/security.md), and the proxy's 503 and reset faults meet new connections: cut the
   * open ones and let them idle past the HTTP client's validation interval (2 s, after which a
   * pooled connection is checked before it is used), so that the next request opens a connection.
   */
  private static void freshConnections() throws InterruptedException {
    front.cutAll();
    Thread.sleep(2_500);
  }

  private static String tail(String text, int chars) {
    return text.length() <= chars ? text : text.substring(text.length() - chars);
  }

  private static long tenant(String name) {
    Api.Tenant t = api.newTenant(name + " " + System.nanoTime(), "ENTERPRISE");
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int c = 0; c < COMPANIES; c++) {
      String company = String.format("company-%03d", c);
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", company)
              .add("attributes", Json.createObjectBuilder().add("name", "Company number " + c))
              .add("timestamp", YESTERDAY.minusDays(12) + "T08:00:00Z"));
      items.add(
          Json.createObjectBuilder()
              .add("type", "event")
              .add("event", "feature-" + (c % 3))
              .add("userId", "user-" + c)
              .add("companyId", company)
              .add("timestamp", YESTERDAY.minusDays(c % 10) + "T10:00:00Z"));
    }
    Api.Answer answer =
        api.withKey(t.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, answer.status(), answer.body());
    long env = t.environmentId();
    Api.Answer saved =
        api.saveBucketSettings(
            env,
            URI.create("http://127.0.0.1:" + front.port()),
            BUCKET,
            "faults-" + env,
            ACCESS_KEY,
            SECRET);
    assertEquals(200, saved.status(), saved.body());
    return env;
  }

  private static long runPeriod(long env) {
    Api.Answer run =
        api.asOperator(
            "POST", "/api/v1/environments/" + env + "/export-periods/" + YESTERDAY, null);
    assertEquals(202, run.status(), run.body());
    return run.json().getJsonNumber("executionId").longValue();
  }

  private static JsonObject awaitEnded(long execution, Duration timeout) {
    JsonObject[] last = new JsonObject[1];
    await(
        timeout,
        () -> {
          last[0] = api.asOperator("GET", "/api/v1/exports/" + execution, null).json();
          String s = last[0].getString("status");
          return !s.equals("STARTING") && !s.equals("STARTED") && !s.equals("STOPPING");
        },
        "execution " + execution + " ends");
    return last[0];
  }

  private static void awaitLanded(long env) {
    await(
        Duration.ofSeconds(90),
        () -> {
          try {
            return objects(env, ".manifest.json") == 1;
          } catch (IOException e) {
            return false;
          }
        },
        "environment " + env + " lands " + YESTERDAY);
  }

  private static long objects(long env, String suffix) throws IOException {
    String name = "company-usage-production-" + env + "-" + YESTERDAY + suffix;
    try (Stream<Path> files = Files.walk(s3.basedir().resolve(BUCKET))) {
      return files.filter(p -> p.getFileName().toString().equals(name)).count();
    }
  }

  private static void await(Duration timeout, BooleanSupplier condition, String what) {
    Waits.await(timeout, condition, what, () -> server.logTail(6000));
  }
}
