/**
 * Benchmarks run with {@code mvn -B -Pbenchmark -DskipITs verify}: export vs PostgreSQL COPY,
 * ingestion throughput; results in docs/benchmarks.md.
 */
package com.warehouseexport.benchmarks;
