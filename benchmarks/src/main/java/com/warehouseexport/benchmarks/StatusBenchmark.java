package com.warehouseexport.benchmarks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * {@code bench.run=status}: latency of one environment's automatic export status and of its history
 * pages while the job repository holds 1,000, 10,000 and 100,000 job instances of other
 * environments. The repository is filled directly in PostgreSQL (JBeret's {@code JOB_INSTANCE} /
 * {@code JOB_EXECUTION} and the application's {@code export_execution_index}, one INSERT … SELECT
 * each), so only PostgreSQL runs have it. The measured environment's own executions are the
 * <em>oldest</em> in the repository: a reader that walks the repository newest first would have to
 * pass all the others.
 */
final class StatusBenchmark {

  private static final Logger LOG = Logger.getLogger(StatusBenchmark.class.getName());
  private static final String JOB = "company-usage-export";

  /** Executions of the measured environment (two history pages of 20 and a bit). */
  private static final int OWN = 50;

  /** Other environments the fill spreads over. */
  private static final int OTHERS = 1_000;

  private final BenchConfig config;
  private final BenchApi api;
  private final StringBuilder report;

  StatusBenchmark(BenchConfig config, BenchApi api, StringBuilder report) {
    this.config = config;
    this.api = api;
    this.report = report;
  }

  void run() throws Exception {
    report.append("### Status and history latency vs job repository size\n\n");
    if (!config.postgres()) {
      report.append(
          "Skipped: the repository is filled through PostgreSQL (run without -Dbench.db=h2).\n\n");
      return;
    }
    int[] sizes =
        Arrays.stream(System.getProperty("bench.status.sizes", "1000,10000,100000").split(","))
            .map(String::trim)
            .mapToInt(Integer::parseInt)
            .toArray();
    int requests = Integer.getInteger("bench.status.requests", 200);
    BenchApi.Tenant tenant = api.newTenant("Bench status", "ENTERPRISE");
    long env = tenant.environmentId();
    // A real export first: it creates JBeret's tables and shows the application name it stores.
    long real = api.startExport(env, "30-days-daily", java.time.LocalDate.now() + "T00:00:00Z");
    awaitDone(real);
    report
        .append(
            "| job instances in repository | environment's executions | export-status median / p95 / max |")
        .append(
            " history page 0 (20) median / p95 | history page 2 (20) median / p95 | load avg |\n")
        .append("|---|---|---|---|---|---|\n");
    try (Connection c =
        DriverManager.getConnection(config.pgUrl(), config.pgUser(), config.pgPassword())) {
      c.setAutoCommit(true);
      String application = application(c);
      fill(c, application, env, OWN, 1); // the environment's own, oldest
      int filled = count(c);
      for (int size : sizes) {
        if (size > filled) {
          long t0 = System.nanoTime();
          fillOthers(c, application, size - filled, filled);
          filled = count(c);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          int now = filled;
          LOG.info(() -> "Repository filled to " + now + " instances in " + ms + " ms");
          try (Statement s = c.createStatement()) {
            s.execute("ANALYZE job_instance");
            s.execute("ANALYZE job_execution");
            s.execute("ANALYZE export_execution_index");
          }
        }
        String status = "/api/v1/environments/" + env + "/export-status";
        String page0 = "/api/v1/environments/" + env + "/exports?page=0&size=20";
        String page2 = "/api/v1/environments/" + env + "/exports?page=2&size=20";
        String load = load();
        List<Long> a = measure(status, requests);
        List<Long> b = measure(page0, requests);
        List<Long> d = measure(page2, requests);
        String row =
            String.format(
                Locale.ROOT,
                "| %,d | %d | %s | %s | %s | %s → %s |%n",
                filled,
                OWN + 1,
                stats(a, true),
                stats(b, false),
                stats(d, false),
                load,
                load());
        LOG.info(row.trim());
        report.append(row);
      }
    }
    report
        .append("\nTimes are client round trips on 127.0.0.1 (HTTP/1.1, Basic auth, JSON), i.e. ")
        .append("server time plus a fraction of a millisecond; ")
        .append(requests)
        .append(" requests each after 20 warm-up requests.\n\n");
  }

