package com.warehouseexport.export.manual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server-side store of finished manual exports: {@code <dir>/env-<id>/<jobInstanceId>.csv},
 * written as {@code .csv.part} while the job runs and moved into place atomically when complete.
 * The directory is {@code warehouse.export.dir}, by default {@code <data dir>/exports}.
 */
public final class ExportStore {

  private ExportStore() {}

  public static Path root() {
    String configured = System.getProperty("warehouse.export.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String data =
        System.getProperty("warehouse.data.dir", System.getProperty("jboss.server.data.dir", "."));
    return Path.of(data, "exports");
  }

  public static Path partFile(long environmentId, long jobInstanceId) {
    return directory(environmentId).resolve(jobInstanceId + ".csv.part");
  }

  public static Path finalFile(long environmentId, long jobInstanceId) {
    return directory(environmentId).resolve(jobInstanceId + ".csv");
  }

  private static Path directory(long environmentId) {
    Path dir = root().resolve("env-" + environmentId);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the export directory " + dir, e);
    }
    return dir;
  }
}
