package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * §5 "Exactly one export per environment and period, also with several app-server nodes": two
 * WildFly nodes ("node-a", "node-b") on one PostgreSQL database with the same EJB timer partition,
 * an ENTERPRISE environment exporting daily into a real S3-compatible server (s3proxy), a backfill
 * of the last six days, and a storm of scheduler passes at simulated instants for six consecutive
 * days, from several threads, on both nodes at once (the same instant on both, repeated), while the
 * real persistent timer ticks too. Each period must end with exactly one execution in the history
 * (COMPLETED, seen alike through both nodes), one claim, and exactly one CSV object plus one
 * manifest in the bucket.
 *
 * <p>Launches its own servers (not Arquillian): node-a on port offset 600 (HTTP 8680), node-b on
 * 700 (HTTP 8780). Needs PostgreSQL on 127.0.0.1:5432, user {@code postgres} without password
 * (trust); it creates database {@code twonode} if missing and drops and recreates its schema {@code
 * public} at start. Override with {@code -Dit.twonode.jdbc=jdbc:postgresql://…} (and {@code
 * -Dit.twonode.user}, {@code -Dit.twonode.password}). Nodes start concurrently (the schema
 * migration lock must hold); {@code -Dit.twonode.sequential=true} starts them one after the other.
 *
 * <pre>
 * mvn -B install -DskipITs
 * mvn -B -o verify -pl ear -Dit.test=TwoNodeExactlyOnceIT -Dit.port.offset=500 -Dit.management.port=10490
 * </pre>
 *
 * <p>{@code -pl ear} packages the EAR from the sibling modules in {@code ~/.m2}; where several
 * checkouts share that repository, build them from this checkout instead: add {@code -am
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TwoNodeExactlyOnceIT {

  private static final Logger LOG = Logger.getLogger(TwoNodeExactlyOnceIT.class.getName());
  private static final String ACCESS_KEY = "two-node-access";
  private static final String SECRET = "two-node-secret-do-not-leak";
  private static final String BUCKET = "two-node";
  private static final String PARTITION = "twonode-it";
  private static final int DAYS = 6;

  private static final String JDBC =
      System.getProperty("it.twonode.jdbc", "jdbc:postgresql://127.0.0.1:5432/twonode");
  private static final String USER = System.getProperty("it.twonode.user", "postgres");
  private static final String PASSWORD = System.getProperty("it.twonode.password", "postgres");

  private static S3ProxyProcess s3;
  private static ServerProcess nodeA;
  private static ServerProcess nodeB;
  private static long startupMillis;

  @BeforeAll
  static void start() throws Exception {
    Prerequisites.requirePostgres("TwoNodeExactlyOnceIT");
    Postgres.freshDatabase(JDBC, USER, PASSWORD);
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
    Path target = Path.of(System.getProperty("ear.file")).getParent();
    String keyRing = SecretCipher.generateKeySpec("twonode");
    nodeA = node("node-a", 600, target, keyRing);
    nodeB = node("node-b", 700, target, keyRing);
    long t0 = System.nanoTime();
    if (Boolean.getBoolean("it.twonode.sequential")) {
      nodeA.start();
      nodeB.start();
    } else {
      ExecutorService starter = Executors.newFixedThreadPool(2);
      try {
        Future<?> a =
            starter.submit(
                () -> {
                  nodeA.start();
                  return null;
                });
        Future<?> b =
            starter.submit(
                () -> {
                  nodeB.start();
                  return null;
                });
        a.get();
        b.get();
      } finally {
        starter.shutdownNow();
      }
    }
    startupMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
    LOG.info("both nodes ready in " + startupMillis + " ms");
  }

  private static ServerProcess node(String node, int offset, Path target, String keyRing)
      throws Exception {
    return ServerProcess.fresh(node, offset, target, node + "-data")
        .onPostgres(JDBC, USER, PASSWORD, PARTITION, keyRing);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      ServerProcess.closeAll(nodeA, nodeB);
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
  }

  @Test
  void eachPeriodIsExportedExactlyOnceAcrossNodesTicksAndTimers() throws Exception {
    long t0 = System.nanoTime();
    Api a = new Api(nodeA.url());
    Api b = new Api(nodeB.url());
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Api.Tenant tenant = a.newTenant("Two nodes " + System.currentTimeMillis(), "ENTERPRISE");
    long env = tenant.environmentId();
    a.ingestOneCompany(tenant, today, 10, DAYS + 1);

    // Configured through node-b (same master keys), backfilled through node-a.
    String prefix = "two-node-" + env;
    Api.Answer saved = b.saveBucketSettings(env, s3.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET);
    assertEquals(200, saved.status(), saved.body());
    LocalDate first = today.minusDays(DAYS);
    Api.Answer backfill =
        a.asOperator(
            "POST",
            "/api/v1/environments/" + env + "/export-settings/backfill",
            "{\"from\":\"" + first + "\"}");
    assertEquals(200, backfill.status(), backfill.body());
    Instant configuredAt = Instant.now();

    // The storm: for each simulated day (00:20 UTC, after the grace delay), 6 threads fire at
    // once, alternating between the nodes, each ticking twice.
    List<String> started = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      for (int d = DAYS - 1; d >= 0; d--) {
        Instant now = today.minusDays(d).atTime(0, 20).toInstant(ZoneOffset.UTC);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> ticks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          Api api = t % 2 == 0 ? a : b;
          ticks.add(
              pool.submit(
                  () -> {
                    go.await();
                    List<String> mine = new ArrayList<>();
                    for (int r = 0; r < 2; r++) {
                      Api.Answer tick =
                          api.asOperator("POST", "/api/v1/system/scheduler/tick?now=" + now, null);
                      assertEquals(200, tick.status(), tick.body());
                      JsonObject report = tick.json();
                      report
                          .getJsonArray("started")
                          .forEach(
                              v -> {
                                JsonObject start = v.asJsonObject();
                                assertEquals(env, start.getJsonNumber("environmentId").longValue());
                                assertEquals("due", start.getString("reason"), tick.body());
                                mine.add(start.getString("period"));
                              });
                      // A node at capacity queues due periods and starts them as its exports
                      // end, or leaves open claims to the other node ("queued", "busy"): a
                      // wait, not a failure; the checks below prove each period still ran
                      // exactly once. Nothing may be refused.
                      assertEquals(
                          0,
                          report.getJsonArray("refused").size(),
                          "nothing refused: " + tick.body());
                    }
                    return mine;
                  }));
        }
        go.countDown();
        for (Future<List<String>> f : ticks) {
          started.addAll(f.get(2, TimeUnit.MINUTES));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    LOG.info("simulated ticks started " + started.size() + ": " + started);

    TreeSet<String> expected = new TreeSet<>();
    for (LocalDate p = first; p.isBefore(today); p = p.plusDays(1)) {
      expected.add(p.toString());
    }
    awaitAllCompleted(a, env, expected);
    Instant stormOver = Instant.now();

    // The real persistent timer must also have run (on either node) after all periods were
    // claimed, and found nothing left to do.
    String timerNode = awaitRealTimerRunAfter(stormOver, Duration.ofSeconds(75));

    // 1. History (the job repository), read through both nodes: one COMPLETED execution per period.
    for (Api api : List.of(a, b)) {
      List<JsonObject> items = history(api, env);
      Map<String, List<String>> byPeriod = new TreeMap<>();
      for (JsonObject item : items) {
        byPeriod
            .computeIfAbsent(item.getString("period", "(none)"), k -> new ArrayList<>())
            .add(item.getJsonNumber("executionId") + ":" + item.getString("status"));
      }
      assertEquals(expected, byPeriod.keySet(), "periods in the history via " + api.base());
      for (var e : byPeriod.entrySet()) {
        assertEquals(1, e.getValue().size(), "one execution for " + e.getKey() + ": " + byPeriod);
        assertTrue(
            e.getValue().get(0).endsWith(":COMPLETED"),
            e.getKey() + " via " + api.base() + ": " + byPeriod);
      }
    }

    // 2. Claims: one per period, started once.
    Map<String, Integer> claims = claims(env);
    assertEquals(expected, claims.keySet(), "claims: " + claims);
    claims.forEach((p, attempts) -> assertEquals(1, attempts, "attempts of " + p + ": " + claims));

    // 3. The bucket: exactly one CSV object and one manifest per period, matching each other.
    Path root = s3.basedir().resolve(BUCKET);
    List<Path> objects;
    try (Stream<Path> files = Files.walk(root)) {
      objects = files.filter(Files::isRegularFile).sorted().toList();
    }
    String slug = "production-" + env;
    List<Path> expectedObjects = new ArrayList<>();
    for (String p : expected) {
      Path dir = root.resolve(prefix).resolve("company-usage/daily/date=" + p);
      Path csv = dir.resolve("company-usage-" + slug + "-" + p + ".csv");
      Path manifest = dir.resolve("company-usage-" + slug + "-" + p + ".manifest.json");
      expectedObjects.add(csv);
      expectedObjects.add(manifest);
      byte[] bytes = Files.readAllBytes(csv);
      JsonObject m;
      try (JsonReader r = Json.createReader(new StringReader(Files.readString(manifest)))) {
        m = r.readObject();
      }
      assertEquals(p, m.getString("period"));
      assertEquals(bytes.length, m.getJsonNumber("bytes").longValue(), "manifest bytes of " + p);
      assertEquals(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
          m.getString("sha256"),
          "manifest checksum of " + p);
    }
    assertEquals(
        expectedObjects.stream().sorted().toList(),
        objects,
        "exactly one CSV + one manifest per period, nothing else");

    Map<String, Long> byNode = executionsByNode(env);
    LOG.info(
        "two-node test: startup "
            + startupMillis
            + " ms, body "
            + Duration.ofNanos(System.nanoTime() - t0).toSeconds()
            + " s; executions by node "
            + byNode
            + "; real timer last ran on "
            + timerNode
            + "; configured at "
            + configuredAt);
  }

  private static List<JsonObject> history(Api api, long env) {
    Api.Answer page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=100", null);
    assertEquals(200, page.status(), page.body());
    return page.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
  }

  private static void awaitAllCompleted(Api api, long env, TreeSet<String> periods) {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    List<JsonObject> items = List.of();
    while (System.nanoTime() < deadline) {
      items = history(api, env);
      boolean running =
          items.stream()
              .anyMatch(
                  i -> List.of("STARTING", "STARTED", "STOPPING").contains(i.getString("status")));
      TreeSet<String> completed =
          items.stream()
              .filter(i -> i.getString("status").equals("COMPLETED"))
              .map(i -> i.getString("period", "(none)"))
              .collect(Collectors.toCollection(TreeSet::new));
      if (!running && completed.containsAll(periods)) {
        return;
      }
      ServerProcess.sleep(500);
    }
    fail("not all periods " + periods + " completed within 150 s: " + items);
  }

  /** Waits until the persistent scheduler timer ran after {@code after}; returns when/where. */
  private static String awaitRealTimerRunAfter(Instant after, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String rows = "";
    while (System.nanoTime() < deadline) {
      try (Connection c = connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, node_name, previous_run, timer_state FROM jboss_ejb_timer"
                      + " WHERE partition_name = ? AND timed_object_id LIKE ?")) {
        ps.setString(1, PARTITION);
        ps.setString(2, "%AutomaticExportScheduler%");
        StringBuilder seen = new StringBuilder();
        String ranOn = null;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Timestamp previous = rs.getTimestamp(3);
            seen.append(rs.getString(1))
                .append(' ')
                .append(rs.getString(2))
                .append(' ')
                .append(previous)
                .append(' ')
                .append(rs.getString(4))
                .append("; ");
            if (previous != null && previous.toInstant().isAfter(after)) {
              // node_name is cleared once a run is over: say when it ran instead.
              ranOn = rs.getString(2) == null ? "(either node) at " + previous : rs.getString(2);
            }
          }
        }
        rows = seen.toString();
        if (ranOn != null) {
          LOG.info("scheduler timers: " + rows);
          return ranOn;
        }
      }
      ServerProcess.sleep(1000);
    }
    return fail("the persistent scheduler timer did not run after " + after + ": " + rows);
  }

  private static Map<String, Integer> claims(long env) throws SQLException {
    Map<String, Integer> claims = new TreeMap<>();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT period, attempts FROM export_period_claim WHERE environment_id = ?")) {
      ps.setLong(1, env);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Integer previous =
              claims.put(LocalDate.ofEpochDay(rs.getInt(1)).toString(), rs.getInt(2));
          assertEquals(null, previous, "one claim row per period");
        }
      }
    }
    return claims;
  }

  /** How many of the environment's executions each node started (from the job parameters). */
  private static Map<String, Long> executionsByNode(long env) throws SQLException {
    Map<String, Long> byNode = new TreeMap<>();
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT jobparameters FROM job_execution")) {
      while (rs.next()) {
        java.util.Properties p = new java.util.Properties();
        try {
          p.load(new StringReader(rs.getString(1)));
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
        if (String.valueOf(env).equals(p.getProperty("environmentId"))) {
          byNode.merge(p.getProperty("node", "?"), 1L, Long::sum);
        }
      }
    }
    return byNode;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(JDBC, USER, PASSWORD);
  }
}