  private void awaitDone(long execution) throws Exception {
    for (int i = 0; i < 600; i++) {
      String status = api.exportStatus(execution).getString("status");
      if (!status.equals("STARTING") && !status.equals("STARTED")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("export " + execution + " did not finish");
  }

  private List<Long> measure(String path, int requests) throws IOException {
    for (int i = 0; i < 20; i++) {
      api.operator("GET", path, null, 200);
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      long t0 = System.nanoTime();
      api.operator("GET", path, null, 200);
      micros.add((System.nanoTime() - t0) / 1_000);
    }
    Collections.sort(micros);
    return micros;
  }

  private static String stats(List<Long> sorted, boolean withMax) {
    String s =
        String.format(
            Locale.ROOT,
            "%.1f / %.1f",
            sorted.get(sorted.size() / 2) / 1000.0,
            sorted.get((int) Math.min(sorted.size() - 1, Math.floor(0.95 * sorted.size())))
                / 1000.0);
    return withMax
        ? s + String.format(Locale.ROOT, " / %.1f ms", sorted.get(sorted.size() - 1) / 1000.0)
        : s + " ms";
  }

  private static String application(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT applicationname FROM job_instance WHERE jobname = '" + JOB + "' LIMIT 1")) {
      return r.next() ? r.getString(1) : "warehouse-export";
    }
  }

  private static int count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT count(*) FROM job_instance WHERE jobname = '" + JOB + "'")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** {@code n} more instances spread over {@link #OTHERS} environments that do not exist. */
  private static void fillOthers(Connection c, String application, int n, int already)
      throws SQLException {
    fill(c, application, -1, n, already);
  }

  /**
   * {@code n} completed daily S3 export instances, one execution each, and their index rows: of
   * environment {@code env}, or (env = -1) of environments 900000000 + i % OTHERS.
   */
  private static void fill(Connection c, String application, long env, int n, int salt)
      throws SQLException {
    String envExpr = env >= 0 ? Long.toString(env) : "(900000000 + g % " + OTHERS + ")";
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE IF NOT EXISTS bench_new (g INT, inst BIGINT)");
      s.execute("TRUNCATE bench_new");
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "WITH ins AS (INSERT INTO job_instance (version, jobname, applicationname)"
                + " SELECT 0, ?, ? FROM generate_series(1, ?) RETURNING jobinstanceid)"
                + " INSERT INTO bench_new SELECT row_number() OVER (ORDER BY jobinstanceid) + ?,"
                + " jobinstanceid FROM ins")) {
      s.setString(1, JOB);
      s.setString(2, application);
      s.setInt(3, n);
      s.setInt(4, salt);
      s.executeUpdate();
    }
    // As JBeret stores them (BatchUtil.propertiesToString): "key = value" lines.
    String params =
        "'environmentId = ' || "
            + envExpr
            + " || chr(10) || 'aggregation = snapshot' || chr(10) || 'asOf = ' ||"
            + " to_char(date '2026-01-01' + (g % 300), 'YYYY-MM-DD') || 'T00:00:00Z' || chr(10)"
            + " || 'destination = s3' || chr(10) || 'cadence = daily' || chr(10) || 'period = ' ||"
            + " to_char(date '2025-12-31' + (g % 300), 'YYYY-MM-DD') || chr(10) ||"
            + " 'requestedBy = scheduler' || chr(10) || 'node = bench-fill' || chr(10)";
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO job_execution (jobinstanceid, version, createtime, starttime, endtime,"
              + " lastupdatedtime, batchstatus, exitstatus, jobparameters) SELECT inst, 1,"
              + " now() - interval '1 day', now() - interval '1 day', now() - interval '1 day',"
              + " now() - interval '1 day', 'COMPLETED', 'COMPLETED', "
              + params
              + " FROM bench_new");
      s.executeUpdate(
          "INSERT INTO export_execution_index (execution_id, environment_id, destination)"
              + " SELECT e.jobexecutionid, "
              + envExpr
              + ", 's3' FROM bench_new b JOIN job_execution e ON e.jobinstanceid = b.inst");
    }
  }

  /** The machine's 1-minute load average: others' builds share these cores. */
  static String load() {
    return String.format(
        Locale.ROOT,
        "%.1f",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
