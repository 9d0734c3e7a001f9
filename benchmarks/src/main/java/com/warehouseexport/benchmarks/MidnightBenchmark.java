package com.warehouseexport.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code bench.run=midnight}: N environments with a little tracking data and automatic daily export
 * to one S3 bucket (a local s3proxy), all made due at once; measures the time until every period's
 * object has landed, the failures and the duplicates, on one node or ({@code
 * bench.midnight.nodes=2}, PostgreSQL only) on two nodes sharing the database.
 *
 * <p>"Due at once": every environment's settings are saved first (which makes the first period
 * tomorrow's); then, on PostgreSQL, one UPDATE moves every measured environment's first period to
 * yesterday ({@code bench.midnight.due=clock}: what the clock does at midnight, for all at once and
 * at no request cost), or each is set to start from yesterday through the operator catch-up API
 * ({@code bench.midnight.due=calls}, H2's only way: a few milliseconds per environment, in
 * parallel, while the first exports already run); then the benchmark asks every node to tick now
 * ({@code POST /api/v1/system/scheduler/tick}) instead of waiting up to 30 s for the nodes' own
 * timers. Landing is watched in the bucket (manifest files, written last), failures and duplicates
 * are counted afterwards through each environment's export history.
 */
final class MidnightBenchmark {

  private static final Logger LOG = Logger.getLogger(MidnightBenchmark.class.getName());
  private static final String BUCKET = "midnight";
  private static final String ACCESS_KEY = "bench-access";
  private static final String SECRET = "bench-secret-" + Long.toHexString(System.nanoTime());

  private final BenchConfig config;
  private final BenchServer first;
  private final BenchApi api;
  private final Map<String, String> database;
  private final String operator;
  private final String operatorPassword;
  private final StringBuilder report;

  MidnightBenchmark(
      BenchConfig config,
      BenchServer first,
      BenchApi api,
      Map<String, String> database,
      String operator,
      String operatorPassword,
      StringBuilder report) {
    this.config = config;
    this.first = first;
    this.api = api;
    this.database = database;
    this.operator = operator;
    this.operatorPassword = operatorPassword;
    this.report = report;
  }

