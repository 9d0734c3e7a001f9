package com.warehouseexport.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What a phase of a benchmark cost (issue 24 items 2 and 3), robust to a machine shared with other
 * work: CPU time of named processes and of PostgreSQL, and PostgreSQL's own counters for the
 * benchmark's database, read before and after the phase.
 *
 * <ul>
 *   <li><b>Process CPU</b>: {@code utime + stime} from {@code /proc/<pid>/stat} (clock ticks,
 *       {@code CLK_TCK} = 100 on Linux x86-64) of the app JVMs, s3proxy and the client itself.
 *   <li><b>PostgreSQL backends of this database</b>: a sampler (every 200 ms, from a connection to
 *       the {@code postgres} database so that its own transactions are not counted here) lists
 *       {@code pg_stat_activity.pid} where {@code datname} is the benchmark's database and keeps
 *       the last {@code utime + stime} seen per backend (keyed by pid and start time, so a reused
 *       pid is a new backend). The total is the sum over every backend ever seen: a backend that
 *       exits keeps what it had at its last sample, so at most 200 ms of a short-lived backend is
 *       lost; the app's pooled connections live for the whole run. Shared server processes
 *       (walwriter, checkpointer, background writer, autovacuum) are not in it.
 *   <li><b>The whole PostgreSQL cluster</b>: the postmaster's {@code utime + stime + cutime +
 *       cstime} (exited backends are reaped by it, so their CPU moves into its {@code cutime}) plus
 *       every live child's. This includes the shared processes but also every other database on the
 *       server: on a shared machine an upper bound, not this benchmark's cost.
 *   <li><b>{@code pg_stat_database} / {@code pg_stat_user_tables}</b>: PostgreSQL 15 backends flush
 *       their counters at most once a second, and an idle backend with pending counters flushes
 *       them up to 10 s later ({@code PGSTAT_IDLE_INTERVAL}); so {@link #before()} and {@link
 *       #after()} wait {@link #SETTLE_MS} with the phase's work stopped before reading, and call
 *       {@code pg_stat_clear_snapshot()} first ({@code stats_fetch_consistency = cache}). The app's
 *       background work (timers, heartbeats) keeps running during the wait and is counted; {@link
 *       #idle(long)} measures its rate. Reading {@code pg_stat_user_tables} scans the catalog of
 *       this database, counted in its {@code tup_returned} (hundreds of rows per reading,
 *       negligible against a phase); the per-table figures are user tables only.
 * </ul>
 *
 * {@code pg_stat_statements} (statements per export) is not used: it needs {@code
 * shared_preload_libraries}, i.e. a change of the server's configuration and a restart, which this
 * shared machine's PostgreSQL does not allow; transactions ({@code xact_commit}) and rows read and
 * written per table stand in for it.
 */
final class CostMeter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CostMeter.class.getName());

  /** Longer than PostgreSQL 15's PGSTAT_IDLE_INTERVAL (10 s): pending counters are flushed. */
  static final long SETTLE_MS = 12_000;

  static final double TICKS_PER_SECOND = 100.0;

  /** A process measured by its pid (may be absent: -1). */
  record Proc(String label, long pid) {}

  /** One reading: when, CPU ticks per label, database counters, per-table counters. */
  record Mark(
      long nanos,
      Map<String, Long> cpu,
      Map<String, Long> db,
      Map<String, long[]> tables,
      Map<String, Long> active,
      Map<String, Long> threads) {}

  static final String BACKENDS = "PostgreSQL backends of this database";
  static final String CLUSTER = "PostgreSQL cluster, all databases (upper bound)";

  static final String[] DB_COLUMNS = {
    "xact_commit",
    "xact_rollback",
    "tup_returned",
    "tup_fetched",
    "tup_inserted",
    "tup_updated",
    "tup_deleted",
    "blks_hit",
    "blks_read"
  };

  static final String[] TABLE_COLUMNS = {
    "seq_scan", "seq_tup_read", "idx_scan", "idx_tup_fetch", "n_tup_ins", "n_tup_upd", "n_tup_del"
  };

  private final List<Proc> procs = new ArrayList<>();
  private final Connection database; // the benchmark's database: per-table counters
  private final Connection admin; // the "postgres" database: activity and database counters
  private final String databaseName;
  private final long postmaster;
  private final ScheduledExecutorService sampler;
  private final Map<String, Long> backendTicks = new ConcurrentHashMap<>();

  /**
   * Samples of this database's backends caught {@code active}, by statement text (a sampling
   * stand-in for {@code pg_stat_statements}: where the database's time goes, not how often).
   */
  private final Map<String, Long> activeSamples = new ConcurrentHashMap<>();

  CostMeter(BenchConfig config, List<Proc> procs) throws SQLException {
    this.procs.addAll(procs);
    database = DriverManager.getConnection(config.pgUrl(), config.pgUser(), config.pgPassword());
    admin =
        DriverManager.getConnection(adminUrl(config.pgUrl()), config.pgUser(), config.pgPassword());
    try (Statement s = database.createStatement();
        ResultSet r = s.executeQuery("SELECT current_database(), pg_backend_pid()")) {
      r.next();
      databaseName = r.getString(1);
      postmaster = field(r.getLong(2), 3); // the backend's parent is the postmaster
    }
    LOG.info(
        () -> "Cost meter: database " + databaseName + ", postmaster " + postmaster + ", " + procs);
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cost-sampler");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleWithFixedDelay(this::sampleBackends, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** jdbc:postgresql://host:port/db?x → jdbc:postgresql://host:port/postgres?x */
  static String adminUrl(String url) {
    return url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1postgres");
  }

  private synchronized void sampleBackends() {
    try (PreparedStatement s =
        admin.prepareStatement(
            "SELECT pid, state, query FROM pg_stat_activity WHERE datname = ?")) {
      s.setString(1, databaseName);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long pid = r.getLong(1);
          if ("active".equals(r.getString(2)) && r.getString(3) != null) {
            String q = r.getString(3).replaceAll("\\s+", " ").strip();
            activeSamples.merge(q.length() > 160 ? q.substring(0, 160) + "…" : q, 1L, Long::sum);
          }
          long[] stat = stat(pid);
          if (stat.length > 21) {
            // utime (14) + stime (15), keyed by pid and start time (22)
            backendTicks.put(pid + "@" + stat[21], stat[13] + stat[14]);
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.fine(() -> "backend sample failed: " + e);
    }
  }

  /** Waits for PostgreSQL's counters to settle, then reads them and the CPU times. */
  Mark before() throws Exception {
    Thread.sleep(SETTLE_MS);
    Map<String, Long> db = databaseCounters();
    Map<String, long[]> tables = tableCounters();
    Map<String, Long> threads = new LinkedHashMap<>();
    return new Mark(
        System.nanoTime(), cpu(threads), db, tables, Map.copyOf(activeSamples), threads);
  }

  /** Reads the CPU times now, then waits for PostgreSQL's counters to settle and reads them. */
  Mark after() throws Exception {
    long nanos = System.nanoTime();
    Map<String, Long> threads = new LinkedHashMap<>();
    Map<String, Long> cpu = cpu(threads);
    Map<String, Long> active = Map.copyOf(activeSamples);
    Thread.sleep(SETTLE_MS);
    return new Mark(nanos, cpu, databaseCounters(), tableCounters(), active, threads);
  }

  /** Two settled readings {@code millis} apart with nothing but the app's background work. */
  Mark[] idle(long millis) throws Exception {
    Mark a = before();
    Thread.sleep(millis);
    Mark b = after();
    return new Mark[] {a, b};
  }

  /** CPU ticks per measured process, and per app JVM thread group into {@code threads}. */
  private Map<String, Long> cpu(Map<String, Long> threads) {
    sampleBackends();
    Map<String, Long> cpu = new LinkedHashMap<>();
    for (Proc p : procs) {
      long[] stat = p.pid() > 0 ? stat(p.pid()) : new long[0];
      cpu.put(p.label(), stat.length > 14 ? stat[13] + stat[14] : -1L);
    }
    for (Proc p : procs) {
      if (p.label().equals(MidnightBenchmark.CLIENT) || p.pid() <= 0) {
        continue;
      }
      Map<String, Long> groups = threadTicks(p.pid());
      long jit = -1;
      long gc = -1;
      if (groups != null) {
        jit = 0;
        gc = 0;
        for (Map.Entry<String, Long> g : groups.entrySet()) {
          threads.put(p.label() + THREADS + g.getKey(), g.getValue());
          if (g.getKey().startsWith("C# Compiler")) { // C1, C2
            jit += g.getValue();
          } else if (g.getKey().startsWith("GC Thread")
              || g.getKey().startsWith("G# ") // G1 Conc#0, G1 Refine#0, G1 Service
              || g.getKey().equals("VM Thread")) {
            gc += g.getValue();
          }
        }
      }
      cpu.put(p.label() + JIT, jit);
      cpu.put(p.label() + GC, gc);
    }
    cpu.put(BACKENDS, backendTicks.values().stream().mapToLong(Long::longValue).sum());
    cpu.put(CLUSTER, clusterTicks());
    return cpu;
  }

  static final String JIT = " — of which JIT compiler threads (live ones: a lower bound)";
  static final String GC = " — of which GC and VM threads";

  static final String THREADS = " · threads ";

  /**
   * A JVM's CPU per thread group, from {@code /proc/<pid>/task/<tid>/stat}: thread names are cut to
   * 15 characters there, and digits are replaced by {@code #} so that a pool's threads form one
   * group ({@code Batch Thread - #}, {@code C# CompilerThre}, {@code GC Thread##}). Threads that
   * ended between two readings take their CPU with them (a lower bound per group); null if the
   * process cannot be read.
   */
  static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> groups = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : tasks.toList()) {
        String text;
        try {
          text = Files.readString(t.resolve("stat"));
        } catch (IOException e) {
          continue;
        }
        String comm = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
        String[] rest = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]); // fields 14, 15
        groups.merge(comm.replaceAll("[0-9]", "#"), ticks, Long::sum);
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return groups;
  }

  /** The postmaster with its reaped children, plus its live children (with theirs). */
  private long clusterTicks() {
    long[] pm = stat(postmaster);
    if (pm.length < 17) {
      return -1;
    }
    long total = pm[13] + pm[14] + pm[15] + pm[16];
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path d : dirs.toList()) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long[] s = stat(Long.parseLong(name));
        if (s.length > 16 && s[3] == postmaster) {
          total += s[13] + s[14] + s[15] + s[16];
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  private Map<String, Long> databaseCounters() throws SQLException {
    try (Statement clear = admin.createStatement()) {
      clear.execute("SELECT pg_stat_clear_snapshot()");
    }
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement s =
        admin.prepareStatement(
            "SELECT "
                + String.join(", ", DB_COLUMNS)
                + " FROM pg_stat_database WHERE datname = ?")) {
      s.setString(1, databaseName);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        for (String c : DB_COLUMNS) {
          out.put(c, r.getLong(c));
        }
      }
    }
    return out;
  }

  private Map<String, long[]> tableCounters() throws SQLException {
    Map<String, long[]> out = new TreeMap<>();
    try (Statement s = database.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet r =
          s.executeQuery(
              "SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0),"
                  + " coalesce(idx_tup_fetch, 0), n_tup_ins, n_tup_upd, n_tup_del"
                  + " FROM pg_stat_user_tables WHERE schemaname = 'public'")) {
        while (r.next()) {
          long[] v = new long[TABLE_COLUMNS.length];
          for (int i = 0; i < v.length; i++) {
            v[i] = r.getLong(i + 2);
          }
          out.put(r.getString(1), v);
        }
      }
    }
    return out;
  }

  /** The numeric fields of /proc/pid/stat, 0-based by field number − 1 (comm left as 0). */
  static long[] stat(long pid) {
    String text;
    try {
      text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return new long[0];
    }
    int close = text.lastIndexOf(')');
    String[] rest = text.substring(close + 2).trim().split(" ");
    long[] f = new long[rest.length + 2];
    f[0] = pid;
    for (int i = 0; i < rest.length; i++) {
      if (i == 0) {
        continue; // state letter
      }
      try {
        f[i + 2] = Long.parseLong(rest[i]);
      } catch (NumberFormatException e) {
        f[i + 2] = 0;
      }
    }
    return f;
  }

  private static long field(long pid, int number) {
    long[] f = stat(pid);
    return f.length >= number ? f[number] : -1;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    try {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : List.of(database, admin)) {
      try {
        c.close();
      } catch (SQLException e) {
        // ignore
      }
    }
  }

  // ------------------------------------------------------------------ reporting

  static double cpuSeconds(Mark a, Mark b, String label) {
    Long x = a.cpu().get(label);
    Long y = b.cpu().get(label);
    return x == null || y == null || x < 0 || y < 0 ? Double.NaN : (y - x) / TICKS_PER_SECOND;
  }

  /**
   * Markdown: CPU per process and database counters over the phase, total and per {@code unit}
   * ({@code perUnit} units of work, e.g. exports / 1, events / 1,000), per-table rows per unit.
   *
   * @param appLabels the labels summed as "app + PostgreSQL + s3proxy" (with {@link #BACKENDS})
   */
  static String describe(
      String title, Mark a, Mark b, double units, String unit, List<String> appLabels) {
    StringBuilder out = new StringBuilder();
    double seconds = (b.nanos() - a.nanos()) / 1e9;
    out.append("#### ")
        .append(title)
        .append(
            String.format(
                Locale.ROOT,
                " — %.1f s, %,.1f %s%n%n",
                seconds,
                units,
                unit.isEmpty() ? "units" : unit));
    out.append("| CPU (utime + stime) | CPU-s | CPU-ms per ")
        .append(unit)
        .append(" |\n|---|---|---|\n");
    double total = 0;
    for (String label : a.cpu().keySet()) {
      double s = cpuSeconds(a, b, label);
      if (appLabels.contains(label) || label.equals(BACKENDS)) {
        total += Double.isNaN(s) ? 0 : s;
      }
      out.append(
          String.format(
              Locale.ROOT, "| %s | %.2f | %.2f |%n", label, s, s * 1000.0 / Math.max(units, 1e-9)));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| **total: app JVM(s) + s3proxy + PostgreSQL backends** | **%.2f** | **%.2f** |%n%n",
            total,
            total * 1000.0 / Math.max(units, 1e-9)));
    out.append(threadGroups(a, b, units, unit));
    out.append("| pg_stat_database | delta | per ").append(unit).append(" |\n|---|---|---|\n");
    for (String c : DB_COLUMNS) {
      long d = b.db().get(c) - a.db().get(c);
      out.append(
          String.format(Locale.ROOT, "| %s | %,d | %,.2f |%n", c, d, d / Math.max(units, 1e-9)));
    }
    out.append("\n| table (per ")
        .append(unit)
        .append(") | ")
        .append(String.join(" | ", TABLE_COLUMNS))
        .append(" |\n|---|")
        .append("---|".repeat(TABLE_COLUMNS.length))
        .append("\n");
    for (Map.Entry<String, long[]> e : b.tables().entrySet()) {
      long[] before = a.tables().getOrDefault(e.getKey(), new long[TABLE_COLUMNS.length]);
      long[] after = e.getValue();
      boolean any = false;
      StringBuilder row = new StringBuilder("| " + e.getKey());
      for (int i = 0; i < TABLE_COLUMNS.length; i++) {
        long d = after[i] - before[i];
        any |= d != 0;
        row.append(String.format(Locale.ROOT, " | %,.2f", d / Math.max(units, 1e-9)));
      }
      if (any) {
        out.append(row).append(" |\n");
      }
    }
    out.append("\n");
    Map<String, Long> active = new LinkedHashMap<>();
    b.active()
        .forEach(
            (q, v) -> {
              long d = v - a.active().getOrDefault(q, 0L);
              if (d > 0) {
                active.put(q, d);
              }
            });
    long samples = active.values().stream().mapToLong(Long::longValue).sum();
    if (samples > 0) {
      out.append(
              "| statements caught active (samples every 200 ms of this database's backends;"
                  + " top 12 of ")
          .append(samples)
          .append(") | samples | share |\n|---|---|---|\n");
      active.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(12)
          .forEach(
              e ->
                  out.append(
                      String.format(
                          Locale.ROOT,
                          "| `%s` | %d | %.0f %% |%n",
                          e.getKey().replace("|", "\\|").replace("`", "'"),
                          e.getValue(),
                          100.0 * e.getValue() / samples)));
      out.append("\n");
    }
    return out.toString();
  }

  /** The app JVMs' thread groups that took the most CPU between two readings (top 12 each). */
  static String threadGroups(Mark a, Mark b, double units, String unit) {
    Map<String, List<Map.Entry<String, Long>>> byProcess = new TreeMap<>();
    b.threads()
        .forEach(
            (key, ticks) -> {
              long d = ticks - a.threads().getOrDefault(key, 0L);
              int cut = key.indexOf(THREADS);
              if (d > 0 && cut > 0) {
                byProcess
                    .computeIfAbsent(key.substring(0, cut), k -> new ArrayList<>())
                    .add(Map.entry(key.substring(cut + THREADS.length()), d));
              }
            });
    if (byProcess.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("| JVM thread group (names cut to 15 characters, digits as #; top 12) | CPU-s |")
        .append(" CPU-ms per ")
        .append(unit)
        .append(" |\n|---|---|---|\n");
    byProcess.forEach(
        (process, groups) ->
            groups.stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(
                    g ->
                        out.append(
                            String.format(
                                Locale.ROOT,
                                "| %s: `%s` | %.2f | %.2f |%n",
                                process,
                                g.getKey(),
                                g.getValue() / TICKS_PER_SECOND,
                                g.getValue()
                                    * 1000.0
                                    / TICKS_PER_SECOND
                                    / Math.max(units, 1e-9)))));
    return out.append("\n").toString();
  }

  /** One line for logs: the total CPU-ms per unit and transactions per unit. */
  static String summary(Mark a, Mark b, double units, String unit, List<String> appLabels) {
    double total = cpuSeconds(a, b, BACKENDS);
    for (String l : appLabels) {
      double s = cpuSeconds(a, b, l);
      total += Double.isNaN(s) ? 0 : s;
    }
    long xacts = b.db().get("xact_commit") - a.db().get("xact_commit");
    return String.format(
        Locale.ROOT,
        "%.1f CPU-ms per %s (app + s3proxy + PostgreSQL backends; PostgreSQL %.1f), %.2f"
            + " transactions per %s",
        total * 1000 / units,
        unit,
        cpuSeconds(a, b, BACKENDS) * 1000 / units,
        xacts / units,
        unit);
  }
}
