package com.warehouseexport.export.manual;

import com.warehouseexport.platform.ServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node-local working directory of exports (not to be confused with the {@link ExportFileStore},
 * where finished files are kept for download): the file of a running export, {@code
 * <dir>/env-<id>/<jobInstanceId>.csv.part}, is written here with byte-offset checkpoints and handed
 * to the {@link ExportFileStore} when complete. Without {@code EXPORT_STORE_URL} the store is this
 * same directory ({@link LocalExportFileStore}). The directory is {@code warehouse.export.dir}, by
 * default {@code <data dir>/exports}.
 */
public final class ExportWorkDir {

  private ExportWorkDir() {}

  public static Path root() {
    String configured = ServerSettings.property("warehouse.export.dir", null);
    return configured != null ? Path.of(configured) : ServerSettings.dataDir().resolve("exports");
  }

  /** The in-progress file of a job instance (its directory is created if missing). */
  public static Path partFile(long environmentId, long jobInstanceId) {
    return directory(environmentId).resolve(jobInstanceId + ".csv.part");
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
