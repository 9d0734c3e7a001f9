package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link FaultProxy} of the fault tests against an echo server in this JVM (no WildFly). */
class FaultProxyIT {

  private ServerSocket echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket s = echo.accept();
                  Thread pump =
                      new Thread(
                          () -> {
                            try (s) {
                              s.getInputStream().transferTo(s.getOutputStream());
                            } catch (IOException e) {
                              // reset by the proxy
                            }
                          });
                  pump.setDaemon(true);
                  pump.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    proxy = new FaultProxy("echo", "127.0.0.1", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 2000);
    s.setSoTimeout(2000);
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    s.getOutputStream().write(bytes);
    s.getOutputStream().flush();
    return new String(s.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
  }

  @Test
  void forwardsThenCutsThenRefusesThenAcceptsAgain() throws Exception {
    try (Socket s = connect()) {
      assertEquals("hello", roundTrip(s, "hello"));
      proxy.cutAll();
      assertThrows(IOException.class, () -> roundTrip(s, "again, and more than nothing"));
    }
    proxy.refuseFor(Duration.ofSeconds(2));
    assertTrue(refused(), "refused while refusing");
    Waits.await(Duration.ofSeconds(5), () -> !proxy.refusing(), "the refusal ends");
    Waits.await(
        Duration.ofSeconds(5),
        () -> {
          try (Socket s = connect()) {
            return "back".equals(roundTrip(s, "back"));
          } catch (IOException e) {
            return false;
          }
        },
        "the proxy accepts again on the same port");
  }

  /** A connect is refused, or the connection is reset before it carries a byte. */
  private boolean refused() {
    try (Socket s = connect()) {
      return !"x".equals(roundTrip(s, "x"));
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * A silenced connection neither answers nor ends (the client's read times out, its writes are
   * swallowed) while its server side is gone, and a new connection works.
   */
  @Test
  void silencesTheOpenConnectionsForGoodAndLetsNewOnesThrough() throws Exception {
    try (Socket s = connect()) {
      assertEquals("before", roundTrip(s, "before"));
      assertEquals(1, proxy.silenceOpenConnections());
      s.getOutputStream().write("after".getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "still silent");
      try (Socket fresh = connect()) {
        assertEquals("new", roundTrip(fresh, "new"));
      }
    }
    Waits.await(Duration.ofSeconds(5), () -> proxy.open() == 0, "the closed silent link let go");
  }

  @Test
  void stallsAndResetsMidStream() throws Exception {
    try (Socket s = connect()) {
      proxy.stall(true);
      OutputStream out = s.getOutputStream();
      out.write("held".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      proxy.stall(false);
      assertEquals("held", new String(s.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
    }
    proxy.resetAfterUpstreamBytes(1000, 1);
    try (Socket s = connect()) {
      assertEquals("small", roundTrip(s, "small"));
      assertThrows(
          IOException.class,
          () -> {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 100; i++) {
              out.write(new byte[100]);
              out.flush();
              in.readNBytes(100);
            }
          });
    }
    assertEquals(1, proxy.resetsDone());
    try (Socket s = connect()) {
      assertEquals("x".repeat(5000), roundTrip(s, "x".repeat(5000)), "only the next connection");
    }
  }

  @Test
  void answers503ThenPassesThrough() throws Exception {
    proxy.answerHttp503(1);
    try (Socket s = connect()) {
      s.getOutputStream()
          .write("PUT /b/k HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 503") && answer.contains("SlowDown"), answer);
    }
    try (Socket s = connect()) {
      assertEquals("through", roundTrip(s, "through"));
    }
    assertEquals(1, proxy.http503Sent());
  }
}
