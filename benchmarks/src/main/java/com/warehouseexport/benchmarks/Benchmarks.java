package com.warehouseexport.benchmarks;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Runs the benchmarks chosen by {@code bench.run} (ingest, export, parquet, pgdest, status,
 * history, midnight; see {@link ParquetBenchmark}, {@link PostgresDestinationBenchmark}, {@link
 * StatusBenchmark}, {@link HistoryBenchmark}, {@link MidnightBenchmark}) against a freshly started
 * server and prints the results as Markdown (also written to {@code
 * <bench.work.dir>/results-<db>.md}). Measures and reports; it never fails because something is
 * slow.
 */
public final class Benchmarks {

  private static final Logger LOG = Logger.getLogger(Benchmarks.class.getName());
  private static final String OPERATOR = "bench-operator";

  private final BenchConfig config;
  private final StringBuilder report = new StringBuilder();
  private BenchApi api;
  private BenchServer server;

  private Benchmarks(BenchConfig config) {
    this.config = config;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s [bench] %5$s%6$s%n");
    new Benchmarks(BenchConfig.fromSystemProperties()).run();
  }

  private void run() throws Exception {
    Files.createDirectories(config.workDir());
    PgBaseline baseline = new PgBaseline(config);
    baseline.resetSchemas(config.postgres());
    Map<String, String> database = new java.util.HashMap<>();
    if (config.postgres()) {
      database.putAll(
          Map.of(
              "DB_DRIVER", "postgresql",
              "DB_URL", config.pgUrl(),
              "DB_USER", config.pgUser(),
              "DB_PASSWORD", config.pgPassword()));
    }
    // -Dbench.batch.max-threads=N: every node's BATCH_MAX_THREADS (default 6: five exports at
    // once), e.g. to hold the exports running at once on the shared cores equal between one node
    // and two (midnight-1k-*-equal in run-summary.sh)
    String batchThreads = System.getProperty("bench.batch.max-threads");
    if (batchThreads != null && !batchThreads.isBlank()) {
      database.put("BATCH_MAX_THREADS", batchThreads);
    }
    String operatorPassword = "bench-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    report
        .append("## Run ")
        .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(" — database ")
        .append(config.postgres() ? "PostgreSQL (" + config.pgUrl() + ")" : "H2 (file)")
        .append("\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Machine: %d cores, %d GB RAM, JDK %s. Server heap -Xmx%s. Client threads %d,"
                    + " batch %d items.%n%n",
                Runtime.getRuntime().availableProcessors(),
                Math.round(totalMemoryGb()),
                System.getProperty("java.version"),
                config.serverHeap(),
                config.threads(),
                config.batch()));
    try (BenchServer started = BenchServer.start(config, database, OPERATOR, operatorPassword)) {
      server = started;
      api = new BenchApi(server.baseUrl(), OPERATOR, operatorPassword);
      if (config.run().contains("ingest")) {
        ingestion();
      }
      if (config.run().contains("export")) {
        List<String[]> rows = new ArrayList<>();
        rows.add(export(baseline, "size1", config.exportCompanies()));
        if (config.exportScale() > 1) {
          rows.add(
              export(
                  baseline,
                  "size" + config.exportScale(),
                  config.exportCompanies() * config.exportScale()));
        }
        report
            .append("### Export (")
            .append(config.exportAggregation())
            .append(", ")
            .append(Workload.FEATURES)
            .append(" features) vs PostgreSQL COPY\n\n")
            .append(
                "| companies | rows | CSV bytes | load items (items/s) | export job best (runs) | export"
                    + " end-to-end | download | COPY baseline median (runs) | baseline bytes |"
                    + " ratio job/baseline | ratio (job+download)/baseline | server heap during"
                    + " export | load avg before → after | csv.gz download | COPY piped through"
                    + " gzip, median | ratio (job + csv.gz download) / (COPY + gzip) |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
          report.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        report.append("\n");
      }
      if (config.run().contains("parquet")) {
        new ParquetBenchmark(config, api, server.management(), report).run();
      }
      if (config.run().contains("pgdest")) {
        new PostgresDestinationBenchmark(config, api, report).run();
      }
      if (config.run().contains("status")) {
        new StatusBenchmark(config, api, report).run();
      }
      if (config.run().contains("history")) {
        new HistoryBenchmark(config, api, report).run();
      }
      if (config.run().contains("midnight")) {
        new MidnightBenchmark(config, server, api, database, OPERATOR, operatorPassword, report)
            .run();
      }
    }
    String text = report.toString();
    Path out =
        config.workDir().resolve("results-" + (config.postgres() ? "postgresql" : "h2") + ".md");
    Files.writeString(out, text);
    System.out.println();
    System.out.println(text);
    System.out.println("(also written to " + out + ")");
  }

