package com.warehouseexport.tracking;

import com.warehouseexport.platform.DataSources;
import com.warehouseexport.platform.Jdbc;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Raw-event retention (PRODUCT.md §2): removes raw events ({@code tracked_event}) and the
 * messageIds of idempotent ingestion ({@code ingested_message}) that arrived more than {@code
 * RAW_EVENT_RETENTION} ago ({@link RawDataWindows}; never less than the late-link window). Exports
 * read the rollups, never raw events, so they are unchanged by it. Deletes in batches of {@link
 * #BATCH} rows, each its own short transaction (no long lock, no huge undo), on every node every
 * hour (a non-persistent timer: deleting twice is harmless). Feedback is not a raw event: the
 * export counts it, so it is kept.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RawEventRetention {

  private static final Logger LOG = Logger.getLogger(RawEventRetention.class.getName());

  /** Rows per delete statement. */
  static final int BATCH = 5_000;

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  @Schedule(hour = "*", minute = "41", persistent = false, info = "raw-event-retention")
  void hourly() {
    try {
      purge(Instant.now(), null);
    } catch (RuntimeException e) {
      LOG.warning("Raw-event retention did not finish (next run in an hour): " + e.getMessage());
    }
  }

  /** What one purge removed. */
  public record Purged(long events, long messageIds) {}

  /**
   * Removes what arrived before {@code now - retention}, of one environment or (null) all.
   * Operators (and the tests, through {@code POST /api/v1/system/raw-events/purge}) may run it.
   */
  public Purged purge(Instant now, Long environmentId) {
    long cutoff = RawDataWindows.configured().retentionCutoff(now.toEpochMilli());
    String env = environmentId == null ? "" : " AND environment_id = " + environmentId;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      long events =
          deleteInBatches(
              c,
              "DELETE FROM tracked_event WHERE id IN (SELECT id FROM tracked_event"
                  + " WHERE received_at < ?"
                  + env
                  + " ORDER BY received_at FETCH FIRST "
                  + BATCH
                  + " ROWS ONLY)",
              cutoff);
      long messages =
          deleteInBatches(
              c,
              "DELETE FROM ingested_message WHERE (environment_id, message_id) IN"
                  + " (SELECT environment_id, message_id FROM ingested_message"
                  + " WHERE received_at < ?"
                  + env
                  + " ORDER BY received_at FETCH FIRST "
                  + BATCH
                  + " ROWS ONLY)",
              cutoff);
      if (events + messages > 0) {
        LOG.info(
            "Raw-event retention: removed "
                + events
                + " raw event(s) and "
                + messages
                + " messageId(s) that arrived before "
                + Instant.ofEpochMilli(cutoff));
      }
      return new Purged(events, messages);
    } catch (SQLException e) {
      throw new IllegalStateException("Raw-event retention failed: " + e.getMessage(), e);
    }
  }

  private static long deleteInBatches(Connection c, String sql, long cutoff) throws SQLException {
    long total = 0;
    while (true) {
      int n = Jdbc.update(c, sql, cutoff);
      total += n;
      if (n < BATCH) {
        return total;
      }
    }
  }
}
