package com.warehouseexport.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL baseline of PRODUCT.md §7: the exported CSV loaded into a typed table of the same
 * shape, then {@code COPY (SELECT * … ORDER BY …) TO STDOUT (FORMAT csv, HEADER)} streamed to a
 * byte counter — what the database itself needs to produce the same rows in the same order.
 */
final class PgBaseline {

  static final String SCHEMA = "bench_baseline";

  /** One timed COPY. */
  record Run(long nanos, long bytes) {}

  private final BenchConfig config;

  PgBaseline(BenchConfig config) {
    this.config = config;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(config.pgUrl(), config.pgUser(), config.pgPassword());
  }

  /** Drops and recreates the application's schema (PostgreSQL runs) and the baseline schema. */
  void resetSchemas(boolean application) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      if (application) {
        s.execute("DROP SCHEMA IF EXISTS public CASCADE");
        s.execute("CREATE SCHEMA public");
      }
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
  }

  /** Loads the CSV (with header) into a new table; returns the rows loaded. */
  long load(String table, Path csv) throws SQLException, IOException {
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + SCHEMA + "." + table);
        s.execute(
            "CREATE TABLE "
                + SCHEMA
                + "."
                + table
                + " (company_id text, company_name text, feature_name text, feature_id text,"
                + " date date, first_seen date, last_seen date, first_used date, last_used date,"
                + " stars_state_label text, stars_state integer, frequency_label text,"
                + " frequency integer, satisfaction_label text, satisfaction integer,"
                + " feedback_count integer, segment_names text, segment_ids text)");
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long rows;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
        rows =
            copy.copyIn(
                "COPY " + SCHEMA + "." + table + " FROM STDIN WITH (FORMAT csv, HEADER)", in);
      }
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE " + SCHEMA + "." + table);
      }
      return rows;
    }
  }

  /** Times {@code runs} sorted COPY TO STDOUT of the table. */
  List<Run> measure(String table, int runs) throws SQLException, IOException {
    return measure(table, runs, false);
  }

  /**
   * Times {@code runs} sorted COPY TO STDOUT of the table; with {@code gzip} the client compresses
   * the stream (java.util.zip, default level: what the export's {@code csv.gz} uses) and {@link
   * Run#bytes()} counts the compressed bytes.
   */
  List<Run> measure(String table, int runs, boolean gzip) throws SQLException, IOException {
    List<Run> result = new ArrayList<>();
    String sql =
        "COPY (SELECT * FROM "
            + SCHEMA
            + "."
            + table
            + " ORDER BY company_id COLLATE \"C\", feature_id COLLATE \"C\", date)"
            + " TO STDOUT WITH (FORMAT csv, HEADER)";
    try (Connection c = connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (int i = 0; i < runs; i++) {
        CountingSink sink = new CountingSink();
        long started = System.nanoTime();
        if (gzip) {
          try (OutputStream z = new java.util.zip.GZIPOutputStream(sink, 1 << 16)) {
            copy.copyOut(sql, z);
          }
        } else {
          copy.copyOut(sql, sink);
        }
        result.add(new Run(System.nanoTime() - started, sink.count));
      }
    }
    return result;
  }

  void drop(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + SCHEMA + "." + table);
    }
  }

  /** Counts and discards. */
  static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
