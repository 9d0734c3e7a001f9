package com.warehouseexport.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A loopback TCP proxy in the test JVM in front of a real server (PostgreSQL, s3proxy) that can
 * break the path between the application and that server on demand — deterministic and harmless to
 * the machine's server (STACK.md "A fault proxy needs no library"):
 *
 * <ul>
 *   <li>{@link #cutAll()}: every open connection is reset (what a database restart does to a pool);
 *   <li>{@link #refuseFor(Duration)}: cuts, then new connections are refused (the listening socket
 *       is closed, so connects fail with "Connection refused") until the time is up;
 *   <li>{@link #stall(boolean)}: bytes are held in both directions (an endpoint that stops
 *       answering; connects still succeed);
 *   <li>{@link #silenceOpenConnections()}: the connections open now go silent for good, on the
 *       client's side, while their server side is reset and new connections flow (a database host
 *       gone in a fail-over: its clients' connections are half-open, nothing ever answers them);
 *   <li>{@link #resetAfterUpstreamBytes(long, int)}: the next {@code times} connections are reset
 *       once the client has sent that many bytes through them (a reset mid-upload);
 *   <li>{@link #answerHttp503(int)}: the next {@code times} connections are answered with an S3
 *       {@code 503 SlowDown} error after their request headers, then closed (a throttling front).
 * </ul>
 *
 * One listening port for its whole life (the test points the application at {@link #port()} once).
 */
public final class FaultProxy implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(FaultProxy.class.getName());

  private final String name;
  private final InetSocketAddress target;
  private final int port;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger resetsLeft = new AtomicInteger();
  private final AtomicInteger http503Left = new AtomicInteger();
  private final AtomicInteger http503Sent = new AtomicInteger();
  private final AtomicInteger resetsDone = new AtomicInteger();
  private volatile long resetAfterBytes = Long.MAX_VALUE;
  private volatile boolean stalled;
  private volatile long refuseUntilNanos;
  private volatile boolean closed;
  private volatile ServerSocket listener;
  private final Thread acceptor;

  /** Starts a proxy on a free loopback port forwarding to {@code host:targetPort}. */
  public FaultProxy(String name, String host, int targetPort) throws IOException {
    this(name, host, targetPort, 0);
  }

  /** Starts a proxy on loopback port {@code listenPort} (0: any free port). */
  public FaultProxy(String name, String host, int targetPort, int listenPort) throws IOException {
    this.name = name;
    this.target = new InetSocketAddress(host, targetPort);
    this.listener = bind(listenPort);
    this.port = listener.getLocalPort();
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return port;
  }

  /** Connections accepted and forwarded since the start. */
  public int accepted() {
    return accepted.get();
  }

  /** Connections open right now. */
  public int open() {
    return links.size();
  }

  /** Connections reset by {@link #resetAfterUpstreamBytes}. */
  public int resetsDone() {
    return resetsDone.get();
  }

  /** Connections answered by {@link #answerHttp503}. */
  public int http503Sent() {
    return http503Sent.get();
  }

  /** Resets every open connection (both sides see a connection reset). */
  public void cutAll() {
    int n = 0;
    for (Link link : links) {
      link.reset();
      n++;
    }
    int cut = n;
    LOG.info(() -> name + ": cut " + cut + " connection(s)");
  }

  /**
   * Ends every open connection the way a PostgreSQL restart does (a fast shutdown): the server side
   * is closed and each client receives {@code FATAL 57P01 terminating connection due to
   * administrator command} followed by the end of the stream. Only for a proxy in front of
   * PostgreSQL.
   */
  public void terminateLikePostgresRestart() {
    byte[] fatal = postgresFatal57P01();
    int n = 0;
    for (Link link : links) {
      link.terminate(fatal);
      n++;
    }
    int cut = n;
    LOG.info(() -> name + ": terminated " + cut + " connection(s) like a PostgreSQL restart");
  }

  /** A PostgreSQL ErrorResponse message: FATAL, SQLSTATE 57P01 (admin_shutdown). */
  static byte[] postgresFatal57P01() {
    return RefusingPostgres.errorResponse(
        "57P01", "terminating connection due to administrator command", null);
  }

  /**
   * Cuts every connection and refuses new ones for {@code duration}: the listening socket is closed
   * (connects are refused by the kernel) and bound again on the same port afterwards.
   */
  public void refuseFor(Duration duration) {
    refuseUntilNanos = System.nanoTime() + duration.toNanos();
    ServerSocket current = listener;
    try {
      current.close();
    } catch (IOException e) {
      // closed already
    }
    cutAll();
    LOG.info(() -> name + ": refusing connections for " + duration);
  }

  /** While refusing new connections. */
  public boolean refusing() {
    return System.nanoTime() < refuseUntilNanos;
  }

  /**
   * Every connection open now goes silent for good: its server side is reset (the server ends the
   * session, releasing its locks), while the client is left with a connection that never answers
   * again (no reset, no end of stream: what a client sees of a host that vanished) and whatever it
   * sends is swallowed, until it closes the connection itself. New connections flow as before.
   * Returns how many were silenced.
   */
  public int silenceOpenConnections() {
    int n = 0;
    for (Link link : links) {
      link.silence();
      n++;
    }
    int silenced = n;
    LOG.info(() -> name + ": silenced " + silenced + " open connection(s) for good");
    return silenced;
  }

  /** Holds (true) or releases (false) the bytes of every connection, in both directions. */
  public void stall(boolean on) {
    stalled = on;
    LOG.info(() -> name + (on ? ": stalled" : ": flowing again"));
  }

  /** The next {@code times} connections are reset after the client sent {@code bytes} bytes. */
  public void resetAfterUpstreamBytes(long bytes, int times) {
    resetAfterBytes = bytes;
    resetsLeft.set(times);
  }

  /** The next {@code times} connections are answered {@code 503 SlowDown} and closed. */
  public void answerHttp503(int times) {
    http503Left.set(times);
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    cutAll();
    acceptor.interrupt();
  }

  private static ServerSocket bind(int listenPort) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 200);
    return socket;
  }

  private void acceptLoop() {
    while (!closed) {
      ServerSocket current = listener;
      if (current.isClosed()) {
        rebindWhenRefusalEnds();
        continue;
      }
      Socket client;
      try {
        client = current.accept();
      } catch (IOException e) {
        continue; // closed by refuseFor or close
      }
      if (refusing()) {
        reset(client);
        continue;
      }
      accepted.incrementAndGet();
      if (http503Left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        Thread t = new Thread(() -> answer503(client), "fault-proxy-" + name + "-503");
        t.setDaemon(true);
        t.start();
        continue;
      }
      long resetAt =
          resetsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? resetAfterBytes : Long.MAX_VALUE;
      Socket server = new Socket();
      try {
        server.connect(target, 5_000);
      } catch (IOException e) {
        reset(client);
        try {
          server.close();
        } catch (IOException ignored) {
          // nothing to close
        }
        continue;
      }
      Link link = new Link(client, server, resetAt);
      links.add(link);
      link.start();
    }
  }

  private void rebindWhenRefusalEnds() {
    while (!closed && refusing()) {
      sleep(50);
    }
    while (!closed) {
      try {
        listener = bind(port);
        LOG.info(() -> name + ": accepting connections again on " + port);
        return;
      } catch (IOException e) {
        sleep(100);
      }
    }
  }

  private void answer503(Socket client) {
    try (client) {
      client.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String body =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
              + "<Message>Please reduce your request rate.</Message></Error>";
      String response =
          "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\nConnection: close\r\n\r\n"
              + body;
      OutputStream out = client.getOutputStream();
      out.write(response.getBytes(StandardCharsets.UTF_8));
      out.flush();
      http503Sent.incrementAndGet();
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0); // close() sends RST instead of FIN
    } catch (SocketException e) {
      // closed already
    }
    try {
      socket.close();
    } catch (IOException e) {
      // closed already
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One client connection and its connection to the target, pumped by two threads. */
  private final class Link {
    private final Socket client;
    private final Socket server;
    private final long resetAt;
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicInteger ends = new AtomicInteger();
    private volatile boolean done;
    private volatile boolean silent;

    Link(Socket client, Socket server, long resetAt) {
      this.client = client;
      this.server = server;
      this.resetAt = resetAt;
    }

    void start() {
      pump(client, server, true);
      pump(server, client, false);
    }

    private void pump(Socket from, Socket to, boolean up) {
      Thread t =
          new Thread(
              () -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                  InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream();
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    while (stalled && !done) {
                      sleep(20);
                    }
                    if (done) {
                      return;
                    }
                    if (silent) {
                      if (up) {
                        continue; // swallowed: nothing reaches a vanished host
                      }
                      return;
                    }
                    if (up && upstream.addAndGet(n) >= resetAt) {
                      resetsDone.incrementAndGet();
                      LOG.info(() -> name + ": reset a connection mid-stream");
                      reset();
                      return;
                    }
                    synchronized (this) {
                      if (done || silent) {
                        return;
                      }
                      out.write(buffer, 0, n);
                      out.flush();
                    }
                  }
                  if (silent) {
                    if (up) {
                      endSilence(); // the client gave up on the connection and closed it
                    }
                    return;
                  }
                  to.shutdownOutput(); // a clean end is passed on as a clean end
                  if (ends.incrementAndGet() == 2) {
                    links.remove(this);
                    client.close();
                    server.close();
                  }
                } catch (IOException e) {
                  if (silent) {
                    if (up) {
                      endSilence();
                    }
                    return; // the server side was reset on purpose: the client hears nothing
                  }
                  reset();
                }
              },
              "fault-proxy-" + name + (up ? "-up" : "-down"));
      t.setDaemon(true);
      t.start();
    }

    /** The server side is reset; the client side stays open and hears nothing from now on. */
    void silence() {
      synchronized (this) {
        silent = true;
      }
      FaultProxy.reset(server);
    }

    /** A silenced connection that its client closed: let go of the client's socket. */
    private void endSilence() {
      links.remove(this);
      FaultProxy.reset(client);
    }

    /** Server side closed; the client gets {@code last} and a clean end of stream. */
    void terminate(byte[] last) {
      synchronized (this) {
        done = true;
      }
      links.remove(this);
      FaultProxy.reset(server);
      try {
        client.getOutputStream().write(last);
        client.getOutputStream().flush();
        client.shutdownOutput();
        client.close();
      } catch (IOException e) {
        FaultProxy.reset(client);
      }
    }

    void reset() {
      done = true;
      links.remove(this);
      FaultProxy.reset(client);
      FaultProxy.reset(server);
    }
  }
}
