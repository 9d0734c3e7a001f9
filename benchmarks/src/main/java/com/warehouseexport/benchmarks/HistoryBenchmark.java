package com.warehouseexport.benchmarks;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code bench.run=history} (issue 13, item 4: "the export's cost grows with the window, not with
 * the history"): two environments with the same companies, one with 100 days of history and one
 * with 1,000, exported with the same aggregations as of the same instant; reports the export jobs'
 * best and median durations and the ratio 1,000-day / 100-day (target ≤ 1.3). Measures and reports;
 * never asserts on speed.
 *
 * <p>Both environments are set up as the export benchmark sets up its own (ENTERPRISE plan, the
 * eight {@link Workload} features, two segments) and filled through the bulk API with identical
 * companies (ids, names, attributes: one company call each in the last 100 days) and identical
 * usage and feedback on the 100 days before the as-of day; the 1,000-day environment additionally
 * has the 900 days before that, from the same deterministic pattern ({@link
 * Workload#historyEvents}). Since part of the pattern is adopted and churned long ago, and First
 * Seen / First Used reach back further, the two CSVs differ in some columns but (for windows within
 * the last 100 days) not in their rows: the benchmark prints both row counts and the differing
 * lines per column.
 *
 * <p>Properties: {@code bench.history.companies} (1,000: about 1.2 million {@code usage_day} rows
 * in the 1,000-day environment), {@code bench.history.runs} (3 per aggregation and environment,
 * alternating which environment goes first) and {@code bench.history.aggregations} ({@code
 * snapshot,30-days-daily,6-months-weekly}).
 */
final class HistoryBenchmark {

  private static final Logger LOG = Logger.getLogger(HistoryBenchmark.class.getName());
  private static final String PREFIX = "h";
  private static final long SEED = 13;

  /**
   * Days of history of the short environment ({@code bench.history.short-days}, 100; at most {@link
   * Workload#HISTORY_DAYS}). 6-months-weekly needs 266 days (26 weeks + 84), more than 100: {@code
   * -Dbench.history.short-days=300} compares it with a short history that holds its window.
   */
  private static final int SHORT_DAYS =
      Math.min(Workload.HISTORY_DAYS, Integer.getInteger("bench.history.short-days", 100));

  /** Companies generated (and sent) per slice of the long history: bounds the client's memory. */
  private static final int SLICE = 200;

  /** One environment of the comparison. */
  private record Env(String label, int days, BenchApi.Tenant tenant) {
    long id() {
      return tenant.environmentId();
    }
  }

  /** One finished export job. */
  private record Job(long executionId, double seconds, String rows) {}

  private final BenchConfig config;
  private final BenchApi api;
  private final StringBuilder report;

  HistoryBenchmark(BenchConfig config, BenchApi api, StringBuilder report) {
    this.config = config;
    this.api = api;
    this.report = report;
  }

  void run() throws Exception {
    int companies = Integer.getInteger("bench.history.companies", 1000);
    int runs = Math.max(1, Integer.getInteger("bench.history.runs", 3));
    List<String> aggregations =
        Arrays.stream(
                System.getProperty(
                        "bench.history.aggregations", "snapshot,30-days-daily,6-months-weekly")
                    .split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    LocalDate asOfDay = LocalDate.now(ZoneOffset.UTC);
    String asOf = asOfDay.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    Env shortEnv =
        new Env(
            SHORT_DAYS + "-day",
            SHORT_DAYS,
            Benchmarks.exportEnvironment(api, "Bench history " + SHORT_DAYS + " days"));
    Env longEnv =
        new Env(
            "1,000-day",
            Workload.HISTORY_DAYS,
            Benchmarks.exportEnvironment(api, "Bench history " + Workload.HISTORY_DAYS + " days"));

    // ---- loading: the same company calls and last 100 days into both, the 900 older days into
    // the long one only (sent first there: oldest data first, as a real history would arrive)
    String loadBeforeLoading = Benchmarks.load();
    List<List<byte[]>> companyCalls =
        Workload.companies(
            PREFIX, companies, config.threads(), config.batch(), asOfDay.minusDays(SHORT_DAYS), 11);
    List<List<byte[]>> recent =
        Workload.historyEvents(
            PREFIX, 0, companies, config.threads(), config.batch(), asOfDay, 1, SHORT_DAYS, SEED);
    LOG.info(
        () ->
            "History: loading "
                + companies
                + " companies, "
                + Workload.HISTORY_DAYS
                + " days into "
                + longEnv.label()
                + " environment "
                + longEnv.id());
    long longItems = 0;
    long longNanos = 0;
    Benchmarks.Sent sent = Benchmarks.send(api, longEnv.tenant().ingestionKey(), companyCalls);
    longItems += sent.items();
    longNanos += sent.nanos();
    for (int from = 0; from < companies; from += SLICE) {
      List<List<byte[]>> old =
          Workload.historyEvents(
              PREFIX,
              from,
              Math.min(companies, from + SLICE),
              config.threads(),
              config.batch(),
              asOfDay,
              SHORT_DAYS + 1,
              Workload.HISTORY_DAYS,
              SEED);
      sent = Benchmarks.send(api, longEnv.tenant().ingestionKey(), old);
      longItems += sent.items();
      longNanos += sent.nanos();
      long items = longItems;
      double seconds = longNanos / 1e9;
      int done = Math.min(companies, from + SLICE);
      LOG.info(
          () ->
              String.format(
                  Locale.ROOT,
                  "  %s: %d / %d companies' old history, %,d items in %.1f s (%,.0f items/s)",
                  longEnv.label(),
                  done,
                  companies,
                  items,
                  seconds,
                  items / seconds));
    }
    sent = Benchmarks.send(api, longEnv.tenant().ingestionKey(), recent);
    longItems += sent.items();
    longNanos += sent.nanos();
    LOG.info(() -> "History: loading " + shortEnv.label() + " environment " + shortEnv.id());
    sent = Benchmarks.send(api, shortEnv.tenant().ingestionKey(), companyCalls);
    long shortItems = sent.items();
    long shortNanos = sent.nanos();
    sent = Benchmarks.send(api, shortEnv.tenant().ingestionKey(), recent);
    shortItems += sent.items();
    shortNanos += sent.nanos();
    String loadAfterLoading = Benchmarks.load();
    String loading =
        String.format(
            Locale.ROOT,
            "%s: %,d items in %.1f s (%,.0f items/s); %s: %,d items in %.1f s (%,.0f items/s)",
            longEnv.label(),
            longItems,
            longNanos / 1e9,
            longItems / (longNanos / 1e9),
            shortEnv.label(),
            shortItems,
            shortNanos / 1e9,
            shortItems / (shortNanos / 1e9));
    LOG.info("History loaded: " + loading);
    Map<String, long[]> counts = tableCounts(shortEnv, longEnv);
    counts.forEach(
        (table, n) ->
            LOG.info(
                String.format(
                    Locale.ROOT,
                    "  %s rows: %s %,d, %s %,d",
                    table,
                    shortEnv.label(),
                    n[0],
                    longEnv.label(),
                    n[1])));

    // ---- one warm-up export per environment (class loading, JIT, database cache), then the
    // measured runs, alternating which environment goes first
    for (Env env : List.of(shortEnv, longEnv)) {
      Job warm = export(env, aggregations.get(0), asOf, "warm-up");
      LOG.info(
          String.format(
              Locale.ROOT,
              "Warm-up %s %s: %.2f s, %s rows",
              env.label(),
              aggregations.get(0),
              warm.seconds(),
              warm.rows()));
    }
    long[] usage = counts.get("usage_day");
    String usageRows =
        usage == null ? "n/a (H2)" : String.format(Locale.ROOT, "%,d / %,d", usage[0], usage[1]);
    List<String> rows = new ArrayList<>();
    for (String aggregation : aggregations) {
      String loadBefore = Benchmarks.load();
      Map<Env, List<Job>> jobs = new LinkedHashMap<>();
      jobs.put(shortEnv, new ArrayList<>());
      jobs.put(longEnv, new ArrayList<>());
      for (int run = 1; run <= runs; run++) {
        List<Env> order = run % 2 == 1 ? List.of(shortEnv, longEnv) : List.of(longEnv, shortEnv);
        for (Env env : order) {
          Job job = export(env, aggregation, asOf, "run " + run);
          jobs.get(env).add(job);
          LOG.info(
              String.format(
                  Locale.ROOT,
                  "History %s run %d, %s: job %.2f s, %s rows",
                  aggregation,
                  run,
                  env.label(),
                  job.seconds(),
                  job.rows()));
        }
      }
      String loadAfter = Benchmarks.load();
      Comparison compared =
          compare(
              aggregation,
              jobs.get(shortEnv).get(runs - 1).executionId(),
              jobs.get(longEnv).get(runs - 1).executionId());
      double shortBest = best(jobs.get(shortEnv));
      double longBest = best(jobs.get(longEnv));
      double shortMedian = median(jobs.get(shortEnv));
      double longMedian = median(jobs.get(longEnv));
      String row =
          String.format(
              Locale.ROOT,
              "| %s | %,d / %,d%s | %s | %.2f / %.2f s (%s) | %.2f / %.2f s (%s) | **%.2f** (%.2f)"
                  + " | %s | %s → %s |%n",
              aggregation,
              compared.shortRows(),
              compared.longRows(),
              compared.shortRows() == compared.longRows() ? "" : " (≠)",
              compared.differences(),
              shortBest,
              shortMedian,
              all(jobs.get(shortEnv)),
              longBest,
              longMedian,
              all(jobs.get(longEnv)),
              longBest / shortBest,
              longMedian / shortMedian,
              usageRows,
              loadBefore,
              loadAfter);
      LOG.info("History result: " + row.trim());
      rows.add(row);
    }

    report
        .append("### Export cost vs length of history: ")
        .append(SHORT_DAYS)
        .append(" vs 1,000 days (issue 13, item 4)\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "%,d companies with identical ids, names and attributes, %d features, 2 segments,"
                    + " as of %s. The %s environment has usage and feedback on the %d days before"
                    + " the as-of day; the %s environment has the same plus the %,d days before"
                    + " those (same deterministic pattern, Workload.historyEvents). Loaded through"
                    + " the bulk API (%d threads × %d items): %s; load avg %s → %s.",
                companies,
                Workload.FEATURES,
                asOf,
                shortEnv.label(),
                SHORT_DAYS,
                longEnv.label(),
                Workload.HISTORY_DAYS - SHORT_DAYS,
                config.threads(),
                config.batch(),
                loading,
                loadBeforeLoading,
                loadAfterLoading));
    if (!counts.isEmpty()) {
      report.append(" Rows per environment (").append(shortEnv.label()).append(" / ");
      report.append(longEnv.label()).append("):");
      String sep = " ";
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        report.append(
            String.format(
                Locale.ROOT,
                "%s`%s` %,d / %,d",
                sep,
                e.getKey(),
                e.getValue()[0],
                e.getValue()[1]));
        sep = ", ";
      }
      report.append(
          "; then VACUUM ANALYZE of the tracking tables (as autovacuum would have done).");
    }
    report
        .append(
            "\n\nJob time = endedAt − startedAt of the job repository (as the export benchmark's \"export job best\"")
        .append("); ")
        .append(runs)
        .append(" runs per aggregation and environment, alternating which goes first, after one")
        .append(" warm-up export per environment. Target: 1,000-day / ")
        .append(SHORT_DAYS)
        .append("-day ≤ 1.3.\n\n")
        .append(
            ("| aggregation | CSV rows {S}-day / 1,000-day | rows differing (per column) | {S}-day"
                    + " job best / median (runs) | 1,000-day job best / median (runs) | ratio 1,000"
                    + " / {S} best (median) | usage_day rows {S}-day / 1,000-day | load avg before"
                    + " → after |\n")
                .replace("{S}", String.valueOf(SHORT_DAYS)))
        .append("|---|---|---|---|---|---|---|---|\n");
    rows.forEach(report::append);
    report
        .append("\nRows are matched by (Company ID, Feature ID, Date). The row counts are equal")
        .append(
            " for windows within the last " + SHORT_DAYS + " days; a longer one (6-months-weekly")
        .append(" reaches 26 weeks back) has fewer rows in the " + SHORT_DAYS + "-day environment,")
        .append(" whose companies are not")
        .append(" seen before then. Differing rows are expected, with the columns that reach back")
        .append(" into the old history (First Seen always, First Used, STARS, Feedback Count,")
        .append(" Satisfaction); the count per column is listed.\n\n");
  }

  // ---------------------------------------------------------------- exports

  private Job export(Env env, String aggregation, String asOf, String label) throws Exception {
    long started = System.nanoTime();
    long executionId = api.startExport(env.id(), aggregation, asOf);
    JsonObject status =
        Benchmarks.awaitExport(
            api, executionId, "history " + env.label() + " " + aggregation + " " + label);
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (!"COMPLETED".equals(status.getString("status"))) {
      throw new IllegalStateException(
          "History export " + env.label() + " " + aggregation + " ended " + status);
    }
    return new Job(
        executionId,
        Benchmarks.serverSeconds(status, elapsed),
        String.valueOf(status.get("rowsWritten")));
  }

  private static double best(List<Job> jobs) {
    return jobs.stream().mapToDouble(Job::seconds).min().orElseThrow();
  }

  private static double median(List<Job> jobs) {
    double[] sorted = jobs.stream().mapToDouble(Job::seconds).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String all(List<Job> jobs) {
    StringBuilder s = new StringBuilder();
    for (Job j : jobs) {
      s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", j.seconds()));
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- CSV comparison

  /** Row counts of both CSVs and a description of their differences. */
  private record Comparison(long shortRows, long longRows, String differences) {}

  /**
   * Downloads both executions' CSVs and compares them row by row, matched by the CSV's order key
   * (Company ID, Feature ID, Date).
   */
  private Comparison compare(String aggregation, long shortExecution, long longExecution)
      throws IOException {
    Path a = config.workDir().resolve("history-100-" + aggregation + ".csv");
    Path b = config.workDir().resolve("history-1000-" + aggregation + ".csv");
    try {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
      api.downloadCsv(shortExecution, a);
      api.downloadCsv(longExecution, b);
      long aRows = Benchmarks.countLines(a) - 1;
      long bRows = Benchmarks.countLines(b) - 1;
      String differences = differences(a, b);
      LOG.info(
          String.format(
              Locale.ROOT,
              "History %s CSVs: rows %,d / %,d; differing: %s",
              aggregation,
              aRows,
              bRows,
              differences));
      return new Comparison(aRows, bRows, differences);
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
    }
  }

  /**
   * A merge of two CSVs in export order (Company ID, Feature ID, Date: ASCII ids, ISO dates): the
   * rows with the same key that differ, how often each column differs, and the rows only in one.
   */
  static String differences(Path a, Path b) throws IOException {
    long differing = 0;
    long onlyA = 0;
    long onlyB = 0;
    Map<String, Long> columns = new LinkedHashMap<>();
    try (BufferedReader x = Files.newBufferedReader(a, StandardCharsets.UTF_8);
        BufferedReader y = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
      String headerLine = x.readLine();
      y.readLine();
      List<String> header = headerLine == null ? List.of() : fields(headerLine);
      String p = x.readLine();
      String q = y.readLine();
      List<String> f = p == null ? null : fields(p);
      List<String> g = q == null ? null : fields(q);
      while (f != null || g != null) {
        int order = f == null ? 1 : g == null ? -1 : compareKeys(f, g);
        if (order < 0) {
          onlyA++;
        } else if (order > 0) {
          onlyB++;
        } else if (!p.equals(q)) {
          differing++;
          for (int i = 0; i < Math.max(f.size(), g.size()); i++) {
            String u = i < f.size() ? f.get(i) : null;
            String v = i < g.size() ? g.get(i) : null;
            if (u == null ? v != null : !u.equals(v)) {
              columns.merge(i < header.size() ? header.get(i) : "#" + i, 1L, Long::sum);
            }
          }
        }
        if (order <= 0) {
          p = x.readLine();
          f = p == null ? null : fields(p);
        }
        if (order >= 0) {
          q = y.readLine();
          g = q == null ? null : fields(q);
        }
      }
    }
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d", differing));
    if (!columns.isEmpty()) {
      s.append(" (");
      String sep = "";
      for (Map.Entry<String, Long> e : columns.entrySet()) {
        s.append(sep).append(String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()));
        sep = ", ";
      }
      s.append(")");
    }
    if (onlyA > 0 || onlyB > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "; %,d rows only in %d-day, %,d only in 1,000-day",
              onlyA,
              SHORT_DAYS,
              onlyB));
    }
    return s.toString();
  }

  /** Company ID (column 0), Feature ID (3), Date (4): the export's order. */
  private static int compareKeys(List<String> f, List<String> g) {
    for (int i : new int[] {0, 3, 4}) {
      int c = f.get(i).compareTo(g.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** The fields of one CSV line (RFC 4180 quoting; the export writes no line breaks in fields). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    out.add(field.toString());
    return out;
  }

  // ---------------------------------------------------------------- database

  /**
   * Rows of the tracking tables per environment (PostgreSQL only, read directly), after a VACUUM
   * ANALYZE of those tables so that neither environment's exports race autovacuum.
   */
  private Map<String, long[]> tableCounts(Env shortEnv, Env longEnv) throws SQLException {
    Map<String, long[]> counts = new LinkedHashMap<>();
    if (!config.postgres()) {
      return counts;
    }
    String[] tables = {"usage_day", "company_day", "feedback", "company"};
    try (Connection c = new PgBaseline(config).connect()) {
      c.setAutoCommit(true);
      for (String table : tables) {
        long[] n = new long[2];
        try (PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM " + table + " WHERE environment_id = ?")) {
          int i = 0;
          for (Env env : List.of(shortEnv, longEnv)) {
            s.setLong(1, env.id());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              n[i++] = r.getLong(1);
            }
          }
        }
        counts.put(table, n);
      }
      long t0 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        for (String table :
            new String[] {
              "usage_day",
              "usage_summary",
              "company_day",
              "feedback",
              "company",
              "company_attribute"
            }) {
          s.execute("VACUUM ANALYZE " + table);
        }
      }
      LOG.info(
          String.format(
              Locale.ROOT,
              "VACUUM ANALYZE of the tracking tables: %.1f s",
              (System.nanoTime() - t0) / 1e9));
    }
    return Collections.unmodifiableMap(counts);
  }
}