  void run() throws Exception {
    int n = Integer.getInteger("bench.midnight.envs", 1000);
    // environments exported first, unmeasured, so that every node's JIT has compiled the export
    // path before the measured midnight (issue 24: fresh JVMs spend 17–19 CPU-s compiling)
    int warm = Integer.getInteger("bench.midnight.warmup", 0);
    int total = n + warm;
    int nodes = Integer.getInteger("bench.midnight.nodes", 1);
    // Two nodes, each kept on a core of its own from the measured phase on (taskset): nodes on
    // machines of their own do not time-slice one core between two JVMs; PostgreSQL, s3proxy and
    // the client still run on either core.
    boolean pinNodes = Boolean.getBoolean("bench.midnight.pin-nodes");
    int threads = config.threads();
    long timeoutMinutes = Long.getLong("bench.midnight.timeout.minutes", 40);
    boolean jfr = Boolean.getBoolean("bench.midnight.jfr");
    // How the measured environments become due: "clock" (PostgreSQL's default) moves every one's
    // first period to yesterday in one UPDATE, as midnight does for all at once, at no request
    // cost; "calls" makes each due by an operator catch-up call, N requests that run while the
    // first exports already do (how sessions 9–11 measured; the only way on H2, whose database
    // lives inside the server).
    String due = System.getProperty("bench.midnight.due", "");
    if (due.isBlank()) {
      due = config.postgres() ? "clock" : "calls";
    }
    if (!due.equals("clock") && !due.equals("calls")) {
      throw new IllegalArgumentException("bench.midnight.due is clock or calls, was " + due);
    }
    boolean byClock = due.equals("clock");
    if (byClock && !config.postgres()) {
      throw new IllegalArgumentException("bench.midnight.due=clock needs PostgreSQL");
    }
    if (nodes > 1 && !config.postgres()) {
      throw new IllegalArgumentException("two nodes need PostgreSQL (they share the database)");
    }
    Path s3Dir = config.workDir().resolve("s3");
    BenchServer.deleteTree(s3Dir);
    Files.createDirectories(s3Dir.resolve(BUCKET));
    int s3Port = freePort();
    Process s3proxy = startS3proxy(s3Dir, s3Port);
    BenchServer second = null;
    try {
      List<BenchApi> apis = new ArrayList<>(List.of(api));
      if (nodes > 1) {
        String keys = Files.readString(config.workDir().resolve("data/master-keys")).strip();
        second =
            BenchServer.start(
                config,
                database,
                operator,
                operatorPassword,
                new BenchServer.Node(
                    "server-base-2",
                    "data-2",
                    config.portOffset() + 50,
                    "bench-2",
                    Map.of("WAREHOUSE_MASTER_KEYS", keys),
                    BenchServer.ALLOW_LOCAL_S3));
        apis.add(new BenchApi(second.baseUrl(), operator, operatorPassword));
      }
      String endpoint = "http://127.0.0.1:" + s3Port;
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      LocalDate yesterday = today.minusDays(1);

      // ---- set-up: N environments (100 per organization), a little data, settings
      LOG.info(() -> "Midnight: setting up " + n + " environments");
      long setupStart = System.nanoTime();
      List<Long> envs = Collections.synchronizedList(new ArrayList<>());
      int orgs = (total + 99) / 100;
      parallel(
          threads,
          orgs,
          o -> {
            JsonObject org =
                api.operator(
                    "POST",
                    "/api/v1/organizations",
                    Json.createObjectBuilder()
                        .add("name", "Midnight " + o)
                        .add("plan", "ENTERPRISE")
                        .build()
                        .toString(),
                    201);
            long orgId = org.getJsonNumber("id").longValue();
            for (int e = o * 100; e < Math.min(total, o * 100 + 100); e++) {
              JsonObject env =
                  api.operator(
                      "POST",
                      "/api/v1/organizations/" + orgId + "/environments",
                      "{\"name\":\"E" + e + "\"}",
                      201);
              long id = env.getJsonNumber("id").longValue();
              api.putFeature(id, Workload.featureKey(0), Workload.FEATURE_NAMES[0]);
              api.bulk(env.getString("ingestionKey"), smallData(yesterday));
              saveSettings(api, id, settings(endpoint));
              envs.add(id);
            }
          });
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      LOG.info(() -> String.format("Set-up done in %.1f s", setupSeconds));

      // ---- cost meter (PostgreSQL only): the app's idle background, the cost of N operator calls
      // like the catch-up calls (the control), then the midnight itself
      List<Long> all = new ArrayList<>(envs);
      List<Long> ordered = new ArrayList<>(all.subList(warm, all.size()));
      Path bucket = s3Dir.resolve(BUCKET);
      if (warm > 0) {
        List<Long> warmEnvs = new ArrayList<>(all.subList(0, warm));
        LOG.info("Warm-up: " + warm + " environments due, not measured");
        long w0 = System.nanoTime();
        parallel(
            threads,
            warmEnvs.size(),
            i ->
                api.operator(
                    "POST",
                    "/api/v1/environments/" + warmEnvs.get(i) + "/export-settings/catch-up",
                    "{\"from\":\"" + yesterday + "\"}",
                    200));
        for (BenchApi nodeApi : apis) {
          nodeApi.operator("POST", "/api/v1/system/scheduler/tick", null, 200);
        }
        long warmDeadline = w0 + timeoutMinutes * 60_000_000_000L;
        while (manifests(bucket).size() < warm && System.nanoTime() < warmDeadline) {
          Thread.sleep(1000);
        }
        LOG.info(
            String.format(
                Locale.ROOT,
                "Warm-up: %d landed in %.0f s",
                manifests(bucket).size(),
                (System.nanoTime() - w0) / 1e9));
      }
      if (config.postgres() && !"false".equals(System.getProperty("bench.midnight.analyze"))) {
        vacuumAnalyze();
      }
      List<String> appLabels = new ArrayList<>(List.of("WildFly node 1"));
      List<CostMeter.Proc> procs = new ArrayList<>();
      procs.add(new CostMeter.Proc("WildFly node 1", pidOf(first.serverPid())));
      if (second != null) {
        procs.add(new CostMeter.Proc("WildFly node 2", pidOf(second.serverPid())));
        appLabels.add("WildFly node 2");
      }
      if (pinNodes && second != null) {
        pin(first.serverPid(), 0);
        pin(second.serverPid(), 1);
      }
      procs.add(new CostMeter.Proc("s3proxy", s3proxy.pid()));
      appLabels.add("s3proxy");
      procs.add(new CostMeter.Proc(CLIENT, ProcessHandle.current().pid()));
      CostMeter meter = config.postgres() ? new CostMeter(config, procs) : null;
      CostMeter.Mark[] idle = null;
      CostMeter.Mark control0 = null;
      CostMeter.Mark control1 = null;
      CostMeter.Mark midnight0 = null;
      CostMeter.Mark midnight1 = null;
      if (meter != null) {
        LOG.info("Cost: idle window (10 s) and control calls");
        idle = meter.idle(10_000);
        control0 = meter.before();
        parallel(
            threads,
            ordered.size(),
            i ->
                api.operator(
                    "GET",
                    "/api/v1/environments/" + ordered.get(i) + "/export-settings",
                    null,
                    200));
        control1 = meter.after();
        midnight0 = meter.before();
      }

      // ---- midnight: every environment's first period becomes yesterday, then every node ticks
      Long jfrPid = jfr ? first.serverPid() : null;
      if (jfrPid != null) {
        jcmd(jfrPid, "JFR.start", "name=midnight", "settings=profile");
      }
      String loadBefore = StatusBenchmark.load();
      Instant dueStart = Instant.now();
      long t0 = System.nanoTime();
      if (byClock) {
        midnightByClock(ordered, yesterday);
      } else {
        parallel(
            threads,
            ordered.size(),
            i ->
                api.operator(
                    "POST",
                    "/api/v1/environments/" + ordered.get(i) + "/export-settings/catch-up",
                    "{\"from\":\"" + yesterday + "\"}",
                    200));
      }
      long allDue = System.nanoTime();
      ExecutorService tickers = // daemon threads: a failed run must not keep the JVM alive
          Executors.newFixedThreadPool(
              apis.size(),
              r -> {
                Thread t = new Thread(r, "midnight-tick");
                t.setDaemon(true);
                return t;
              });
      List<Future<JsonObject>> ticks = new ArrayList<>();
      for (BenchApi nodeApi : apis) {
        ticks.add(
            tickers.submit(
                () -> nodeApi.operator("POST", "/api/v1/system/scheduler/tick", null, 200)));
      }
      // ---- wait for every manifest (the publish step writes it after the CSV)
      long deadline = t0 + timeoutMinutes * 60_000_000_000L;
      int landed = 0;
      int lastLogged = -1;
      while (System.nanoTime() < deadline) {
        landed = manifests(bucket).size() - warm;
        if (landed >= n) {
          break;
        }
        if (landed / Math.max(1, n / 10) != lastLogged) {
          lastLogged = landed / Math.max(1, n / 10);
          int l = landed;
          LOG.info(
              () ->
                  String.format(
                      "%d/%d landed after %.0f s (load %s)",
                      l, n, (System.nanoTime() - t0) / 1e9, StatusBenchmark.load()));
        }
        Thread.sleep(1000);
      }
      long seen = System.nanoTime();
      // An export's work ends when its claim is recorded landed, which a tick does after the job
      // ended: inside the window for every run, by one tick of node 1 (on PostgreSQL), so a node's
      // own timer falling into a short window or not does not decide what the cost includes.
      if (byClock && landed >= n) {
        settle(ordered, yesterday, apis.get(0));
      }
      if (meter != null) {
        midnight1 = meter.after();
      }
      for (Future<JsonObject> tick : ticks) {
        try {
          tick.get();
        } catch (java.util.concurrent.ExecutionException e) {
          LOG.warning("tick call failed: " + e.getCause());
        }
      }
      tickers.shutdownNow();
      String loadAfter = StatusBenchmark.load();
      if (jfrPid != null) {
        Path out = config.workDir().resolve("midnight.jfr");
        jcmd(jfrPid, "JFR.dump", "name=midnight", "filename=" + out);
        jcmd(jfrPid, "JFR.stop", "name=midnight");
        LOG.info("JFR recording of node 1: " + out);
      }
      List<Path> objects = manifests(bucket);
      long lastLanded = 0;
      for (Path m : objects) {
        try {
          lastLanded = Math.max(lastLanded, Files.getLastModifiedTime(m).toMillis());
        } catch (IOException e) {
          // replaced meanwhile
        }
      }
      double fromFirstDue = (lastLanded - dueStart.toEpochMilli()) / 1000.0;
      double fromAllDue =
          fromFirstDue - (allDue - t0) / 1e9; // the backfill phase took (allDue - t0)
      long csvObjects = files(bucket, ".csv").size() - warm;
      int landedObjects = objects.size() - warm;

      // ---- verify through each environment's history: failures, duplicates, nodes, job times
      Map<String, AtomicInteger> perNode = new ConcurrentHashMap<>();
      AtomicInteger failures = new AtomicInteger();
      AtomicInteger duplicates = new AtomicInteger();
      AtomicInteger missing = new AtomicInteger();
      List<Long> jobMillis = Collections.synchronizedList(new ArrayList<>());
      parallel(
          threads,
          ordered.size(),
          i -> {
            JsonObject page =
                api.operator(
                    "GET",
                    "/api/v1/environments/" + ordered.get(i) + "/exports?size=20",
                    null,
                    200);
            int completed = 0;
            for (JsonValue v : page.getJsonArray("items")) {
              JsonObject e = v.asJsonObject();
              if (!"s3".equals(e.getString("destination", ""))) {
                continue;
              }
              String status = e.getString("status");
              if (status.equals("FAILED") || status.equals("ABANDONED")) {
                failures.incrementAndGet();
              }
              if (status.equals("COMPLETED")) {
                completed++;
                perNode
                    .computeIfAbsent(e.getString("node", "?"), k -> new AtomicInteger())
                    .incrementAndGet();
                if (e.containsKey("startedAt") && e.containsKey("endedAt")) {
                  jobMillis.add(
                      Instant.parse(e.getString("endedAt")).toEpochMilli()
                          - Instant.parse(e.getString("startedAt")).toEpochMilli());
                }
              }
            }
            if (completed > 1) {
              duplicates.addAndGet(completed - 1);
            } else if (completed == 0) {
              missing.incrementAndGet();
            }
          });
      Collections.sort(jobMillis);
      double meanJob = jobMillis.stream().mapToLong(Long::longValue).average().orElse(0);
      long medianJob = jobMillis.isEmpty() ? 0 : jobMillis.get(jobMillis.size() / 2);
      Map<String, Integer> spread = new HashMap<>();
      perNode.forEach((k, v) -> spread.put(k, v.get()));
      report
          .append("### Midnight: ")
          .append(String.format(Locale.ROOT, "%,d", n))
          .append(" environments due at once, ")
          .append(nodes)
          .append(nodes == 1 ? " node, " : " nodes, ")
          .append(config.postgres() ? "PostgreSQL" : "H2")
          .append(warm > 0 ? String.format(Locale.ROOT, ", after a warm-up of %,d", warm) : "")
          .append(pinNodes && nodes > 1 ? ", each node pinned to a core of its own" : "")
          .append("\n\n")
          .append(
              "| envs | nodes | db | set-up | making all due ("
                  + (byClock ? "one UPDATE: the clock" : "catch-up calls")
                  + ") | first due → all"
                  + " landed | all due → all landed | per environment (wall / N) | landed | CSV"
                  + " objects | failures | duplicates | without a completed export | exports per"
                  + " node | export job median / mean | load avg before → after |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "| %,d | %d | %s | %.0f s | %.1f s | %.1f s | %.1f s | %.1f ms | %,d | %,d | %d |"
                      + " %d | %d | %s | %d / %.0f ms | %s → %s |%n%n",
                  n,
                  nodes,
                  config.postgres() ? "PostgreSQL" : "H2",
                  setupSeconds,
                  (allDue - t0) / 1e9,
                  fromFirstDue,
                  fromAllDue,
                  fromFirstDue * 1000.0 / n,
                  landedObjects,
                  csvObjects,
                  failures.get(),
                  duplicates.get(),
                  missing.get(),
                  spread,
                  medianJob,
                  meanJob,
                  loadBefore,
                  loadAfter));
      if (meter != null) {
        meter.close();
        report.append(
            cost(
                n,
                nodes,
                landedObjects,
                spread,
                failures.get(),
                duplicates.get(),
                idle,
                control0,
                control1,
                midnight0,
                midnight1,
                appLabels,
                loadBefore,
                loadAfter,
                byClock));
      }
      LOG.info(
          String.format(
              Locale.ROOT,
              "Midnight %d envs / %d node(s): all landed %.1f s after the first became due"
                  + " (seen after %.1f s); failures %d, duplicates %d, spread %s",
              n,
              nodes,
              fromFirstDue,
              (seen - t0) / 1e9,
              failures.get(),
              duplicates.get(),
              spread));
    } finally {
      if (second != null) {
        second.close();
      }
      s3proxy.descendants().forEach(ProcessHandle::destroyForcibly);
      s3proxy.destroyForcibly();
    }
  }

  /**
   * Midnight for every measured environment at once: their first period becomes yesterday in one
   * statement (what {@code …/catch-up} stores, one environment per call), so the next tick finds
   * all of them due, as the first tick after 00:00 UTC does. The server reads settings from the
   * database on every tick (no shared entity cache), so nothing else is to be told.
   */
  private void midnightByClock(List<Long> environments, LocalDate firstPeriod)
      throws java.sql.SQLException {
    try (java.sql.Connection c = connect();
        java.sql.PreparedStatement update =
            c.prepareStatement(
                "UPDATE export_settings SET first_period = ? WHERE environment_id = ANY (?)")) {
      update.setInt(1, (int) firstPeriod.toEpochDay());
      update.setArray(2, c.createArrayOf("bigint", environments.toArray()));
      int rows = update.executeUpdate();
      if (rows != environments.size()) {
        throw new IllegalStateException(
            "made " + rows + " of " + environments.size() + " environments due");
      }
    }
  }

  /**
   * {@code VACUUM ANALYZE} of the benchmark's database after set-up and warm-up, as autovacuum
   * would have done by midnight (it is off on the benchmark machine's PostgreSQL). Without
   * statistics PostgreSQL plans JBeret's running-executions query ({@code JobOperator
   * .getRunningExecutions}: every tick's, liveness and recovery check) as a walk over every job
   * instance, 92,000 rows read per export at 12,000 executions; with them it reads the partial
   * index of the few running ones. Off with {@code -Dbench.midnight.analyze=false}.
   */
  private void vacuumAnalyze() throws java.sql.SQLException {
    long start = System.nanoTime();
    try (java.sql.Connection c = connect();
        java.sql.Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(
        () ->
            String.format(
                Locale.ROOT,
                "VACUUM ANALYZE after set-up (as autovacuum would have): %.1f s",
                seconds));
    report.append(
        String.format(
            Locale.ROOT,
            "After set-up and warm-up: `VACUUM ANALYZE` of the database (as autovacuum would have"
                + " done; it is off on this machine), %.1f s.%n%n",
            seconds));
  }

  /** A connection to the benchmark's PostgreSQL database (the one the server uses). */
  /**
   * Asks node 1 to tick until every measured environment's claim for {@code period} is recorded
   * landed (the tick settles exports that ended since the last one), and reports how long it took.
   */
  private void settle(List<Long> environments, LocalDate period, BenchApi node) throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + 120_000_000_000L;
    long open;
    do {
      node.operator("POST", "/api/v1/system/scheduler/tick", null, 200);
      try (java.sql.Connection c = connect();
          java.sql.PreparedStatement q =
              c.prepareStatement(
                  "SELECT count(*) FROM export_period_claim WHERE environment_id = ANY (?)"
                      + " AND period = ? AND state <> 'landed'")) {
        q.setArray(1, c.createArrayOf("bigint", environments.toArray()));
        q.setInt(2, (int) period.toEpochDay());
        try (java.sql.ResultSet rs = q.executeQuery()) {
          rs.next();
          open = rs.getLong(1);
        }
      }
      if (open > 0) {
        Thread.sleep(200);
      }
    } while (open > 0 && System.nanoTime() < deadline);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long left = open;
    LOG.info(
        () ->
            String.format(
                Locale.ROOT,
                "Settled: claims recorded landed %.1f s after the last object landed (%d left)",
                seconds,
                left));
    report.append(
        String.format(
            Locale.ROOT,
            "%nAfter the last object landed: node 1 ticked until every claim was recorded landed"
                + " (%.1f s, %d left), inside the measured window.%n",
            seconds,
            left));
  }

  private java.sql.Connection connect() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(
        config.pgUrl(), config.pgUser(), config.pgPassword());
  }

  static final String CLIENT = "benchmark client JVM (not counted)";

  /**
   * Every thread of {@code pid}, and those it starts later, on CPU {@code cpu} only. {@code taskset
   * -a} fails when one of the threads it listed ends before it is moved (a WildFly pool thread
   * retiring): tried again, up to five times.
   */
  private static void pin(Long pid, int cpu) throws IOException, InterruptedException {
    int code = -1;
    for (int attempt = 1; attempt <= 5 && code != 0; attempt++) {
      code =
          new ProcessBuilder("taskset", "-a", "-cp", Integer.toString(cpu), Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor();
    }
    if (code != 0) {
      throw new IOException("taskset of " + pid + " to CPU " + cpu + " exited with " + code);
    }
    LOG.info(() -> "Node process " + pid + " pinned to CPU " + cpu);
  }

  private static long pidOf(Long pid) {
    return pid == null ? -1 : pid;
  }

  /**
   * Issue 24 items 2 and 3: CPU-seconds per 1,000 landed exports (app JVMs + s3proxy + PostgreSQL
   * backends of this database) and the database's counters per export, with the idle background and
   * the control (N operator GET calls, the same authentication and request handling as the N
   * catch-up calls that make the environments due) measured the same way.
   */
  private static String cost(
      int n,
      int nodes,
      int landed,
      Map<String, Integer> spread,
      int failures,
      int duplicates,
      CostMeter.Mark[] idle,
      CostMeter.Mark control0,
      CostMeter.Mark control1,
      CostMeter.Mark m0,
      CostMeter.Mark m1,
      List<String> appLabels,
      String loadBefore,
      String loadAfter,
      boolean byClock) {
    double idleSeconds = (idle[1].nanos() - idle[0].nanos()) / 1e9;
    double window = (m1.nanos() - m0.nanos()) / 1e9;
    double total = totalCpu(m0, m1, appLabels);
    double control = totalCpu(control0, control1, appLabels);
    double idleRate = totalCpu(idle[0], idle[1], appLabels) / idleSeconds;
    double pg = CostMeter.cpuSeconds(m0, m1, CostMeter.BACKENDS);
    double pgControl = CostMeter.cpuSeconds(control0, control1, CostMeter.BACKENDS);
    double perThousand = total * 1000.0 / Math.max(1, landed);
    // With the clock no calls ran in the window: nothing to subtract.
    double net = (total - (byClock ? 0 : control)) * 1000.0 / Math.max(1, landed);
    StringBuilder out = new StringBuilder();
    out.append("#### Cost: CPU per 1,000 landed exports and database work per export\n\n")
        .append(
            "| envs | nodes | landed | exports per node | failures | duplicates | midnight window"
                + " | **CPU-s per 1,000 landed** (app JVMs + s3proxy + PostgreSQL backends) |"
                + " of which PostgreSQL | net of the N catch-up calls (control; none in the window"
                + " when made due by the clock) | idle background"
                + " CPU-s/s | load avg before → after |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
        .append(
            String.format(
                Locale.ROOT,
                "| %,d | %d | %,d | %s | %d | %d | %.1f s | **%.1f** | %.1f | %.1f (control %.1f"
                    + " CPU-s for %,d calls, PostgreSQL %.1f) | %.3f | %s → %s |%n%n",
                n,
                nodes,
                landed,
                spread,
                failures,
                duplicates,
                window,
                perThousand,
                pg * 1000.0 / Math.max(1, landed),
                net,
                control,
                n,
                pgControl,
                idleRate,
                loadBefore,
                loadAfter));
    out.append(
        CostMeter.describe(
            byClock
                ? "Midnight window (all made due → all landed; counters after the settle)"
                : "Midnight window (first catch-up call → all landed; counters after the settle)",
            m0,
            m1,
            landed,
            "export",
            appLabels));
    out.append(
        CostMeter.describe(
            "Control: one operator GET …/export-settings per environment",
            control0,
            control1,
            n,
            "call",
            appLabels));
    out.append(
        CostMeter.describe(
            "Idle: the app's background work (timers, heartbeats) with nothing to do",
            idle[0],
            idle[1],
            idleSeconds,
            "second",
            appLabels));
    LOG.info("Cost: " + CostMeter.summary(m0, m1, landed, "export", appLabels));
    return out.toString();
  }

  static double totalCpu(CostMeter.Mark a, CostMeter.Mark b, List<String> appLabels) {
    double total = CostMeter.cpuSeconds(a, b, CostMeter.BACKENDS);
    for (String l : appLabels) {
      double s = CostMeter.cpuSeconds(a, b, l);
      total += Double.isNaN(s) ? 0 : s;
    }
    return total;
  }

  /** The landed manifests; s3proxy's temporary files may vanish during the walk: walk again. */
  private static List<Path> manifests(Path bucket) throws IOException {
    return files(bucket, ".manifest.json");
  }

  private static List<Path> files(Path bucket, String suffix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> files = Files.walk(bucket)) {
        return files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
      } catch (java.io.UncheckedIOException e) {
        if (attempt >= 20) {
          throw e;
        }
      }
    }
  }

  /** One company that used one feature on three days up to {@code day}. */
  private static byte[] smallData(LocalDate day) {
    StringBuilder b = new StringBuilder("[");
    b.append(
        "{\"type\":\"company\",\"companyId\":\"c1\",\"userId\":\"u1\",\"attributes\":{\"name\":"
            + "\"Company 1\"},\"timestamp\":\""
            + day.minusDays(5).atStartOfDay(ZoneOffset.UTC).plusHours(9).toInstant()
            + "\"}");
    for (int d = 0; d < 3; d++) {
      b.append(",{\"type\":\"event\",\"event\":\"")
          .append(Workload.featureKey(0))
          .append("\",\"userId\":\"u1\",\"companyId\":\"c1\",\"timestamp\":\"")
          .append(day.minusDays(d).atStartOfDay(ZoneOffset.UTC).plusHours(10).toInstant())
          .append("\"}");
    }
    return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Saves an environment's settings, again (up to three times) when the bucket check met a 500 from
   * s3proxy: its filesystem store removes a prefix's directory when the last object in it is
   * deleted, and a set-up thread writing its probe file into the same prefix at that moment gets
   * NoSuchFileException, answered as 500 InternalError (the application then refuses the settings
   * as "temporarily unavailable", rightly). A set-up artefact of the benchmark's parallel saves.
   */
  private static void saveSettings(BenchApi api, long id, String settings) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        api.operator("PUT", "/api/v1/environments/" + id + "/export-settings", settings, 200);
        return;
      } catch (IOException e) {
        if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("temporarily unavailable")) {
          throw e;
        }
        LOG.warning("Settings of environment " + id + " again (s3proxy answered 500): " + e);
      }
    }
  }

  private static String settings(String endpoint) {
    return Json.createObjectBuilder()
        .add("enabled", true)
        .add("cadence", "daily")
        .add("provider", "CUSTOM")
        .add("bucket", BUCKET)
        .add("region", "us-east-1")
        .add("key", "m")
        .add("endpoint", endpoint)
        .add("accessKeyId", ACCESS_KEY)
        .add("secretAccessKey", SECRET)
        .build()
        .toString();
  }

  interface Task {
    void run(int i) throws Exception;
  }

  /** Runs {@code task(0..count-1)} on {@code threads} threads; fails on the first failure. */
  static void parallel(int threads, int count, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.run(i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Process startS3proxy(Path basedir, int port) throws Exception {
    String jar = System.getProperty("bench.s3proxy.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("-Dbench.s3proxy.jar does not name the s3proxy jar: " + jar);
    }
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", ACCESS_KEY);
    p.setProperty("s3proxy.credential", SECRET);
    p.setProperty("s3proxy.ignore-unknown-headers", "true");
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.filesystem.basedir", basedir.toString());
    Path properties = config.workDir().resolve("s3proxy.properties");
    try (var out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
      p.store(out, "benchmark s3proxy");
    }
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar,
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(config.workDir().resolve("s3proxy.log").toFile())
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return process;
      } catch (IOException e) {
        Thread.sleep(300);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("s3proxy did not start on port " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void jcmd(long pid, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(Long.toString(pid));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    LOG.info("jcmd " + String.join(" ", args) + ": " + out.strip());
  }
}
