package com.warehouseexport.core.parquet;

import com.warehouseexport.core.csv.CompanyUsageCsvReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a finished export CSV (the checkpointed part file of the batch step) into the period's
 * Parquet file. A pure function of the complete CSV: an interrupted conversion is simply run again
 * from the first row (docs/parquet.md, "Restart"). Memory stays at one row group.
 */
public final class CsvToParquet {

  private CsvToParquet() {}

  /**
   * Writes {@code parquet} (replacing it) from {@code csv}.
   *
   * @return the data rows written
   * @throws IOException if either file cannot be used
   * @throws IllegalArgumentException if the CSV is not a company-usage export
   */
  public static long convert(Path csv, Path parquet, ParquetCompression compression)
      throws IOException {
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CompanyUsageCsvReader in = new CompanyUsageCsvReader(reader);
        CompanyUsageParquetWriter out = new CompanyUsageParquetWriter(parquet, compression)) {
      while (in.hasNext()) {
        out.write(in.next());
      }
      return out.rows();
    }
  }

  /**
   * Streams the Parquet file of the CSV read from {@code csv} into {@code out} (a download); closes
   * {@code csv} but not {@code out}.
   *
   * @return the data rows written
   */
  public static long convert(InputStream csv, OutputStream out, ParquetCompression compression)
      throws IOException {
    try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8);
        CompanyUsageCsvReader in = new CompanyUsageCsvReader(reader);
        CompanyUsageParquetWriter writer =
            new CompanyUsageParquetWriter(new KeepOpen(out), compression)) {
      while (in.hasNext()) {
        writer.write(in.next());
      }
      return writer.rows();
    }
  }

  /** Flushes instead of closing: the caller owns the stream. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
