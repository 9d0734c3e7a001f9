package com.warehouseexport.core.parquet;

import com.warehouseexport.core.csv.CompanyUsageCsv;
import com.warehouseexport.core.usage.CompanyUsageRow;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Writes company-usage rows (the same {@link CompanyUsageRow}s as the CSV writer, in the same
 * order) as one Parquet file with the schema {@link CompanyUsageParquet#SCHEMA}.
 *
 * <p>Memory stays flat whatever the row count: rows are encoded into the current row group's column
 * pages, and each row group is written out once it holds {@link #ROW_GROUP_BYTES} (the file is
 * never held in memory). The file is complete only after {@link #close()}, which writes the footer;
 * a Parquet file cannot be appended to, so a writer interrupted half-way leaves a file that must be
 * written again from the first row (docs/parquet.md, "Restart").
 *
 * <p>Nothing of Hadoop is used: the output is a plain {@link OutputFile}, the configuration a
 * {@link PlainParquetConfiguration}, and the pages are compressed by {@link PureJavaCodecFactory}.
 */
public final class CompanyUsageParquetWriter implements Closeable {

  /**
   * Buffered (encoded, compressed) size at which a row group is written out at the latest. A
   * typical export compresses to a few bytes a row, so {@link #ROW_GROUP_ROWS} usually comes first.
   */
  public static final int ROW_GROUP_BYTES = 8 * 1024 * 1024;

  /**
   * Rows after which a row group is written out (2<sup>17</sup>, near DuckDB's 122,880): a 1 M-row
   * export is 8 row groups, and the writer holds one of them at a time.
   */
  public static final int ROW_GROUP_ROWS = 131_072;

  /** Target size of a data page before compression. */
  static final int PAGE_BYTES = 1024 * 1024;

  /** The key of the file metadata entry holding the schema version of docs/schema.md. */
  public static final String SCHEMA_VERSION_KEY = "warehouse_export.schema_version";

  private final ParquetWriter<CompanyUsageRow> writer;
  private long rows;

  /**
   * Writes (replacing) the file at {@code file}.
   *
   * @throws IOException if the file cannot be created
   */
  public CompanyUsageParquetWriter(Path file, ParquetCompression compression) throws IOException {
    this(new LocalOutputFile(file), compression);
  }

  /**
   * Streams the file into {@code out} (e.g. an HTTP response or an upload); {@link #close()} writes
   * the footer and closes {@code out}.
   *
   * @throws IOException if the stream cannot be written
   */
  public CompanyUsageParquetWriter(OutputStream out, ParquetCompression compression)
      throws IOException {
    this(new StreamOutputFile(out), compression);
  }

  private CompanyUsageParquetWriter(OutputFile file, ParquetCompression compression)
      throws IOException {
    Objects.requireNonNull(compression, "compression");
    writer =
        new Builder(file)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(new PureJavaCodecFactory())
            .withCompressionCodec(compression.codec())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withRowGroupSize((long) ROW_GROUP_BYTES)
            .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
            .withPageSize(PAGE_BYTES)
            .withDictionaryPageSize(PAGE_BYTES)
            .withDictionaryEncoding(true)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withValidation(false)
            .build();
  }

  /** Adds one row. */
  public void write(CompanyUsageRow row) throws IOException {
    writer.write(row);
    rows++;
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }

  /** Bytes of the file so far: row groups written out plus the one being filled (an estimate). */
  public long dataSize() {
    return writer.getDataSize();
  }

  /** Writes the last row group and the footer, and closes the output. */
  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<CompanyUsageRow, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<CompanyUsageRow> getWriteSupport(ParquetConfiguration conf) {
      return support();
    }

    @Override
    protected WriteSupport<CompanyUsageRow> getWriteSupport(
        org.apache.hadoop.conf.Configuration conf) {
      return support();
    }

    private static WriteSupport<CompanyUsageRow> support() {
      return new CompanyUsageWriteSupport(
          Map.of(SCHEMA_VERSION_KEY, CompanyUsageCsv.SCHEMA_VERSION));
    }
  }

  /** An {@link OutputFile} over a stream that counts its position. */
  private static final class StreamOutputFile implements OutputFile {
    private final OutputStream out;

    StreamOutputFile(OutputStream out) {
      this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          position += len;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
