package com.warehouseexport.batch.writer;

import com.warehouseexport.batch.aggregator.CompanyRows;
import com.warehouseexport.batch.reader.CompanyHistoryReader;
import com.warehouseexport.core.csv.CompanyUsageCsvWriter;
import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportProgress;
import com.warehouseexport.export.manual.ExportWorkDir;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Streams the rows as RFC 4180 CSV (commons-csv) into the export's part file. Honours its
 * checkpoint: on a restart the file is cut back to the last committed byte and continued, so the
 * result is byte-identical to an uninterrupted run (one header, no duplicated rows).
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

  private FileChannel channel;
  private CompanyUsageCsvWriter csv;
  private long rows;
  private long companies;

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
    csv =
        new CompanyUsageCsvWriter(
            Channels.newOutputStream(channel),
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
    channel.force(false);
    long total =
        jobContext.getTransientUserData() instanceof CompanyHistoryReader reader
            ? reader.companiesTotal()
            : 0;
    stepContext.setPersistentUserData(
        new ExportProgress(rows, channel.position(), companies, total));
  }

  @Override
  public Serializable checkpointInfo() throws Exception {
    return new CsvFileCheckpoint(channel.position(), rows, companies);
  }

  @Override
  public void close() throws Exception {
    if (csv != null) {
      csv.flush();
    }
    if (channel != null) {
      channel.force(true);
      channel.close();
    }
  }
}
