package com.warehouseexport.benchmarks;

import com.warehouseexport.core.postgres.CompanyUsageTable;
import com.warehouseexport.core.postgres.PostgresTarget;
import com.warehouseexport.core.postgres.TlsMode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code bench.run=pgdest}: the PostgreSQL table destination (issue 23) against a plain {@code COPY
 * … FROM STDIN (FORMAT csv)} of the same rows, in the same run. One environment loaded like the
 * export benchmark with {@code bench.export.companies × bench.export.scale} companies, so that the
 * daily period holds companies × features rows; its automatic-export destination is a table in a
 * scratch database on the benchmark's PostgreSQL ({@code bench.pg.url}'s server, dropped
 * afterwards). Measured: the period's export job delivering into the table ({@code
 * bench.export.runs} times, the first creating the table, the others replacing the period; best
 * reported), and, as the baseline, {@code bench.baseline.runs} times a {@code COPY} of the period's
 * CSV (a snapshot as of the period's end, downloaded once) into an empty table of the same
 * definition (same types and primary key), from this JVM.
 */
final class PostgresDestinationBenchmark {

  private static final Logger LOG = Logger.getLogger(PostgresDestinationBenchmark.class.getName());

  private final BenchConfig config;
  private final BenchApi api;
  private final StringBuilder report;

  PostgresDestinationBenchmark(BenchConfig config, BenchApi api, StringBuilder report) {
    this.config = config;
    this.api = api;
    this.report = report;
  }

  void run() throws Exception {
    int companies = config.exportCompanies() * config.exportScale();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate period = today.minusDays(1);
    BenchApi.Tenant tenant = Benchmarks.exportEnvironment(api, "Bench pgdest");
    long env = tenant.environmentId();
    LOG.info("PostgreSQL destination: loading " + companies + " companies");
    Benchmarks.send(
        api,
        tenant.ingestionKey(),
        Workload.companies(
            "d", companies, config.threads(), config.batch(), today.minusDays(110), 21));
    Benchmarks.send(
        api,
        tenant.ingestionKey(),
        Workload.exportEvents("d", companies, config.threads(), config.batch(), period, 22));

    URI server = URI.create(config.pgUrl().substring("jdbc:".length()));
    String database = "bench_pgdest_" + System.currentTimeMillis();
    String admin = "jdbc:postgresql://" + server.getHost() + ":" + port(server) + "/postgres";
    String url = "jdbc:postgresql://" + server.getHost() + ":" + port(server) + "/" + database;
    try (Connection c = DriverManager.getConnection(admin, config.pgUser(), config.pgPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    try {
      String loadBefore = Benchmarks.load();
      String settings =
          Json.createObjectBuilder()
              .add("enabled", true)
              .add("cadence", "daily")
              .add(
                  "destination",
                  Json.createObjectBuilder()
                      .add("kind", "postgresql")
                      .add("host", server.getHost())
                      .add("port", port(server))
                      .add("database", database)
                      .add("user", config.pgUser())
                      .add("password", config.pgPassword())
                      .add("tlsMode", "disable"))
              .build()
              .toString();
      api.operator("PUT", "/api/v1/environments/" + env + "/export-settings", settings, 200);
      List<Double> jobs = new ArrayList<>();
      long rows = 0;
      for (int run = 1; run <= Math.max(2, config.exportRuns()); run++) {
        long started = System.nanoTime();
        JsonObject answer =
            api.operator(
                "POST",
                "/api/v1/environments/"
                    + env
                    + "/export-periods/"
                    + period
                    + (run == 1 ? "" : "?replace=true"),
                null,
                202);
        long id = answer.getJsonNumber("executionId").longValue();
        JsonObject status = Benchmarks.awaitExport(api, id, "pgdest");
        if (!"COMPLETED".equals(status.getString("status"))) {
          throw new IllegalStateException("Delivery into the table ended " + status);
        }
        jobs.add(Benchmarks.serverSeconds(status, (System.nanoTime() - started) / 1e9));
        rows = count(url, "public.company_usage");
      }

      // The baseline: the same rows as CSV (a snapshot as of the period's end), COPY'd into an
      // empty table of the same definition.
      String asOf = today.atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1).toString();
      long snapshot = api.startExport(env, "snapshot", asOf);
      JsonObject done = Benchmarks.awaitExport(api, snapshot, "pgdest-csv");
      if (!"COMPLETED".equals(done.getString("status"))) {
        throw new IllegalStateException("The snapshot export ended " + done);
      }
      Path csv = config.workDir().resolve("pgdest-period.csv");
      Files.deleteIfExists(csv);
      api.downloadCsv(snapshot, csv);
      long csvRows = Benchmarks.countLines(csv) - 1;
      List<Double> copies = new ArrayList<>();
      for (int run = 0; run < config.baselineRuns(); run++) {
        copies.add(copy(url, csv, period));
      }
      Files.deleteIfExists(csv);
      String loadAfter = Benchmarks.load();
      double job = jobs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double baseline = copies.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      String line =
          String.format(
              Locale.ROOT,
              "| %,d | %,d | %.2f s (%s) | %.2f s (%s) | **%.2f** | %s → %s |",
              rows,
              csvRows,
              job,
              list(jobs),
              baseline,
              list(copies),
              job / baseline,
              loadBefore,
              loadAfter);
      LOG.info("PostgreSQL destination: " + line);
      report
          .append("### PostgreSQL table destination vs a plain COPY of the same CSV\n\n")
          .append(
              "| rows in the table | CSV rows | export job into the table, best (runs; the first"
                  + " creates the table, the others replace the period) | `COPY … FROM STDIN"
                  + " (FORMAT csv)` into an empty table of the same definition, best (runs) |"
                  + " ratio job / COPY | load avg before → after |\n")
          .append("|---|---|---|---|---|---|\n")
          .append(line)
          .append("\n\n");
    } finally {
      try (Connection c = DriverManager.getConnection(admin, config.pgUser(), config.pgPassword());
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  /** One baseline run: a fresh table of the destination's definition, then COPY; seconds. */
  private double copy(String url, Path csv, LocalDate period) throws Exception {
    PostgresTarget target =
        new PostgresTarget(
            "localhost", 5432, "bench", "public", "copy_baseline", "bench", TlsMode.DISABLE);
    List<String> columns = new ArrayList<>();
    for (CompanyUsageTable.Column c : CompanyUsageTable.COLUMNS) {
      if (!c.name().equals("export_period") && !c.name().equals("exported_at")) {
        columns.add("\"" + c.name() + "\"");
      }
    }
    try (Connection c = DriverManager.getConnection(url, config.pgUser(), config.pgPassword())) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS public.copy_baseline");
        s.execute(CompanyUsageTable.createTable(target));
        s.execute(
            "ALTER TABLE public.copy_baseline ALTER COLUMN export_period SET DEFAULT DATE '"
                + period
                + "', ALTER COLUMN exported_at SET DEFAULT now()");
      }
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long t0 = System.nanoTime();
      try (InputStream in = Files.newInputStream(csv)) {
        copy.copyIn(
            "COPY public.copy_baseline ("
                + String.join(", ", columns)
                + ") FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')",
            in);
      }
      c.commit();
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private long count(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url, config.pgUser(), config.pgPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int port(URI server) {
    return server.getPort() < 0 ? 5432 : server.getPort();
  }

  private static String list(List<Double> values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
    }
    return b.toString();
  }
}
