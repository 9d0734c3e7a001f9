package com.warehouseexport.batch.reader;

import com.warehouseexport.batch.ExportParameters;
import com.warehouseexport.core.usage.DataPoint;
import com.warehouseexport.core.usage.HistoryWindow;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.manual.ExportWorkDir;
import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Reads the environment's companies one at a time, each merged with its rollups, in export order,
 * from one read-only snapshot of the database (streaming cursors on a non-JTA connection held for
 * the whole step). Its checkpoint is the last company committed; a restart reads on from there.
 */
@Named
@Dependent
public class CompanyHistoryReader extends AbstractItemReader {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(CompanyHistoryReader.class.getName());

  /**
   * Rows per round trip and cursor: each fetch is a wait for the database's process, which on a
   * busy machine also waits to be scheduled; six cursors of this many short rows stay a few MB.
   */
  private static final int FETCH_SIZE = 10_000;

  @Inject private JobContext jobContext;

  /** The environment to export (job parameter {@code environmentId}, required). */
  @Inject
  @BatchProperty(name = ExportJob.ENVIRONMENT_ID)
  private String environmentId;

  /** The aggregation id, e.g. {@code 30-days-daily} (job parameter {@code aggregation}). */
  @Inject
  @BatchProperty(name = ExportJob.AGGREGATION)
  private String aggregation;

  /** The ISO-8601 instant the export is evaluated at (job parameter {@code asOf}). */
  @Inject
  @BatchProperty(name = ExportJob.AS_OF)
  private String asOf;

  /**
   * The ISO-8601 Date of an automatic export; empty for a manual one (job parameter {@code
   * period}).
   */
  @Inject
  @BatchProperty(name = ExportJob.PERIOD)
  private String period;

  @Resource(lookup = DataSources.APP_READ)
  private DataSource dataSource;

  private Connection connection;
  private RollupCursors cursors;
  private String lastCompanyId;
  private long companiesDone;
  private long companiesTotal;

  @Override
  public void open(Serializable checkpoint) throws Exception {
    ExportParameters params = ExportParameters.parse(environmentId, aggregation, asOf, period);
    if (checkpoint instanceof CompanyCursorCheckpoint c) {
      if (Files.exists(
          ExportWorkDir.partFile(params.environmentId(), jobContext.getInstanceId()))) {
        lastCompanyId = c.lastCompanyId();
        companiesDone = c.companiesDone();
      } else {
        // Taken over from a node that died: its partial file is on that node's disk, so this
        // restart reads from the beginning (the writer starts a new file the same way).
        LOG.info(
            "Export execution "
                + jobContext.getExecutionId()
                + ": the partial file is not on this node; reading from the beginning");
      }
    }
    connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    connection.setReadOnly(true);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    companiesTotal = countCompanies(params);
    LocalDate windowStart =
        HistoryWindow.firstDay(params.dataPoints(), maxAdoptionWindowDays(params));
    cursors =
        new RollupCursors(
            connection,
            params.environmentId(),
            lastCompanyId,
            params.lastInstant(),
            windowStart,
            params.dataPoints().stream()
                .map(DataPoint::date)
                .min(LocalDate::compareTo)
                .orElseThrow(),
            FETCH_SIZE);
    jobContext.setTransientUserData(this);
  }

  /** The longest adoption window of the environment's features (in this read's snapshot). */
  private int maxAdoptionWindowDays(ExportParameters params) throws SQLException {
    return Jdbc.first(
            connection,
            "SELECT MAX(adoption_window_days) FROM feature WHERE environment_id = ?",
            rs -> rs.getInt(1), // 0 without features
            params.environmentId())
        .orElse(0);
  }

  private long countCompanies(ExportParameters params) throws SQLException {
    return Jdbc.first(
            connection,
            "SELECT COUNT(*) FROM company WHERE environment_id = ? AND first_seen_at <= ?",
            rs -> rs.getLong(1),
            params.environmentId(),
            params.lastInstant().toEpochMilli())
        .orElse(0L);
  }

  @Override
  public Object readItem() throws Exception {
    CompanyRecord next = cursors.next();
    if (next != null) {
      lastCompanyId = next.companyId();
      companiesDone++;
    }
    return next;
  }

  @Override
  public Serializable checkpointInfo() {
    return new CompanyCursorCheckpoint(lastCompanyId, companiesDone);
  }

  /** Companies read so far (committed ones at each checkpoint). */
  public long companiesDone() {
    return companiesDone;
  }

  public long companiesTotal() {
    return companiesTotal;
  }

  @Override
  public void close() throws Exception {
    if (cursors != null) {
      cursors.close();
    }
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // read-only: nothing to keep
      }
      connection.close();
    }
  }
}