  /** The machine's 1-minute load average: others' builds share these 2 cores. */
  static String load() {
    return String.format(
        Locale.ROOT,
        "%.1f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double totalMemoryGb() {
    try {
      var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getTotalMemorySize() / 1e9;
      }
    } catch (RuntimeException | LinkageError e) {
      // fall through
    }
    return -1;
  }

  // ---------------------------------------------------------------- ingestion

  /** Timing of one parallel send. */
  record Sent(long items, long nanos, List<Long> latencies) {
    double perSecond() {
      return items / (nanos / 1e9);
    }

    long percentileMillis(double p) {
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      return sorted.isEmpty()
          ? 0
          : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())))
              / 1_000_000;
    }
  }

  private Sent send(String key, List<List<byte[]>> perThread) throws Exception {
    return send(api, key, perThread);
  }

  /**
   * Sends the bodies through the bulk API, one client thread per list (the lists come from {@link
   * Workload}, partitioned by company), and times the whole.
   */
  static Sent send(BenchApi api, String key, List<List<byte[]>> perThread) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(perThread.size());
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      long started = System.nanoTime();
      for (List<byte[]> bodies : perThread) {
        futures.add(
            pool.submit(
                () -> {
                  long items = 0;
                  for (byte[] body : bodies) {
                    long t0 = System.nanoTime();
                    items += api.bulk(key, body);
                    latencies.add(System.nanoTime() - t0);
                  }
                  return new long[] {items};
                }));
      }
      long items = 0;
      for (Future<long[]> f : futures) {
        items += f.get()[0];
      }
      return new Sent(items, System.nanoTime() - started, latencies);
    } finally {
      pool.shutdownNow();
    }
  }

  private void ingestion() throws Exception {
    int companies = 20_000;
    BenchApi.Tenant tenant = api.newTenant("Bench ingestion", "ENTERPRISE");
    for (int f = 0; f < Workload.FEATURES; f++) {
      api.putFeature(tenant.environmentId(), Workload.featureKey(f), Workload.FEATURE_NAMES[f]);
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LOG.info("Ingestion: generating bodies");
    List<List<byte[]>> companyCalls =
        Workload.companies(
            "ic", companies, config.threads(), config.batch(), today.minusDays(70), 1);
    List<List<byte[]>> warmup =
        Workload.randomEvents(
            "ic",
            companies,
            config.threads(),
            config.batch(),
            config.ingestWarmup(),
            today.minusDays(1),
            60,
            2);
    List<List<byte[]>> measured =
        Workload.randomEvents(
            "ic",
            companies,
            config.threads(),
            config.batch(),
            config.ingestEvents(),
            today.minusDays(1),
            60,
            3);
    LOG.info(
        "Ingestion: warm-up ("
            + companies
            + " company calls, "
            + config.ingestWarmup()
            + " events)");
    Sent companiesSent = send(tenant.ingestionKey(), companyCalls);
    Sent warm = send(tenant.ingestionKey(), warmup);
    LOG.info(
        String.format(
            Locale.ROOT,
            "Warm-up: companies %.0f items/s, events %.0f events/s",
            companiesSent.perSecond(),
            warm.perSecond()));
    // Issue 24 item 3: CPU and database counters around the measured send (PostgreSQL only)
    List<String> appLabels = List.of("WildFly");
    CostMeter meter =
        config.postgres()
            ? new CostMeter(
                config,
                List.of(
                    new CostMeter.Proc(
                        "WildFly", server.serverPid() == null ? -1 : server.serverPid()),
                    new CostMeter.Proc(MidnightBenchmark.CLIENT, ProcessHandle.current().pid())))
            : null;
    CostMeter.Mark cost0 = meter == null ? null : meter.before();
    // -Dbench.ingest.jfr=true: a JFR recording (settings=profile) of the server during the measured
    // send, written to <work dir>/ingest.jfr
    Long jfrPid = Boolean.getBoolean("bench.ingest.jfr") ? server.serverPid() : null;
    if (jfrPid != null) {
      MidnightBenchmark.jcmd(jfrPid, "JFR.start", "name=ingest", "settings=profile");
    }
    LOG.info("Ingestion: measuring " + config.ingestEvents() + " events");
    Sent sent;
    HeapSampler.Result heap;
    String loadBefore = load();
    try (HeapSampler sampler = new HeapSampler(server.management(), 500)) {
      sent = send(tenant.ingestionKey(), measured);
      heap = sampler.finish();
    }
    if (jfrPid != null) {
      Path out = config.workDir().resolve("ingest.jfr");
      MidnightBenchmark.jcmd(jfrPid, "JFR.dump", "name=ingest", "filename=" + out);
      MidnightBenchmark.jcmd(jfrPid, "JFR.stop", "name=ingest");
      LOG.info("JFR recording of the server during the measured ingestion: " + out);
    }
    String loadAfter = load();
    CostMeter.Mark cost1 = meter == null ? null : meter.after();
    String line =
        String.format(
            Locale.ROOT,
            "| %s | %d × %d | %,d | %.1f s | **%,.0f** | %d / %d / %d ms | %s | %s | %s → %s |%n",
            config.postgres() ? "PostgreSQL" : "H2",
            config.threads(),
            config.batch(),
            sent.items(),
            sent.nanos() / 1e9,
            sent.perSecond(),
            sent.percentileMillis(0.5),
            sent.percentileMillis(0.95),
            sent.percentileMillis(1.0),
            String.format(Locale.ROOT, "%,.0f", warm.perSecond()),
            heap.describe(),
            loadBefore,
            loadAfter);
    LOG.info("Ingestion result: " + line.trim());
    report
        .append("### Ingestion (bulk API, events only, after warm-up)\n\n")
        .append(
            "| database | threads × batch | events measured | time | events/s | batch latency p50 /"
                + " p95 / max | warm-up events/s | server heap | load avg before → after |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n")
        .append(line)
        .append("\n");
    if (meter != null) {
      meter.close();
      report.append(
          CostMeter.describe(
              String.format(
                  Locale.ROOT,
                  "Cost of the measured ingestion (%,d events, %d bulk calls; load %s → %s)",
                  sent.items(),
                  sent.latencies().size(),
                  loadBefore,
                  loadAfter),
              cost0,
              cost1,
              sent.items() / 1000.0,
              "1,000 events",
              appLabels));
      LOG.info(
          "Ingestion cost: "
              + CostMeter.summary(cost0, cost1, sent.items() / 1000.0, "1,000 events", appLabels));
    }
  }

  // ---------------------------------------------------------------- export

  /**
   * A new ENTERPRISE organization's environment set up as the export benchmarks use it: the eight
   * {@link Workload} features and two segments (EU by region, big accounts by seats).
   */
  static BenchApi.Tenant exportEnvironment(BenchApi api, String name) throws IOException {
    BenchApi.Tenant tenant = api.newTenant(name, "ENTERPRISE");
    long env = tenant.environmentId();
    for (int f = 0; f < Workload.FEATURES; f++) {
      api.putFeature(env, Workload.featureKey(f), Workload.FEATURE_NAMES[f]);
    }
    api.putSegment(
        env,
        "eu",
        "{\"name\":\"EU\",\"conditions\":[{\"attribute\":\"region\",\"operator\":\"any of\","
            + "\"values\":[\"de\",\"fr\",\"se\"]}]}");
    api.putSegment(
        env,
        "big",
        "{\"name\":\"Big accounts\",\"conditions\":[{\"attribute\":\"seats\","
            + "\"operator\":\"greater than\",\"value\":100}]}");
    return tenant;
  }

  /**
   * Polls a started export until it leaves STARTING / STARTED / STOPPING (progress logged every 10
   * s); returns its last status.
   */
  static JsonObject awaitExport(BenchApi api, long executionId, String label)
      throws IOException, InterruptedException {
    long lastLog = System.nanoTime();
    while (true) {
      JsonObject status = api.exportStatus(executionId);
      String s = status.getString("status");
      if (!s.equals("STARTING") && !s.equals("STARTED") && !s.equals("STOPPING")) {
        return status;
      }
      if (System.nanoTime() - lastLog > 10e9) {
        lastLog = System.nanoTime();
        LOG.info(
            "  … "
                + label
                + " "
                + s
                + ", rows "
                + status.get("rowsWritten")
                + ", progress "
                + status.get("progress"));
      }
      Thread.sleep(500);
    }
  }

  private String[] export(PgBaseline baseline, String name, int companies) throws Exception {
    LocalDate asOfDay = LocalDate.now(ZoneOffset.UTC);
    String asOf = asOfDay.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    BenchApi.Tenant tenant = exportEnvironment(api, "Bench export " + name);
    long env = tenant.environmentId();
    String prefix = "x" + name.substring(4);
    LOG.info("Export " + name + ": loading " + companies + " companies through the bulk API");
    Sent loadCompanies =
        send(
            tenant.ingestionKey(),
            Workload.companies(
                prefix, companies, config.threads(), config.batch(), asOfDay.minusDays(110), 11));
    Sent loadEvents =
        send(
            tenant.ingestionKey(),
            Workload.exportEvents(
                prefix, companies, config.threads(), config.batch(), asOfDay, 12));
    long loaded = loadCompanies.items() + loadEvents.items();
    double loadSeconds = (loadCompanies.nanos() + loadEvents.nanos()) / 1e9;
    LOG.info(String.format(Locale.ROOT, "Loaded %,d items in %.1f s", loaded, loadSeconds));

    // The same export several times (bench.export.runs): the first run in a fresh server also
    // pays for class loading and JIT compilation; the best run is compared with the baseline.
    JsonObject status = null;
    HeapSampler.Result heap = null;
    List<Double> jobs = new ArrayList<>();
    double endToEnd = Double.MAX_VALUE;
    String loadBefore = load();
    // bench.export.jfr: a JFR recording (profile settings) of the server over this size's runs,
    // dumped to <work dir>/export-<size>.jfr (read with `jfr print --events jdk.ExecutionSample`).
    Long jfrPid = Boolean.getBoolean("bench.export.jfr") ? server.serverPid() : null;
    if (jfrPid != null) {
      MidnightBenchmark.jcmd(jfrPid, "JFR.start", "name=export-" + name, "settings=profile");
    }
    for (int run = 1; run <= config.exportRuns(); run++) {
      LOG.info(
          "Export " + name + " run " + run + ": " + config.exportAggregation() + " as of " + asOf);
      HeapSampler.Result runHeap;
      long started;
      try (HeapSampler sampler = new HeapSampler(server.management(), 250)) {
        started = System.nanoTime();
        long executionId = api.startExport(env, config.exportAggregation(), asOf);
        status = awaitExport(api, executionId, name);
        double elapsed = (System.nanoTime() - started) / 1e9;
        runHeap = sampler.finish();
        if (!"COMPLETED".equals(status.getString("status"))) {
          throw new IllegalStateException("Export " + name + " ended " + status);
        }
        double job = serverSeconds(status, elapsed);
        jobs.add(job);
        endToEnd = Math.min(endToEnd, elapsed);
        LOG.info(
            String.format(
                Locale.ROOT,
                "Export done: %s rows, job %.1f s, end-to-end %.1f s; %s",
                status.get("rowsWritten"),
                job,
                elapsed,
                runHeap.describe()));
      }
      if (heap == null || runHeap.maxSampledUsed() > heap.maxSampledUsed()) {
        heap = runHeap;
      }
    }
    String loadAfter = load();
    if (jfrPid != null) {
      Path out = config.workDir().resolve("export-" + name + ".jfr");
      MidnightBenchmark.jcmd(jfrPid, "JFR.dump", "name=export-" + name, "filename=" + out);
      MidnightBenchmark.jcmd(jfrPid, "JFR.stop", "name=export-" + name);
      LOG.info("JFR recording of the export runs: " + out);
    }
    long executionId = status.getJsonNumber("executionId").longValue();
    double job = Collections.min(jobs);
    StringBuilder jobRuns = new StringBuilder();
    for (double j : jobs) {
      jobRuns
          .append(jobRuns.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%.2f", j));
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "Export best: %s rows, job %.1f s, end-to-end %.1f s; peak heap run: %s",
            status.get("rowsWritten"),
            job,
            endToEnd,
            heap.describe()));

    Path csv = config.workDir().resolve("export-" + name + ".csv");
    Files.deleteIfExists(csv);
    long d0 = System.nanoTime();
    api.downloadCsv(executionId, csv);
    double download = (System.nanoTime() - d0) / 1e9;
    long bytes = Files.size(csv);
    long rows = countLines(csv) - 1;
    LOG.info(
        String.format(
            Locale.ROOT, "Downloaded %,d bytes, %,d rows in %.1f s", bytes, rows, download));

    // The gzip variant: the same execution downloaded as csv.gz (the server compresses while it
    // streams, as the automatic export does into the multipart upload).
    Path gz = config.workDir().resolve("export-" + name + ".csv.gz");
    Files.deleteIfExists(gz);
    long g0 = System.nanoTime();
    api.downloadCsvGz(executionId, gz);
    double gzDownload = (System.nanoTime() - g0) / 1e9;
    long gzBytes = Files.size(gz);
    Files.deleteIfExists(gz);
    LOG.info(
        String.format(Locale.ROOT, "Downloaded csv.gz: %,d bytes in %.1f s", gzBytes, gzDownload));

    String table = "export_" + name;
    long loadedRows = baseline.load(table, csv);
    LOG.info("Baseline table loaded: " + loadedRows + " rows; timing COPY TO STDOUT");
    List<PgBaseline.Run> runs = baseline.measure(table, config.baselineRuns());
    List<Long> nanos = new ArrayList<>();
    runs.forEach(r -> nanos.add(r.nanos()));
    Collections.sort(nanos);
    double median = nanos.get(nanos.size() / 2) / 1e9;
    StringBuilder all = new StringBuilder();
    for (PgBaseline.Run r : runs) {
      all.append(all.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%.2f", r.nanos() / 1e9));
    }
    List<PgBaseline.Run> gzRuns = baseline.measure(table, config.baselineRuns(), true);
    List<Long> gzNanos = new ArrayList<>();
    gzRuns.forEach(r -> gzNanos.add(r.nanos()));
    Collections.sort(gzNanos);
    double gzMedian = gzNanos.get(gzNanos.size() / 2) / 1e9;
    baseline.drop(table);
    Files.deleteIfExists(csv);
    LOG.info(
        String.format(
            Locale.ROOT,
            "gzip: COPY | gzip median %.2f s (%,d bytes); (job + csv.gz download) / baseline %.2f",
            gzMedian,
            gzRuns.get(0).bytes(),
            (job + gzDownload) / gzMedian));
    LOG.info(
        String.format(
            Locale.ROOT,
            "Baseline median %.2f s (%s); export/baseline %.2f",
            median,
            all,
            job / median));
    return new String[] {
      String.format(Locale.ROOT, "%,d", companies),
      String.format(Locale.ROOT, "%,d", rows),
      String.format(Locale.ROOT, "%,d", bytes),
      String.format(Locale.ROOT, "%,d (%,.0f)", loaded, loaded / loadSeconds),
      String.format(Locale.ROOT, "%.2f s (%s)", job, jobRuns),
      String.format(Locale.ROOT, "%.1f s", endToEnd),
      String.format(Locale.ROOT, "%.1f s", download),
      String.format(Locale.ROOT, "%.2f s (%s)", median, all),
      String.format(Locale.ROOT, "%,d", runs.get(0).bytes()),
      String.format(Locale.ROOT, "**%.2f**", job / median),
      String.format(Locale.ROOT, "%.2f", (job + download) / median),
      heap.describe(),
      loadBefore + " → " + loadAfter,
      String.format(Locale.ROOT, "%.1f s, %,d bytes", gzDownload, gzBytes),
      String.format(Locale.ROOT, "%.2f s, %,d bytes", gzMedian, gzRuns.get(0).bytes()),
      String.format(Locale.ROOT, "**%.2f**", (job + gzDownload) / gzMedian)
    };
  }

  /** endedAt − startedAt as the job repository recorded them, else the client's measure. */
  static double serverSeconds(JsonObject status, double fallback) {
    try {
      JsonValue s = status.get("startedAt");
      JsonValue e = status.get("endedAt");
      if (s == null
          || e == null
          || s.getValueType() != JsonValue.ValueType.STRING
          || e.getValueType() != JsonValue.ValueType.STRING) {
        return fallback;
      }
      Instant a = Instant.parse(status.getString("startedAt"));
      Instant b = Instant.parse(status.getString("endedAt"));
      return (b.toEpochMilli() - a.toEpochMilli()) / 1000.0;
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  static long countLines(Path file) throws IOException {
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }
}
