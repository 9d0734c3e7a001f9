package com.warehouseexport.api.v1;

import com.warehouseexport.platform.ServerSettings;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * No request body may exceed {@link #MAX_BYTES} (the bulk ingestion limit): a larger declared
 * {@code Content-Length} is answered 413 before anything reads it, and a chunked body is counted as
 * it is read and refused with 413 the moment it passes the limit. Either way the rest of the body
 * is read and discarded (up to {@link #DRAIN_BYTES}, which Undertow's {@code max-post-size} must
 * allow) so the client reads the JSON answer instead of a connection reset. Endpoints apply their
 * own, smaller limits on top ({@link JsonObjectBodyReader}, {@link TrackingResource}). It covers
 * the console too (mapped to every path), since Undertow's limit is raised above it: there the
 * declared length is checked (form parameters are parsed by Undertow, past the counting stream).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class BodySizeFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The largest body any API call reads. */
  static final long MAX_BYTES = TrackingResource.MAX_BULK_BYTES;

  /** How much of an oversized body is read and discarded before answering. */
  static final long DRAIN_BYTES =
      ServerSettings.longValue("warehouse.api.drainBytes", 64L * 1024 * 1024);

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      drain(request.getInputStream(), response);
      tooLarge(response);
      return;
    }
    CountingRequest counting = new CountingRequest(request);
    chain.doFilter(counting, response);
    if (counting.exceeded) {
      drain(request.getInputStream(), response);
      if (!response.isCommitted()) {
        response.reset();
        tooLarge(response);
      }
    }
  }

  private static void drain(InputStream in, HttpServletResponse response) {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n; total <= DRAIN_BYTES && (n = in.read(buffer)) != -1; ) {
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      total = Long.MAX_VALUE;
    }
    if (total > DRAIN_BYTES && !response.isCommitted()) {
      response.setHeader("Connection", "close");
    }
  }

  static void tooLarge(HttpServletResponse response) throws IOException {
    response.setStatus(413);
    response.setContentType("application/json");
    byte[] body =
        Json.createObjectBuilder()
            .add("error", LimitedBody.tooLarge(MAX_BYTES).getMessage())
            .addNull("field")
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The request whose body stream refuses to read past {@link #MAX_BYTES}. */
  private static final class CountingRequest extends HttpServletRequestWrapper {

    private volatile boolean exceeded;
    private ServletInputStream stream;

    CountingRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long count;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) {
                count += n;
                if (count > MAX_BYTES) {
                  exceeded = true;
                  throw LimitedBody.tooLarge(MAX_BYTES);
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
