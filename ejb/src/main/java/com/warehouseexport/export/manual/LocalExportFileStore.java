package com.warehouseexport.export.manual;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The default export store: a directory of this node, {@code <root>/env-<id>/<jobInstanceId>.csv},
 * next to the part files of running exports. A finished part file is moved into place atomically,
 * so a file under its final name is always complete. Enough for a single node; with several nodes a
 * download works only on the node that ran the export (configure {@code EXPORT_STORE_URL}).
 */
public final class LocalExportFileStore implements ExportFileStore {

  private final Path root;

  /**
   * @param root the directory of the store (usually {@link ExportWorkDir#root()})
   */
  public LocalExportFileStore(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** Where the finished file of a job instance is kept. */
  Path file(long environmentId, long jobInstanceId) {
    return root.resolve("env-" + environmentId).resolve(jobInstanceId + ".csv");
  }

  @Override
  public long put(long environmentId, long jobInstanceId, Path finished) throws IOException {
    Path target = file(environmentId, jobInstanceId);
    Files.createDirectories(target.getParent());
    Files.move(
        finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return Files.size(target);
  }

  @Override
  public Optional<StoredExport> open(long environmentId, long jobInstanceId) throws IOException {
    Path file = file(environmentId, jobInstanceId);
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(new StoredExport(in, Files.size(file)));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public void delete(long environmentId, long jobInstanceId) throws IOException {
    Files.deleteIfExists(file(environmentId, jobInstanceId));
  }

  /** Finished files ({@code .csv}) only: a part file of a running export is never touched. */
  @Override
  public int deleteOlderThan(Instant cutoff) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    List<Path> old;
    try (Stream<Path> files = Files.walk(root, 2)) {
      old =
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".csv"))
              .filter(p -> p.getParent().getFileName().toString().startsWith("env-"))
              .filter(p -> modified(p).isBefore(cutoff))
              .toList();
    }
    int deleted = 0;
    for (Path file : old) {
      if (Files.deleteIfExists(file)) {
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public String describe() {
    return "the local directory " + root;
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      return Instant.MAX;
    }
  }
}
