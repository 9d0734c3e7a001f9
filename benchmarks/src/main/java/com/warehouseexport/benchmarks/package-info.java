/**
 * Benchmarks run with {@code mvn -B -Pbenchmark -DskipITs verify}: export vs PostgreSQL COPY,
 * ingestion throughput; with {@code -Dbench.run=status|history|midnight} the job repository,
 * history-length (100 vs 1,000 days) and many-environments benchmarks; results in
 * docs/benchmarks.md.
 */
package com.warehouseexport.benchmarks;
