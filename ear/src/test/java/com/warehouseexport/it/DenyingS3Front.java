package com.warehouseexport.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A loopback HTTP front for s3proxy that plays a bucket policy: s3proxy checks credentials but has
 * no per-action policies, so this front answers S3's {@code AccessDenied} (403, XML) to the HTTP
 * methods it is told to deny — {@code GET} (listing: s3:ListBucket), {@code PUT} (s3:PutObject),
 * {@code DELETE} (s3:DeleteObject) — and passes every other request through unchanged. One request
 * per connection: it adds {@code Connection: close} both ways, so a client's kept-alive connection
 * cannot carry a second request past the check.
 */
public final class DenyingS3Front implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DenyingS3Front.class.getName());
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deniedCount = new AtomicInteger();
  private volatile Set<String> denied = Set.of();
  private volatile boolean closed;

  public DenyingS3Front(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "denying-s3-front");
    accept.setDaemon(true);
    accept.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on, answers AccessDenied to these methods (none: pass everything through). */
  public void deny(String... methods) {
    Set<String> upper = ConcurrentHashMap.newKeySet();
    for (String m : methods) {
      upper.add(m.toUpperCase(Locale.ROOT));
    }
    denied = upper;
  }

  /** How many requests were denied so far. */
  public int deniedCount() {
    return deniedCount.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Socket s : open) {
      quietlyClose(s);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "denying-s3-front-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warning("accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket client) {
    Socket upstream = null;
    try {
      client.setSoTimeout(30_000);
      InputStream in = new BufferedInputStream(client.getInputStream());
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String method = head.substring(0, Math.max(0, head.indexOf(' '))).toUpperCase(Locale.ROOT);
      if (denied.contains(method)) {
        deniedCount.incrementAndGet();
        if (!header(head, "expect").toLowerCase(Locale.ROOT).contains("100-continue")) {
          drain(in, contentLength(head), client);
        }
        answerAccessDenied(client.getOutputStream());
        client.shutdownOutput();
        return;
      }
      upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      open.add(upstream);
      OutputStream toUpstream = upstream.getOutputStream();
      toUpstream.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
      toUpstream.flush();
      Socket up = upstream;
      Thread requestBody =
          new Thread(
              () -> {
                try {
                  in.transferTo(up.getOutputStream());
                } catch (IOException ignored) {
                  // the exchange ended
                }
              },
              "denying-s3-front-body");
      requestBody.setDaemon(true);
      requestBody.start();
      InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream());
      OutputStream toClient = client.getOutputStream();
      String response = readHead(fromUpstream);
      while (response != null && response.matches("(?s)HTTP/1\\.[01] 1\\d\\d.*")) {
        toClient.write(response.getBytes(StandardCharsets.ISO_8859_1)); // 100 Continue
        toClient.flush();
        response = readHead(fromUpstream);
      }
      if (response != null) {
        toClient.write(withConnectionClose(response).getBytes(StandardCharsets.ISO_8859_1));
        fromUpstream.transferTo(toClient);
        toClient.flush();
      }
    } catch (SocketException | SocketTimeoutException e) {
      // a connection closed or idled out: the exchange is over
    } catch (IOException e) {
      LOG.fine("front connection failed: " + e);
    } finally {
      if (upstream != null) {
        quietlyClose(upstream);
        open.remove(upstream);
      }
      quietlyClose(client);
      open.remove(client);
    }
  }

  private static void answerAccessDenied(OutputStream out) throws IOException {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>Access Denied</Message><RequestId>denying-front</RequestId>"
                + "<HostId>denying-front</HostId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length
            + "\r\nx-amz-request-id: denying-front\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /** The head up to and including the blank line, or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(b);
      if (head.size() > MAX_HEAD) {
        throw new IOException("head too large");
      }
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : b == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "";
  }

  private static long contentLength(String head) {
    String value = header(head, "content-length");
    try {
      return value.isEmpty() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void drain(InputStream in, long length, Socket socket) throws IOException {
    socket.setSoTimeout(2_000);
    byte[] buffer = new byte[8192];
    long left = length;
    try {
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (SocketTimeoutException e) {
      // the client waits: answer anyway
    }
  }

  /** The head with any Connection header replaced by {@code Connection: close}. */
  private static String withConnectionClose(String head) {
    StringBuilder out = new StringBuilder();
    String[] lines = head.split("\r\n");
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("connection")) {
        continue;
      }
      out.append(line).append("\r\n");
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  private static void quietlyClose(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
