package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §10 "Several nodes on one PostgreSQL": two nodes with the same key ring, each allowed
 * two exports at once ({@code BATCH_MAX_THREADS=3}: JBeret keeps one thread) and slowed down by a
 * node-wide fault-injection pause per company.
 *
 * <ul>
 *   <li>A midnight of several environments runs on both nodes (work spreads by free capacity).
 *   <li>Node A is SIGKILLed in the middle of an automatic export and of a manual one and never
 *       comes back: node B sees A's heartbeat stop, marks both executions failed with an
 *       explanation and finishes them; the object is byte-identical to an uninterrupted re-run and
 *       the download is byte-identical to an uninterrupted export.
 *   <li>A node whose master key ring cannot decrypt the stored secrets refuses to deploy, with a
 *       message naming {@code WAREHOUSE_MASTER_KEYS}.
 * </ul>
 *
 * <p>Launches its own servers (not Arquillian): node-a on port offset 600, node-b on 700, node-c on
 * 1000. Needs PostgreSQL on 127.0.0.1:5432 (user {@code postgres}, trust auth); uses database
 * {@code nodedeath} (created if missing, schema reset at start). Skipped loudly without PostgreSQL.
 *
 * <pre>
 * mvn -B verify -Dit.test=NodeDeathIT
 * </pre>
 */
class NodeDeathIT {

  private static final Logger LOG = Logger.getLogger(NodeDeathIT.class.getName());
  private static final String ACCESS_KEY = "node-death-access";
  private static final String SECRET = "node-death-secret-do-not-leak";
  private static final String BUCKET = "node-death";
  private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/nodedeath";
  private static final int COMPANIES = 30;

  private static S3ProxyProcess s3;
  private static ServerProcess nodeA;
  private static ServerProcess nodeB;
  private static String keyRing;
  private static Path target;

  @BeforeAll
  static void start() throws Exception {
    Prerequisites.requirePostgres("NodeDeathIT");
    Postgres.freshDatabase("nodedeath");
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
    target = Path.of(System.getProperty("ear.file")).getParent();
    keyRing = SecretCipher.generateKeySpec("nodes");
    nodeA = node("node-a", 600, keyRing);
    nodeB = node("node-b", 700, keyRing);
    nodeA.start();
    nodeB.start();
  }

