package com.warehouseexport.export.manual;

import com.warehouseexport.platform.ServerSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes finished manual exports from the {@link ExportFileStore} once they are older than the
 * retention period ({@code EXPORT_RETENTION} / {@code warehouse.export.retention}, ISO-8601
 * duration, default P7D). Runs hourly on a persistent timer; the history stays in the job
 * repository, only the file goes (a download then says the file is no longer kept).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExportRetention {

  private static final Logger LOG = Logger.getLogger(ExportRetention.class.getName());

  @EJB private ExportFileStoreProvider stores;

  @Schedule(hour = "*", minute = "17", persistent = true, info = "export-retention")
  void hourly() {
    sweep(Instant.now());
  }

  /** Deletes files last written before {@code now - retention}; returns how many. */
  public int sweep(Instant now) {
    return sweep(stores.store(), now);
  }

  /** Deletes the store's files last written before {@code now - retention}; returns how many. */
  static int sweep(ExportFileStore store, Instant now) {
    Duration retention = retention();
    int deleted;
    try {
      deleted = store.deleteOlderThan(now.minus(retention));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Export retention sweep of " + store.describe() + " failed", e);
      return 0;
    }
    if (deleted > 0) {
      LOG.info(() -> "Deleted " + deleted + " exports older than " + retention);
    }
    return deleted;
  }

  public static Duration retention() {
    return ServerSettings.duration(
        "EXPORT_RETENTION", "warehouse.export.retention", Duration.ofDays(7));
  }
}
