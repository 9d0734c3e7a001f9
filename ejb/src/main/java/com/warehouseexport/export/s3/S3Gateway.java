package com.warehouseexport.export.s3;

import com.warehouseexport.core.s3.S3Location;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The operations the export needs on one {@link S3Location}, with failures translated into messages
 * for an administrator ({@link S3ErrorTranslator}): streaming upload, streaming read, listing and
 * deletion. Closing the gateway closes its client (or releases its lease of a shared one).
 *
 * <p>Uploads stream: the input is read into one reusable {@value #PART_SIZE}-byte buffer at a time,
 * so memory use does not depend on the object size (an input of at most {@value #FIRST_READ} bytes,
 * most exports, needs only a buffer of that size). An input that fits into one part is stored with
 * a single PutObject; a larger one with a multipart upload that is aborted on any failure. Either
 * way an object becomes visible only when complete. Every request body carries {@code Content-MD5},
 * so the provider rejects a corrupted transfer.
 *
 * <p>Not thread-safe for concurrent uploads of the same key; otherwise as thread-safe as {@link
 * S3Client}.
 */
public class S3Gateway implements AutoCloseable {

  /** Size of a multipart upload part (S3's minimum for all but the last part is 5 MiB). */
  public static final int PART_SIZE = 8 * 1024 * 1024;

  /**
   * The first read of an upload: most exports are a few kilobytes, and a part-sized buffer for each
   * of them (8 MiB, a "humongous" object for G1 that is placed straight into the old generation)
   * made the collector start a concurrent marking cycle every few exports at midnight (issue 24).
   * Only an input that fills this buffer gets a part buffer.
   */
  static final int FIRST_READ = 64 * 1024;

  /** S3's limit on the number of parts of one upload. */
  static final int MAX_PARTS = 10_000;

  private static final Logger LOG = Logger.getLogger(S3Gateway.class.getName());

  private final S3Client client;
  private final S3Location location;

  public S3Gateway(S3Client client, S3Location location) {
    this.client = Objects.requireNonNull(client, "client");
    this.location = Objects.requireNonNull(location, "location");
  }

  public S3Location location() {
    return location;
  }

  /**
   * Checks the location and credentials by listing at most one key under the key prefix.
   *
   * @return ok, or a failure naming the field at fault and what to do
   */
  public ValidationResult validate() {
    long start = System.nanoTime();
    try {
      client.listObjectsV2(
          r ->
              r.bucket(location.bucket())
                  .maxKeys(1)
                  .prefix(location.keyPrefix().isEmpty() ? null : location.keyPrefix() + "/"));
      return ValidationResult.success();
    } catch (SdkException e) {
      ValidationResult result =
          S3ErrorTranslator.translate(
              e, location, S3ErrorTranslator.Operation.VALIDATE, since(start));
      LOG.log(
          Level.INFO,
          "S3 validation of bucket {0} failed: {1}",
          new Object[] {location.bucket(), result.message()});
      return result;
    }
  }

  /**
   * The write probe (PRODUCT.md §5): lists the key prefix, writes {@code body} to {@code probeKey},
   * deletes it. Never throws for a provider's or the network's failure: the report names the step
   * that failed and the missing permission.
   */
  public WriteProbe.Report probeWrite(String probeKey, byte[] body) {
    Objects.requireNonNull(probeKey, "probeKey");
    Objects.requireNonNull(body, "body");
    WriteProbe.Step step = WriteProbe.Step.LIST;
    long start = System.nanoTime();
    try {
      client.listObjectsV2(
          r ->
              r.bucket(location.bucket())
                  .maxKeys(1)
                  .prefix(location.keyPrefix().isEmpty() ? null : location.keyPrefix() + "/"));
      step = WriteProbe.Step.PUT;
      start = System.nanoTime();
      client.putObject(
          r ->
              r.bucket(location.bucket())
                  .key(probeKey)
                  .contentType("text/plain; charset=utf-8")
                  .contentLength((long) body.length)
                  .contentMD5(S3Bodies.md5Base64(body, body.length)),
          RequestBody.fromBytes(body));
      step = WriteProbe.Step.DELETE;
      start = System.nanoTime();
      client.deleteObject(r -> r.bucket(location.bucket()).key(probeKey));
      return WriteProbe.ok(location, probeKey);
    } catch (SdkException e) {
      S3ErrorTranslator.Operation operation =
          step == WriteProbe.Step.LIST
              ? S3ErrorTranslator.Operation.VALIDATE
              : S3ErrorTranslator.Operation.WRITE;
      ValidationResult translated =
          S3ErrorTranslator.translate(e, location, operation, since(start));
      WriteProbe.Report report =
          WriteProbe.failed(
              step, translated, S3ErrorTranslator.isAccessDenied(e), location, probeKey);
      LOG.log(
          Level.INFO,
          "Write probe of bucket {0} ended at step {1}: {2}",
          new Object[] {location.bucket(), step, report.message()});
      return report;
    }
  }

  /**
   * Uploads {@code data} (read to its end; not closed) to {@code key}, replacing any object there.
   *
   * @throws S3AccessException when reading {@code data} or any request fails; any multipart upload
   *     begun is aborted first, so no partial object is ever visible
   */
  public UploadResult upload(String key, InputStream data, String contentType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(contentType, "contentType");
    long start = System.nanoTime();
    MessageDigest sha256 = S3Bodies.sha256();
    long total = 0;
    String uploadId = null;
    boolean completed = false;
    try {
      byte[] first = new byte[FIRST_READ];
      int n = S3Bodies.fill(data, first, key);
      final byte[] buffer;
      if (n == FIRST_READ) { // more may follow: the part buffer, holding what was read
        buffer = Arrays.copyOf(first, PART_SIZE);
        n = S3Bodies.fill(data, buffer, n, key);
      } else {
        buffer = first;
      }
      sha256.update(buffer, 0, n);
      total += n;
      if (n < PART_SIZE) {
        // Everything fits into one part: a single, atomic PutObject.
        final int length = n;
        PutObjectResponse response =
            client.putObject(
                r ->
                    r.bucket(location.bucket())
                        .key(key)
                        .contentType(contentType)
                        .contentLength((long) length)
                        .contentMD5(S3Bodies.md5Base64(buffer, length)),
                S3Bodies.body(buffer, length));
        completed = true;
        return new UploadResult(
            key,
            total,
            HexFormat.of().formatHex(sha256.digest()),
            S3Bodies.unquote(response.eTag()));
      }
      uploadId =
          client
              .createMultipartUpload(
                  r -> r.bucket(location.bucket()).key(key).contentType(contentType))
              .uploadId();
      List<CompletedPart> parts = new ArrayList<>();
      int partNumber = 0;
      while (n > 0) {
        partNumber++;
        if (partNumber > MAX_PARTS) {
          throw new S3AccessException(
              null,
              "Uploading '"
                  + key
                  + "' failed: the data exceeds "
                  + MAX_PARTS
                  + " parts of "
                  + PART_SIZE
                  + " bytes.");
        }
        final int length = n;
        final int number = partNumber;
        final String id = uploadId;
        UploadPartResponse part =
            client.uploadPart(
                r ->
                    r.bucket(location.bucket())
                        .key(key)
                        .uploadId(id)
                        .partNumber(number)
                        .contentLength((long) length)
                        .contentMD5(S3Bodies.md5Base64(buffer, length)),
                S3Bodies.body(buffer, length));
        parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).build());
        if (length < PART_SIZE) {
          break;
        }
        n = S3Bodies.fill(data, buffer, key);
        sha256.update(buffer, 0, n);
        total += n;
      }
      final String id = uploadId;
      CompleteMultipartUploadResponse response =
          client.completeMultipartUpload(
              r ->
                  r.bucket(location.bucket())
                      .key(key)
                      .uploadId(id)
                      .multipartUpload(m -> m.parts(parts)));
      completed = true;
      LOG.log(
          Level.FINE,
          "Uploaded {0} bytes in {1} parts to bucket {2} key {3}",
          new Object[] {total, parts.size(), location.bucket(), key});
      return new UploadResult(
          key, total, HexFormat.of().formatHex(sha256.digest()), S3Bodies.unquote(response.eTag()));
    } catch (SdkException e) {
      throw writeFailure(
          "Uploading '" + key + "' to bucket '" + location.bucket() + "' failed", e, start);
    } finally {
      if (!completed && uploadId != null) {
        abort(key, uploadId);
      }
    }
  }

  /** Stores a small object (e.g. the manifest) with one PutObject, replacing any object there. */
  public void putSmall(String key, byte[] body, String contentType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    long start = System.nanoTime();
    try {
      client.putObject(
          r ->
              r.bucket(location.bucket())
                  .key(key)
                  .contentType(contentType)
                  .contentLength((long) body.length)
                  .contentMD5(S3Bodies.md5Base64(body, body.length)),
          RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw writeFailure(
          "Writing '" + key + "' to bucket '" + location.bucket() + "' failed", e, start);
    }
  }

  /** Whether an object exists at {@code key}. */
  public boolean exists(String key) {
    Objects.requireNonNull(key, "key");
    long start = System.nanoTime();
    try {
      client.headObject(r -> r.bucket(location.bucket()).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
        return false;
      }
      throw readFailure(key, e, start);
    } catch (SdkException e) {
      throw readFailure(key, e, start);
    }
  }

  /** The whole content of the object at {@code key}; meant for small objects and tests. */
  public byte[] read(String key) {
    Objects.requireNonNull(key, "key");
    long start = System.nanoTime();
    try {
      return client.getObjectAsBytes(r -> r.bucket(location.bucket()).key(key)).asByteArray();
    } catch (SdkException e) {
      throw readFailure(key, e, start);
    }
  }

  /**
   * Opens the object at {@code key} for streaming: the content is read from the connection as the
   * caller reads, never held in memory. The caller must close the stream (which returns or drops
   * the connection). Reads are bounded by the client's socket timeout.
   *
   * @return empty when there is no such object
   * @throws S3AccessException when the bucket cannot be read (missing bucket, credentials, network)
   */
  public Optional<ObjectStream> open(String key) {
    Objects.requireNonNull(key, "key");
    long start = System.nanoTime();
    try {
      ResponseInputStream<GetObjectResponse> in =
          client.getObject(r -> r.bucket(location.bucket()).key(key));
      Long length = in.response().contentLength();
      return Optional.of(
          new ObjectStream(S3Bodies.abortOnEarlyClose(in), length == null ? -1 : length));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
        return Optional.empty();
      }
      throw readFailure(key, e, start);
    } catch (SdkException e) {
      throw readFailure(key, e, start);
    }
  }

  /**
   * The objects whose keys start with {@code prefix} (all pages of the listing).
   *
   * @throws S3AccessException when the bucket cannot be listed
   */
  public List<ObjectInfo> list(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    long start = System.nanoTime();
    try {
      List<ObjectInfo> objects = new ArrayList<>();
      for (var page :
          client.listObjectsV2Paginator(
              r -> r.bucket(location.bucket()).prefix(prefix.isEmpty() ? null : prefix))) {
        for (var o : page.contents()) {
          objects.add(new ObjectInfo(o.key(), o.size() == null ? -1 : o.size(), o.lastModified()));
        }
      }
      return objects;
    } catch (SdkException e) {
      throw readFailure(prefix, e, start);
    }
  }

  /**
   * Deletes the object at {@code key}; deleting a missing object is not an error (S3 semantics).
   *
   * @throws S3AccessException when the request fails
   */
  public void delete(String key) {
    Objects.requireNonNull(key, "key");
    long start = System.nanoTime();
    try {
      client.deleteObject(r -> r.bucket(location.bucket()).key(key));
    } catch (SdkException e) {
      throw S3ErrorTranslator.toException(
          "Deleting '" + key + "' from bucket '" + location.bucket() + "' failed",
          e,
          location,
          S3ErrorTranslator.Operation.WRITE,
          since(start));
    }
  }

  /**
   * An object being read: its content (close it) and its size in bytes ({@code -1} if the server
   * did not say).
   */
  public record ObjectStream(InputStream content, long size) implements Closeable {

    public ObjectStream {
      Objects.requireNonNull(content, "content");
    }

    @Override
    public void close() throws IOException {
      content.close();
    }
  }

  /**
   * One entry of a listing.
   *
   * @param key the object's key
   * @param size its size in bytes
   * @param lastModified when it was last written
   */
  public record ObjectInfo(String key, long size, Instant lastModified) {}

  /** Closes the client and its connection pool. */
  @Override
  public void close() {
    client.close();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A provider may answer a request body with an error (e.g. 403 for a wrong secret) and close the
   * connection before the body is sent; the client then sees only a broken pipe or reset. In that
   * case the bucket is listed to find the real cause, which is reported if found.
   */
  private S3AccessException writeFailure(String context, SdkException e, long start) {
    Duration elapsed = since(start);
    if (S3ErrorTranslator.isBrokenConnection(e)) {
      ValidationResult diagnosis = validate();
      if (!diagnosis.ok()) {
        return new S3AccessException(diagnosis.field(), context + ": " + diagnosis.message(), e);
      }
    }
    return S3ErrorTranslator.toException(
        context, e, location, S3ErrorTranslator.Operation.WRITE, elapsed);
  }

  private S3AccessException readFailure(String key, SdkException e, long start) {
    return S3ErrorTranslator.toException(
        "Reading '" + key + "' from bucket '" + location.bucket() + "' failed",
        e,
        location,
        S3ErrorTranslator.Operation.READ,
        since(start));
  }

  private static boolean isNoSuchBucket(S3Exception e) {
    return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
  }

  private void abort(String key, String uploadId) {
    try {
      client.abortMultipartUpload(r -> r.bucket(location.bucket()).key(key).uploadId(uploadId));
      LOG.log(
          Level.INFO,
          "Aborted the multipart upload of bucket {0} key {1}",
          new Object[] {location.bucket(), key});
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not abort the multipart upload "
              + uploadId
              + " of bucket "
              + location.bucket()
              + " key "
              + key
              + "; its parts stay stored (invisible) until a lifecycle rule removes them"
              // issue 20 item 7: a classified failure is one line; the stack trace only otherwise
              + (S3ErrorTranslator.isClassified(e) ? ": " + e.getMessage() : ""),
          S3ErrorTranslator.isClassified(e) ? null : e);
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
