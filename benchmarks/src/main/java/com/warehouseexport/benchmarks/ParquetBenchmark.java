package com.warehouseexport.benchmarks;

import com.warehouseexport.core.csv.CompanyUsageCsvReader;
import com.warehouseexport.core.parquet.CompanyUsageParquetWriter;
import com.warehouseexport.core.parquet.ParquetCompression;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * {@code bench.run=parquet}: Parquet against csv.gz for the same export, in the same run, at {@code
 * bench.export.companies} (1,008,000 rows by default) and {@code × bench.export.scale} companies.
 * Per size: one environment loaded like the export benchmark, the export job run {@code
 * bench.export.runs} times (best reported), the {@code csv.gz} download (compressed by the server
 * while it streams), then the plain CSV downloaded and turned into Parquet (zstd, and snappy) with
 * the product's own code ({@link CompanyUsageCsvReader} → {@link CompanyUsageParquetWriter}, the
 * conversion the publish step runs on the finished part file), and for a like-for-like figure into
 * gzip with the JDK's deflater at the server's level. The conversion's old-generation peak (this
 * JVM, {@code -Xmx${bench.client.heap}}) shows whether the writer's memory stays flat.
 */
final class ParquetBenchmark {

  private static final Logger LOG = Logger.getLogger(ParquetBenchmark.class.getName());

  private final BenchConfig config;
  private final BenchApi api;
  private final ManagementClient management;
  private final StringBuilder report;

  ParquetBenchmark(
      BenchConfig config, BenchApi api, ManagementClient management, StringBuilder report) {
    this.config = config;
    this.api = api;
    this.management = management;
    this.report = report;
  }

  void run() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(size("pq1", config.exportCompanies()));
    if (config.exportScale() > 1) {
      lines.add(size("pq" + config.exportScale(), config.exportCompanies() * config.exportScale()));
    }
    report
        .append("### Parquet vs csv.gz (")
        .append(config.exportAggregation())
        .append(", same export, same run)\n\n")
        .append(
            "| rows | CSV bytes | export job best (runs) | csv.gz download (server) | Parquet"
                + " download (server, best of 2) | gzip of the CSV here | Parquet zstd here: time,"
                + " bytes | Parquet snappy here: time, bytes | zstd / csv.gz size | conversion"
                + " old-gen peak here (zstd); server heap | load avg before → after |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    lines.forEach(l -> report.append(l).append('\n'));
    report.append('\n');
  }

