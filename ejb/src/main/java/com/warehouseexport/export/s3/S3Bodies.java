package com.warehouseexport.export.s3;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The byte-level pieces of {@link S3Gateway}'s transfers: filling the reusable part buffer, request
 * bodies over it, the checksums every request carries, and a response stream that aborts its
 * connection when closed early.
 */
final class S3Bodies {

  private S3Bodies() {}

  /** A stream over {@code response} that aborts the connection when closed before its end. */
  static InputStream abortOnEarlyClose(ResponseInputStream<?> response) {
    return new AbortOnEarlyClose(response);
  }

  /**
   * Reads into {@code buffer} until it is full or the input ends.
   *
   * @return the number of bytes read; less than the buffer's length only at the end of the input
   */
  static int fill(InputStream data, byte[] buffer, String key) {
    return fill(data, buffer, 0, key);
  }

  /**
   * Reads {@code data} into {@code buffer} after its first {@code from} bytes, until the buffer is
   * full or the data ends.
   *
   * @return the number of bytes now in the buffer ({@code from} plus those read)
   */
  static int fill(InputStream data, byte[] buffer, int from, String key) {
    int filled = from;
    try {
      while (filled < buffer.length) {
        int read = data.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
          break;
        }
        filled += read;
      }
    } catch (IOException e) {
      throw new S3AccessException(
          null,
          "Uploading '"
              + key
              + "' failed: reading the export data failed ("
              + e.getMessage()
              + "); nothing was stored.",
          e);
    }
    return filled;
  }

  /** A body that re-reads the shared buffer on retries, without copying it. */
  static RequestBody body(byte[] buffer, int length) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream");
  }

  static String md5Base64(byte[] bytes, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(bytes, 0, length);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
    }
  }

  static String unquote(String etag) {
    if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
      return etag.substring(1, etag.length() - 1);
    }
    return etag;
  }

  /**
   * Closing a response stream before its end would make the HTTP client read (and discard) the rest
   * to reuse the connection, which takes as long as the download itself, e.g. when a user cancels a
   * large download. This stream aborts the connection instead unless the end was reached.
   */
  private static final class AbortOnEarlyClose extends FilterInputStream {

    private final ResponseInputStream<?> response;
    private boolean ended;

    AbortOnEarlyClose(ResponseInputStream<?> response) {
      super(response);
      this.response = response;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      ended |= n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended) {
        response.abort();
      }
      super.close();
    }
  }
}
