package com.warehouseexport.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The benchmark's settings, from {@code -Dbench.*} system properties (see benchmarks/pom.xml). */
record BenchConfig(
    String db,
    String pgUrl,
    String pgUser,
    String pgPassword,
    int portOffset,
    String serverHeap,
    int threads,
    int batch,
    int ingestWarmup,
    int ingestEvents,
    int exportCompanies,
    int exportScale,
    String exportAggregation,
    int exportRuns,
    int baselineRuns,
    Set<String> run,
    Path jbossHome,
    Path ear,
    Path workDir) {

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
        System.getProperty("bench.db", "postgresql"),
        System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/bench"),
        System.getProperty("bench.pg.user", "postgres"),
        System.getProperty("bench.pg.password", "postgres"),
        Integer.getInteger("bench.port.offset", 200),
        System.getProperty("bench.server.heap", "1g"),
        Integer.getInteger("bench.threads", 4),
        Integer.getInteger("bench.batch", 2000),
        Integer.getInteger("bench.ingest.warmup", 40_000),
        Integer.getInteger("bench.ingest.events", 250_000),
        Integer.getInteger("bench.export.companies", 4200),
        Integer.getInteger("bench.export.scale", 4),
        System.getProperty("bench.export.aggregation", "30-days-daily"),
        Integer.getInteger("bench.export.runs", 2),
        Integer.getInteger("bench.baseline.runs", 5),
        Arrays.stream(System.getProperty("bench.run", "ingest,export").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet()),
        Path.of(required("bench.jboss.home")),
        Path.of(required("bench.ear")),
        Path.of(System.getProperty("bench.work.dir", "target/bench")).toAbsolutePath());
  }

  boolean postgres() {
    return !"h2".equalsIgnoreCase(db);
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing -D" + name);
    }
    return value;
  }
}