  private static ServerProcess node(String node, int offset, String keys) throws IOException {
    Path data = target.resolve("death-" + node + "-data");
    ServerProcess.deleteRecursively(data);
    Files.createDirectories(data);
    return new ServerProcess("death-" + node, node, offset, data)
        .onPostgres(JDBC, "postgres", "postgres", "nodedeath-it", keys)
        .env("BATCH_MAX_THREADS", "3")
        .property("warehouse.node.heartbeat-interval", "PT2S")
        .property("warehouse.node.dead-after", "PT8S")
        .property("warehouse.export.tick-interval", "PT2S")
        .property("warehouse.export.retry-initial", "PT2S")
        .property("warehouse.export.retry-max", "PT4S")
        .property("warehouse.fault.pause-per-company-millis", "250");
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB, s3}) {
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
  void midnightRunsOnBothNodesAndADeadNodesExportsAreFinishedByTheOther() throws Exception {
    Api a = new Api(nodeA.url());
    Api b = new Api(nodeB.url());
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    // --- Midnight: six environments due at once, two exports at a time per node. ---
    List<Long> midnight = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long env = tenant(a, "Midnight " + i, yesterday);
      saveSettings(a, env, "midnight-" + env);
      midnight.add(env);
    }
    for (long env : midnight) {
      Api.Answer backfill =
          a.asOperator(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/backfill",
              "{\"from\":\"" + yesterday + "\"}");
      assertEquals(200, backfill.status(), backfill.body());
    }
    Set<String> nodes = new TreeSet<>();
    for (long env : midnight) {
      await(Duration.ofSeconds(150), () -> landed(env, yesterday), "environment " + env);
      for (JsonObject run : runs(b, env, yesterday)) {
        nodes.add(run.getString("node"));
      }
    }
    assertEquals(Set.of("node-a", "node-b"), nodes, "the midnight's exports ran on both nodes");

    // --- Node A dies in the middle of an automatic and of a manual export. ---
    long auto = tenant(a, "Auto", yesterday);
    saveSettings(a, auto, "auto-" + auto);
    long manual = tenant(a, "Manual", yesterday);
    Instant asOf = yesterday.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    String request =
        Json.createObjectBuilder()
            .add("aggregation", "30-days-daily")
            .add("asOf", asOf.toString())
            .add("chunkCompanies", 5)
            .build()
            .toString();
    // Both started on node A, back to back (each takes several seconds with the node's pause).
    Api.Answer run =
        a.asOperator("POST", "/api/v1/environments/" + auto + "/export-periods/" + yesterday, null);
    assertEquals(202, run.status(), run.body());
    long autoExecution = run.json().getJsonNumber("executionId").longValue();
    long manualExecution = a.startExport(manual, request);
    await(
        Duration.ofSeconds(60),
        () ->
            rowsWritten(b, manualExecution) > 0
                && "STARTED".equals(status(b, autoExecution).getString("status")),
        "both exports are under way on node A");
    assertEquals("node-a", status(b, manualExecution).getString("node"));
    nodeA.kill();
    LOG.info(
        "node-a killed; node-b must take over executions "
            + autoExecution
            + ", "
            + manualExecution);

    // B marks A's executions failed with an explanation ...
    for (long id : new long[] {autoExecution, manualExecution}) {
      await(
          Duration.ofSeconds(60),
          () -> "FAILED".equals(status(b, id).getString("status")),
          "execution " + id + " of the dead node is marked failed");
      String error = status(b, id).getString("error");
      assertTrue(
          error.startsWith("Node node-a stopped responding") && error.contains("node-b"), error);
    }
    // ... lands the period ...
    await(Duration.ofSeconds(120), () -> landed(auto, yesterday), "the period of the dead node");
    // The manifest is stored before the job repository records COMPLETED: wait for both.
    await(
        Duration.ofSeconds(30),
        () ->
            runs(b, auto, yesterday).stream()
                .anyMatch(
                    r ->
                        r.getString("status").equals("COMPLETED")
                            && "node-b".equals(r.getString("node"))),
        "node B ran the period to completion");
    byte[] takenOver = Files.readAllBytes(object(auto, yesterday, ".csv"));
    // ... byte-identical to an uninterrupted run of the same period (re-run on B replaces it).
    Api.Answer rerun =
        b.asOperator(
            "POST",
            "/api/v1/environments/" + auto + "/export-periods/" + yesterday + "?replace=true",
            null);
    assertEquals(202, rerun.status(), rerun.body());
    JsonObject rerunDone = b.awaitExport(rerun.json().getJsonNumber("executionId").longValue());
    assertEquals("COMPLETED", rerunDone.getString("status"), rerunDone.toString());
    assertArrayEquals(takenOver, Files.readAllBytes(object(auto, yesterday, ".csv")));

    // The manual export was restarted on B (from the beginning: its partial file was on A's disk).
    await(
        Duration.ofSeconds(60),
        () -> newestExecution(b, manual) != manualExecution,
        "node B restarted the manual export");
    long restarted = newestExecution(b, manual);
    JsonObject done = b.awaitExport(restarted);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    assertEquals("node-b", done.getString("node"));
    long reference = b.startExport(manual, request);
    assertEquals("COMPLETED", b.awaitExport(reference).getString("status"));
    assertArrayEquals(b.downloadCsv(reference), b.downloadCsv(restarted), "byte-identical");
  }

  @Test
  void aNodeThatCannotDecryptTheStoredSecretsRefusesToDeploy() throws Exception {
    Api b = new Api(nodeB.url());
    long env = tenant(b, "Keys", LocalDate.now(ZoneOffset.UTC).minusDays(1));
    saveSettings(b, env, "keys-" + env);
    ServerProcess other = node("node-c", 1000, SecretCipher.generateKeySpec("other"));
    try {
      IOException refused =
          assertThrows(IOException.class, () -> other.start(Duration.ofSeconds(180)));
      LOG.info("node-c refused as expected: " + refused.getMessage());
      String log = other.log();
      assertTrue(
          log.contains(
              "cannot be decrypted with this node's master key ring. Set"
                  + " WAREHOUSE_MASTER_KEYS"),
          other.logTail(3000));
      assertFalse(log.contains(SECRET), "no secret in the log");
    } finally {
      other.close();
    }
  }

  /**
   * A node whose clock is five minutes off (NODE_DEAD_AFTER is 8 s here) is neither judged dead by
   * the others while it beats, nor judges them dead: heartbeats and liveness read the database's
   * clock. Before, another node took over node D's export 8 s into it (D's heartbeats looked five
   * minutes old), and a node five minutes ahead took over B's.
   */
  @Test
  void aNodeWhoseClockIsOffIsNotTakenForDeadAndTakesNoLiveNodeForDead() throws Exception {
    Api b = new Api(nodeB.url());
    String slow =
        Json.createObjectBuilder()
            .add("aggregation", "snapshot")
            .add("chunkCompanies", 5)
            .add("pausePerCompanyMillis", 600)
            .build()
            .toString();
    ServerProcess nodeD = node("node-d", 1100, keyRing);
    try {
      // --- D's clock five minutes behind: D runs an export longer than NODE_DEAD_AFTER. ---
      startWithClockOff(nodeD, "-PT5M", "behind");
      Api d = new Api(nodeD.url());
      long behind = tenant(d, "Clock behind", LocalDate.now(ZoneOffset.UTC).minusDays(1));
      assertRunsOnceOnItsNode(d, "node-d", behind, slow, b);
      nodeD.stop();

      // --- D's clock five minutes ahead: B runs an export longer than NODE_DEAD_AFTER. ---
      startWithClockOff(nodeD, "PT5M", "ahead of");
      long ahead = tenant(b, "Clock ahead", LocalDate.now(ZoneOffset.UTC).minusDays(1));
      assertRunsOnceOnItsNode(b, "node-b", ahead, slow, b);
    } finally {
      nodeD.close();
    }
  }

  // --- helpers ---

  /** Shifts a node's own clock (fault injection; {@code ClusterClock.FAULT_OFFSET_PROPERTY}). */
  private static final String CLOCK_OFFSET = "warehouse.fault.clock-offset";

  /** Starts {@code node} with its clock shifted by {@code offset}; it must say so in its log. */
  private static void startWithClockOff(ServerProcess node, String offset, String direction)
      throws IOException {
    node.property(CLOCK_OFFSET, offset).start();
    assertTrue(
        warnedClockOff(node.log(), direction),
        node.node() + " tells the operator its clock is off: " + node.logTail(3000));
  }

  /**
   * A download started through {@code on} completes on {@code node}, and nobody took it over and
   * started another ({@code observer} lists the environment's executions).
   */
  private static void assertRunsOnceOnItsNode(
      Api on, String node, long env, String request, Api observer) {
    long execution = on.startExport(env, request);
    JsonObject done = on.awaitExport(execution);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    assertEquals(node, done.getString("node"), "the node that started it finished it");
    assertEquals(execution, newestExecution(observer, env), "nobody restarted it");
  }

  /** True when the log warns that the node's clock is about five minutes {@code direction}. */
  private static boolean warnedClockOff(String log, String direction) {
    return java.util.regex.Pattern.compile(
            "This node's clock is (299|300|301)\\.\\d s " + direction + " the database's")
        .matcher(log)
        .find();
  }

  private static long tenant(Api api, String name, LocalDate day) {
    Api.Tenant t = api.newTenant(name + " " + System.nanoTime(), "ENTERPRISE");
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int c = 0; c < COMPANIES; c++) {
      String company = String.format("company-%03d", c);
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", company)
              .add("attributes", Json.createObjectBuilder().add("name", "Company " + c))
              .add("timestamp", day.minusDays(12) + "T08:00:00Z"));
      items.add(
          Json.createObjectBuilder()
              .add("type", "event")
              .add("event", "feature-" + (c % 3))
              .add("userId", "user-" + c)
              .add("companyId", company)
              .add("timestamp", day.minusDays(c % 10) + "T10:00:00Z"));
    }
    Api.Answer answer =
        api.withKey(t.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, answer.status(), answer.body());
    assertEquals(0, answer.json().getInt("rejected"), answer.body());
    return t.environmentId();
  }

  private static void saveSettings(Api api, long env, String prefix) {
    Api.Answer saved =
        api.saveBucketSettings(env, s3.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET);
    assertEquals(200, saved.status(), saved.body());
  }

  private static Path object(long env, LocalDate period, String suffix) throws IOException {
    try (var files = Files.walk(s3.basedir().resolve(BUCKET))) {
      return files
          .filter(
              p ->
                  p.getFileName()
                      .toString()
                      .equals("company-usage-" + slug(env) + "-" + period + suffix))
          .findFirst()
          .orElse(s3.basedir().resolve("missing"));
    }
  }

  private static String slug(long env) {
    return "production-" + env;
  }

  private static boolean landed(long env, LocalDate period) {
    try {
      return Files.exists(object(env, period, ".manifest.json"));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<JsonObject> runs(Api api, long env, LocalDate period) {
    JsonObject page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=50", null).json();
    return page.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> period.toString().equals(o.getString("period", null)))
        .toList();
  }

  private static long newestExecution(Api api, long env) {
    JsonObject page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=1", null).json();
    return page.getJsonArray("items").getJsonObject(0).getJsonNumber("executionId").longValue();
  }

  private static JsonObject status(Api api, long execution) {
    return api.asOperator("GET", "/api/v1/exports/" + execution, null).json();
  }

  private static long rowsWritten(Api api, long execution) {
    JsonObject s = status(api, execution);
    return s.getString("status").equals("STARTED")
        ? s.getJsonNumber("rowsWritten").longValue()
        : -1;
  }

  private static void await(Duration timeout, BooleanSupplier condition, String what) {
    Waits.await(timeout, condition, what, () -> "node-b: " + nodeB.logTail(4000));
  }
}
