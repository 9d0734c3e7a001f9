package com.warehouseexport.batch.writer;

import com.warehouseexport.batch.aggregator.CompanyRows;
import com.warehouseexport.batch.reader.CompanyHistoryReader;
import com.warehouseexport.core.csv.CompanyUsageCsvWriter;
import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportProgress;
import com.warehouseexport.export.manual.ExportWorkDir;
import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Streams the rows as RFC 4180 CSV (commons-csv) into the export's part file. Honours its
 * checkpoint: on a restart the file is cut back to the last committed byte and continued, so the
 * result is byte-identical to an uninterrupted run (one header, no duplicated rows).
 *
 * <p>The file is written and synced by one background thread ({@link WriteBehindFile}) while the
 * batch thread computes the next rows; each chunk ends with every byte written and synced before
 * its checkpoint (the committed length) is taken, as before.
 */
@Named
@Dependent
public class CompanyUsageCsvItemWriter extends AbstractItemWriter {

  @Inject private JobContext jobContext;
  @Inject private StepContext stepContext;

  /** The environment exported: its part file is written (job parameter {@code environmentId}). */
  @Inject
  @BatchProperty(name = ExportJob.ENVIRONMENT_ID)
  private String environmentId;

  /**
   * {@code true}: prefix formula-like cells with {@code '} (job parameter {@code spreadsheetSafe},
   * default {@code false}); honoured only for downloads.
   */
  @Inject
  @BatchProperty(name = ExportJob.SPREADSHEET_SAFE)
  private String spreadsheetSafe;

  /**
   * {@code download} or {@code s3} (job parameter {@code destination}): a bucket export is always
   * raw, whatever {@code spreadsheetSafe} says.
   */
  @Inject
  @BatchProperty(name = ExportJob.DESTINATION)
  private String destination;

  /** Buffers of the background writer: below G1's humongous size for a 1 GB heap. */
  private static final int WRITE_BUFFER_BYTES = 256 * 1024;

  private static final int WRITE_BUFFERS = 8;

  /** The background writer syncs the file every this many bytes, so a checkpoint waits little. */
  private static final long SYNC_EVERY_BYTES = 4L * 1024 * 1024;

  /** Makes the background writer's thread (WildFly's default managed thread factory). */
  @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
  private ManagedThreadFactory threads;

  private FileChannel channel;
  private WriteBehindFile file;
  private CompanyUsageCsvWriter csv;
  private long rows;
  private long companies;

  /** The file's length after the last chunk, written and synced (the checkpoint). */
  private long committedBytes;

  /** For the batch runtime (CDI field injection). */
  public CompanyUsageCsvItemWriter() {}

  /** For unit tests: the contexts and properties the runtime would inject. */
  CompanyUsageCsvItemWriter(
      JobContext jobContext,
      StepContext stepContext,
      String environmentId,
      String spreadsheetSafe,
      String destination) {
    this.jobContext = jobContext;
    this.stepContext = stepContext;
    this.environmentId = environmentId;
    this.spreadsheetSafe = spreadsheetSafe;
    this.destination = destination;
  }

  @Override
  public void open(Serializable checkpoint) throws Exception {
    Path file = ExportWorkDir.partFile(Long.parseLong(environmentId), jobContext.getInstanceId());
    if (checkpoint instanceof CsvFileCheckpoint c
        && Files.exists(file)
        && Files.size(file) < c.bytes()) {
      throw new IllegalStateException(
          "The partial export file is shorter than its checkpoint; start the export again");
    }
    if (!Files.exists(file)) {
      // A first start, or a take-over from a node that died with the partial file on its disk:
      // the reader starts from the beginning too (it checks the same file before this).
      checkpoint = null;
    }
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    long bytes = 0;
    if (checkpoint instanceof CsvFileCheckpoint c) {
      bytes = c.bytes();
      rows = c.rows();
      companies = c.companies();
    }
    channel.truncate(bytes);
    channel.position(bytes);
    committedBytes = bytes;
    this.file =
        new WriteBehindFile(
            channel,
            threads == null ? Executors.defaultThreadFactory() : threads, // unit tests: plain
            WRITE_BUFFER_BYTES,
            WRITE_BUFFERS,
            SYNC_EVERY_BYTES);
    csv =
        new CompanyUsageCsvWriter(
            this.file,
            "true".equalsIgnoreCase(spreadsheetSafe) && ExportJob.isDownload(destination));
    if (bytes == 0) {
      csv.writeHeader();
      csv.flush();
    }
  }

  @Override
  public void writeItems(List<Object> items) throws Exception {
    for (Object item : items) {
      for (CompanyUsageRow row : ((CompanyRows) item).rows()) {
        csv.write(row);
        rows++;
      }
      companies++;
    }
    csv.flush();
    committedBytes = this.file.durable();
    long total =
        jobContext.getTransientUserData() instanceof CompanyHistoryReader reader
            ? reader.companiesTotal()
            : 0;
    stepContext.setPersistentUserData(new ExportProgress(rows, committedBytes, companies, total));
  }

  @Override
  public Serializable checkpointInfo() throws Exception {
    // not channel.position(): the background thread may be writing the next chunk's bytes
    return new CsvFileCheckpoint(committedBytes, rows, companies);
  }

  @Override
  public void close() throws Exception {
    try {
      if (csv != null) {
        csv.flush();
      }
    } finally {
      try {
        if (file != null) {
          file.close(); // waits for the bytes handed over, stops the thread
        }
      } finally {
        if (channel != null) {
          channel.force(true);
          channel.close();
        }
      }
    }
  }
}