  private String size(String name, int companies) throws Exception {
    LocalDate asOfDay = LocalDate.now(ZoneOffset.UTC);
    String asOf = asOfDay.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    BenchApi.Tenant tenant = Benchmarks.exportEnvironment(api, "Bench parquet " + name);
    long env = tenant.environmentId();
    String prefix = "p" + name.substring(2);
    LOG.info("Parquet " + name + ": loading " + companies + " companies");
    Benchmarks.send(
        api,
        tenant.ingestionKey(),
        Workload.companies(
            prefix, companies, config.threads(), config.batch(), asOfDay.minusDays(110), 11));
    Benchmarks.send(
        api,
        tenant.ingestionKey(),
        Workload.exportEvents(prefix, companies, config.threads(), config.batch(), asOfDay, 12));

    String loadBefore = Benchmarks.load();
    List<Double> jobs = new ArrayList<>();
    long executionId = -1;
    for (int run = 1; run <= config.exportRuns(); run++) {
      long started = System.nanoTime();
      long id = api.startExport(env, config.exportAggregation(), asOf);
      JsonObject status = Benchmarks.awaitExport(api, id, name);
      if (!"COMPLETED".equals(status.getString("status"))) {
        throw new IllegalStateException("Export " + name + " ended " + status);
      }
      jobs.add(Benchmarks.serverSeconds(status, (System.nanoTime() - started) / 1e9));
      executionId = id;
    }
    double job = jobs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();

    Path gz = config.workDir().resolve("parquet-" + name + ".csv.gz");
    Files.deleteIfExists(gz);
    long g0 = System.nanoTime();
    api.downloadCsvGz(executionId, gz);
    double gzDownload = (System.nanoTime() - g0) / 1e9;
    long gzBytes = Files.size(gz);
    Files.deleteIfExists(gz);

    // the server's Parquet download of the same execution (converted while it streams), twice:
    // the first also pays class loading and JIT of the writer in the server
    Path served = config.workDir().resolve("parquet-" + name + ".served.parquet");
    double servedSeconds = Double.MAX_VALUE;
    HeapSampler.Result servedHeap = null;
    for (int run = 0; run < 2; run++) {
      Files.deleteIfExists(served);
      try (HeapSampler sampler = new HeapSampler(management, 250)) {
        long p0 = System.nanoTime();
        api.downloadParquet(executionId, served);
        servedSeconds = Math.min(servedSeconds, (System.nanoTime() - p0) / 1e9);
        servedHeap = sampler.finish();
      }
    }
    long servedBytes = Files.size(served);
    Files.deleteIfExists(served);

    Path csv = config.workDir().resolve("parquet-" + name + ".csv");
    Files.deleteIfExists(csv);
    api.downloadCsv(executionId, csv);
    long csvBytes = Files.size(csv);
    long rows = Benchmarks.countLines(csv) - 1;

    // warm the conversion once on a prefix so the timed runs do not pay class loading and JIT
    convert(csv, config.workDir().resolve("warm.parquet"), ParquetCompression.ZSTD, 200_000);
    double gzipHere = gzip(csv, config.workDir().resolve("here.csv.gz"));
    long gzipHereBytes = Files.size(config.workDir().resolve("here.csv.gz"));
    Path zstd = config.workDir().resolve("parquet-" + name + ".zstd.parquet");
    Path snappy = config.workDir().resolve("parquet-" + name + ".snappy.parquet");
    resetPeaks();
    Converted z = convert(csv, zstd, ParquetCompression.ZSTD, Long.MAX_VALUE);
    long oldGenPeak = oldGenPeak();
    Converted s = convert(csv, snappy, ParquetCompression.SNAPPY, Long.MAX_VALUE);
    if (z.rows() != rows || s.rows() != rows) {
      throw new IllegalStateException("Parquet rows " + z.rows() + " / " + s.rows() + " ≠ " + rows);
    }
    String loadAfter = Benchmarks.load();
    long zBytes = Files.size(zstd);
    long sBytes = Files.size(snappy);
    for (Path p :
        List.of(
            csv,
            zstd,
            snappy,
            config.workDir().resolve("warm.parquet"),
            config.workDir().resolve("here.csv.gz"))) {
      Files.deleteIfExists(p);
    }
    StringBuilder runs = new StringBuilder();
    for (double j : jobs) {
      runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", j));
    }
    String line =
        String.format(
            Locale.ROOT,
            "| %,d | %,d | %.2f s (%s) | %.2f s, %,d bytes | %.2f s, %,d bytes | %.2f s, %,d bytes"
                + " | %.2f s, %,d bytes | %.2f s, %,d bytes | **%.2f** | %s; server during the"
                + " Parquet download: %s | %s → %s |",
            rows,
            csvBytes,
            job,
            runs,
            gzDownload,
            gzBytes,
            servedSeconds,
            servedBytes,
            gzipHere,
            gzipHereBytes,
            z.seconds(),
            zBytes,
            s.seconds(),
            sBytes,
            zBytes / (double) gzBytes,
            HeapSampler.mb(oldGenPeak),
            servedHeap.describe(),
            loadBefore,
            loadAfter);
    LOG.info("Parquet " + name + ": " + line);
    return line;
  }

  record Converted(long rows, double seconds) {}

  /** CSV → rows → Parquet, as the publish step does; at most {@code limit} rows. */
  private static Converted convert(Path csv, Path parquet, ParquetCompression codec, long limit)
      throws IOException {
    long t0 = System.nanoTime();
    long rows;
    try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CompanyUsageCsvReader in = new CompanyUsageCsvReader(reader);
        CompanyUsageParquetWriter out = new CompanyUsageParquetWriter(parquet, codec)) {
      while (in.hasNext() && out.rows() < limit) {
        out.write(in.next());
      }
      rows = out.rows();
    }
    return new Converted(rows, (System.nanoTime() - t0) / 1e9);
  }

  private static double gzip(Path csv, Path target) throws IOException {
    long t0 = System.nanoTime();
    try (InputStream in = Files.newInputStream(csv);
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16)) {
      in.transferTo(out);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Peak of the old-generation pool(s) since {@link #resetPeaks()}. */
  private static long oldGenPeak() {
    long peak = -1;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) {
        peak = Math.max(peak, pool.getPeakUsage().getUsed());
      }
    }
    return peak;
  }
}
