package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, finding 6, reproduced as it was found: a server with an SMTP login and {@code
 * SMTP_STARTTLS=true} (the default) sending to a loopback SMTP server that offers AUTH but no
 * STARTTLS. The password must never arrive: no {@code AUTH} is sent, the delivery fails naming
 * {@code SMTP_STARTTLS} and is retried. It runs a server of its own ({@link ServerProcess}), so it
 * is not part of the Arquillian-deployed {@link SecurityRegressionsIT}.
 */
class SecurityRegressionsSmtpIT {

  // ------------------------------------------------------------ 6. SMTP password

  @Test
  void theSmtpPasswordNeverReachesAServerWithoutStarttls() throws Exception {
    String password = "smtp-password-" + UUID.randomUUID();
    String base64 =
        java.util.Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    Path target = Path.of(System.getProperty("ear.file")).getParent();
    int offset = Integer.getInteger("it.port.offset", 0) + 1577;
    try (SmtpSink sink = new SmtpSink();
        ServerProcess server = ServerProcess.fresh("smtp-cleartext", offset, target, "smtp-data")) {
      server
          .env("SMTP_HOST", "127.0.0.1")
          .env("SMTP_PORT", Integer.toString(sink.port()))
          .env("SMTP_STARTTLS", "true")
          .env("SMTP_USER", "alerts")
          .env("SMTP_PASSWORD", password)
          .property("warehouse.alerts.delivery-interval", "PT1S")
          .property("warehouse.alerts.retry-initial", "PT1S")
          .property("warehouse.alerts.retry-max", "PT2S");
      server.start();
      Api node = new Api(server.url());
      Api.Tenant tenant = node.newTenant("Smtp", "PRO");
      String targets = "/api/v1/environments/" + tenant.environmentId() + "/notification-targets";
      Api.Answer added =
          node.asOperator("POST", targets, "{\"type\":\"email\",\"addresses\":\"ops@localhost\"}");
      assertEquals(201, added.status(), added.body());
      assertEquals(202, node.asOperator("POST", targets + "/test", null).status());

      String deliveries =
          "/api/v1/environments/" + tenant.environmentId() + "/notification-deliveries";
      JsonObject delivery = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        var items = node.asOperator("GET", deliveries, null).json().getJsonArray("items");
        if (!items.isEmpty() && items.getJsonObject(0).getInt("attempts") >= 2) {
          delivery = items.getJsonObject(0);
          break;
        }
        Thread.sleep(300);
      }
      assertTrue(delivery != null, "the delivery was not attempted twice: " + server.logTail(3000));
      assertTrue(
          delivery.getString("lastError", "").contains("SMTP_STARTTLS"), delivery.toString());
      assertNotEquals("delivered", delivery.getString("state"), delivery.toString());
      assertTrue(sink.lines().stream().anyMatch(l -> l.startsWith("EHLO")), "" + sink.lines());
      for (String line : sink.lines()) {
        assertFalse(line.toUpperCase().startsWith("AUTH"), "AUTH was sent: " + sink.lines());
        assertFalse(line.contains(password) || line.contains(base64), "the password arrived");
      }
      String log = server.log();
      assertFalse(log.contains(password), "the password is not logged");
      String started = log.substring(Math.max(0, log.indexOf("WFLYSRV0025")));
      assertFalse(started.contains("\tat "), "a stack trace after the start:\n" + started);
    }
  }

  /** A loopback SMTP server that offers AUTH but no STARTTLS and records every line received. */
  private static final class SmtpSink implements AutoCloseable {
    private final java.net.ServerSocket server =
        new java.net.ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

    SmtpSink() throws IOException {
      Thread thread = new Thread(this::serve, "smtp-sink");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    java.util.List<String> lines() {
      return lines;
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          java.io.BufferedReader in =
              new java.io.BufferedReader(
                  new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          OutputStream out = s.getOutputStream();
          reply(out, "220 sink ESMTP");
          boolean data = false;
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            if (data) {
              if (line.equals(".")) {
                data = false;
                reply(out, "250 queued");
              }
              continue;
            }
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
            if (verb.equals("EHLO")) {
              reply(out, "250-sink\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME");
            } else if (verb.equals("AUTH")) {
              reply(out, "334 VXNlcm5hbWU6");
            } else if (verb.equals("DATA")) {
              data = true;
              reply(out, "354 go on");
            } else if (verb.equals("QUIT")) {
              reply(out, "221 bye");
              break;
            } else {
              reply(out, "250 ok");
            }
          }
        } catch (IOException e) {
          // the next connection, or closed
        }
      }
    }

    private static void reply(OutputStream out, String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
