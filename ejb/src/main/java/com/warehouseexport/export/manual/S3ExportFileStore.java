package com.warehouseexport.export.manual;

import com.warehouseexport.export.s3.ExportManifest;
import com.warehouseexport.export.s3.S3AccessException;
import com.warehouseexport.export.s3.S3Gateway;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The export store shared by every node: an S3-compatible bucket configured by the operator ({@code
 * EXPORT_STORE_URL}), objects {@code <prefix>/env-<id>/<jobInstanceId>.csv}. A finished file is
 * streamed up (a multipart upload that becomes visible only when complete) and then deleted
 * locally; a download streams the object from the bucket. Retention deletes only objects of this
 * layout, so other objects under the prefix are left alone.
 *
 * <p>Failures of the bucket are reported as {@link IOException}s carrying the adapter's message for
 * an administrator. Closing the store closes its S3 client.
 */
public final class S3ExportFileStore implements ExportFileStore, AutoCloseable {

  private static final Pattern OWN_KEY = Pattern.compile("env-[0-9]+/[0-9]+\\.csv");

  private final S3Gateway gateway;
  private final String prefix;

  /**
   * @param gateway the bucket (its location's key prefix is the store's prefix); closed with the
   *     store
   */
  public S3ExportFileStore(S3Gateway gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    String p = gateway.location().keyPrefix();
    this.prefix = p.isEmpty() ? "" : p + "/";
  }

  /** The object key of the finished file of a job instance. */
  String key(long environmentId, long jobInstanceId) {
    return prefix + "env-" + environmentId + "/" + jobInstanceId + ".csv";
  }

  @Override
  public long put(long environmentId, long jobInstanceId, Path finished) throws IOException {
    long bytes;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(finished), 1 << 16)) {
      bytes =
          gateway
              .upload(key(environmentId, jobInstanceId), in, ExportManifest.CSV_CONTENT_TYPE)
              .bytes();
    } catch (S3AccessException e) {
      throw new IOException(e.getMessage(), e);
    }
    Files.deleteIfExists(finished);
    return bytes;
  }

  @Override
  public Optional<StoredExport> open(long environmentId, long jobInstanceId) throws IOException {
    try {
      Optional<S3Gateway.ObjectStream> object = gateway.open(key(environmentId, jobInstanceId));
      return object.map(o -> new StoredExport(o.content(), o.size()));
    } catch (S3AccessException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void delete(long environmentId, long jobInstanceId) throws IOException {
    try {
      gateway.delete(key(environmentId, jobInstanceId));
    } catch (S3AccessException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public int deleteOlderThan(Instant cutoff) throws IOException {
    try {
      int deleted = 0;
      for (S3Gateway.ObjectInfo object : gateway.list(prefix)) {
        String relative = object.key().substring(prefix.length());
        if (OWN_KEY.matcher(relative).matches()
            && object.lastModified() != null
            && object.lastModified().isBefore(cutoff)) {
          gateway.delete(object.key());
          deleted++;
        }
      }
      return deleted;
    } catch (S3AccessException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    var l = gateway.location();
    return "bucket "
        + l.bucket()
        + (prefix.isEmpty() ? "" : " under " + prefix)
        + (l.endpoint() == null ? " (AWS " + l.region() + ")" : " at " + l.endpoint());
  }

  @Override
  public void close() {
    gateway.close();
  }
}
