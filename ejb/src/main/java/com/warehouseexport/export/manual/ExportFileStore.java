package com.warehouseexport.export.manual;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where finished manual exports are kept until they are downloaded or expire, one file per job
 * instance of an environment. Two implementations, chosen by {@link ExportFileStoreProvider} from
 * the configuration: {@link LocalExportFileStore} (a directory of this node; the default, enough
 * for one node) and {@link S3ExportFileStore} (a bucket that every node reads, {@code
 * EXPORT_STORE_URL}).
 *
 * <p>The file of an export in progress is not in the store: it stays on the node that writes it
 * ({@link ExportWorkDir#partFile}) and is handed over by {@link #put} once complete. A file is
 * visible in the store only when complete.
 *
 * <p>Implementations are thread-safe.
 */
public interface ExportFileStore {

  /**
   * Stores the finished file of a job instance, replacing any earlier one, and removes the local
   * file.
   *
   * @param finished the complete local file (the job's part file)
   * @return the number of bytes stored
   * @throws IOException when the file cannot be stored; the local file is then kept
   */
  long put(long environmentId, long jobInstanceId, Path finished) throws IOException;

  /**
   * Opens the stored file of a job instance for streaming; the caller closes it.
   *
   * @return empty when there is none (never stored, or deleted by retention)
   * @throws IOException when the store cannot be read
   */
  Optional<StoredExport> open(long environmentId, long jobInstanceId) throws IOException;

  /**
   * Deletes the stored file of a job instance, if any.
   *
   * @throws IOException when the store cannot be written
   */
  void delete(long environmentId, long jobInstanceId) throws IOException;

  /**
   * Deletes every stored file last written before {@code cutoff}.
   *
   * @return how many were deleted
   * @throws IOException when the store cannot be listed or written
   */
  int deleteOlderThan(Instant cutoff) throws IOException;

  /** Where the files are, for log lines (never credentials). */
  String describe();

  /**
   * A stored file being read: its content, streamed (close it), and its size in bytes.
   *
   * @param content the file's bytes, read as they are consumed
   * @param size the file's length in bytes
   */
  record StoredExport(InputStream content, long size) implements Closeable {

    public StoredExport {
      Objects.requireNonNull(content, "content");
    }

    @Override
    public void close() throws IOException {
      content.close();
    }
  }
}
