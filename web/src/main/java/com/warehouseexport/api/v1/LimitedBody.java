package com.warehouseexport.api.v1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit; larger bodies are refused with 413 before parsing. */
final class LimitedBody {

  private LimitedBody() {}

  static byte[] read(InputStream in, long contentLength, int limit) throws IOException {
    if (contentLength > limit) {
      throw tooLarge(limit);
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(Math.max(0, (int) Math.min(limit, contentLength)));
    if (in == null) {
      return out.toByteArray();
    }
    byte[] buffer = new byte[16 * 1024];
    int total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > limit) {
        throw tooLarge(limit);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  static ApiException tooLarge(long limit) {
    return new ApiException(
        413, "The request body is larger than " + limit + " bytes; send smaller batches", null);
  }
}
