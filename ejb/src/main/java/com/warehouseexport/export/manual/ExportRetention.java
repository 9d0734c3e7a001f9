package com.warehouseexport.export.manual;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Deletes finished manual exports from the export store once they are older than the retention
 * period ({@code EXPORT_RETENTION} / {@code warehouse.export.retention}, ISO-8601 duration, default
 * P7D). Runs hourly on a persistent timer; the history stays in the job repository, only the file
 * goes (a download then says the file is no longer kept).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExportRetention {

  private static final Logger LOG = Logger.getLogger(ExportRetention.class.getName());

  @Schedule(hour = "*", minute = "17", persistent = true, info = "export-retention")
  void hourly() {
    sweep(Instant.now());
  }

  /** Deletes files last modified before {@code now - retention}; returns how many. */
  public int sweep(Instant now) {
    Instant cutoff = now.minus(retention());
    Path root = ExportStore.root();
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> files = Files.walk(root, 2)) {
      List<Path> old =
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".csv"))
              .filter(p -> modified(p).isBefore(cutoff))
              .toList();
      for (Path file : old) {
        Files.deleteIfExists(file);
        deleted++;
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Export retention sweep failed", e);
    }
    if (deleted > 0) {
      int count = deleted;
      LOG.info(() -> "Deleted " + count + " exports older than " + retention());
    }
    return deleted;
  }

  static Duration retention() {
    String value = System.getenv("EXPORT_RETENTION");
    if (value == null || value.isBlank()) {
      value = System.getProperty("warehouse.export.retention", "P7D");
    }
    return Duration.parse(value.strip());
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      return Instant.MAX;
    }
  }
}
