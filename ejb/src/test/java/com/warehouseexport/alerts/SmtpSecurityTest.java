package com.warehouseexport.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The SMTP password never travels in clear text: against a loopback SMTP sink that offers AUTH but
 * no STARTTLS (the reproduction of issue 21), Jakarta Mail with our session sends no AUTH and the
 * failure names SMTP_STARTTLS; without a login the same sink receives the mail.
 */
class SmtpSecurityTest {

  private static final String PASSWORD = "smtp-password-must-not-arrive";

  /** An SMTP server without STARTTLS that records every line it receives. */
  private static final class Sink implements AutoCloseable {
    final ServerSocket server;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Thread thread;

    Sink() throws IOException {
      server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
      thread = new Thread(this::serve, "smtp-sink");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          BufferedReader in =
              new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          OutputStream out = s.getOutputStream();
          write(out, "220 sink ESMTP");
          boolean data = false;
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            if (data) {
              if (line.equals(".")) {
                data = false;
                write(out, "250 queued");
              }
              continue;
            }
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
            switch (verb) {
              case "EHLO" -> write(out, "250-sink\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME");
              case "AUTH" -> write(out, "235 ok");
              case "DATA" -> {
                data = true;
                write(out, "354 go on");
              }
              case "QUIT" -> {
                write(out, "221 bye");
                return;
              }
              default -> write(out, "250 ok");
            }
          }
        } catch (IOException e) {
          // next connection, or closed
        }
      }
    }

    private static void write(OutputStream out, String reply) throws IOException {
      out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    Session base() {
      Properties p = new Properties();
      // as WildFly's session may hold it: the address resolved back to a name, a wrong port
      p.put("mail.smtp.host", "localhost");
      p.put("mail.smtp.port", "1");
      p.put("mail.from", "warehouse-export@localhost");
      return Session.getInstance(p);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  @Test
  void aLoginIsNeverSentToAServerWithoutStarttls() throws Exception {
    try (Sink sink = new Sink()) {
      SmtpSecurity.Settings smtp =
          new SmtpSecurity.Settings(
              "127.0.0.1", sink.server.getLocalPort(), true, false, "alerts", PASSWORD, null, null);
      Session session = SmtpSecurity.session(sink.base(), smtp);
      MessagingException e =
          assertThrows(
              MessagingException.class,
              () -> {
                try (Transport t = session.getTransport("smtp")) {
                  SmtpSecurity.connect(t, smtp);
                }
              });
      String explained = SmtpSecurity.explain(e, smtp);
      assertTrue(explained.contains("SMTP_STARTTLS"), explained);
      assertFalse(explained.contains(PASSWORD));
      Thread.sleep(100);
      assertTrue(sink.lines.stream().anyMatch(l -> l.startsWith("EHLO")), "" + sink.lines);
      assertTrue(
          sink.lines.stream().noneMatch(l -> l.toUpperCase().startsWith("AUTH")),
          "no AUTH: " + sink.lines);
      assertTrue(
          sink.lines.stream()
              .noneMatch(
                  l ->
                      l.contains(PASSWORD)
                          || l.contains("c210cC1wYXNzd29yZC1tdXN0LW5vdC1hcnJpdmU")),
          "" + sink.lines);
    }
  }

  @Test
  void aLoginWithoutAnyTlsIsRefusedBeforeConnecting() {
    SmtpSecurity.Settings smtp =
        new SmtpSecurity.Settings(null, 0, false, false, "alerts", PASSWORD, null, null);
    DeliveryException e =
        assertThrows(
            DeliveryException.class,
            () -> SmtpSecurity.session(Session.getInstance(new Properties()), smtp));
    assertTrue(e.getMessage().contains("SMTP_STARTTLS"), e.getMessage());
  }

  @Test
  void withoutALoginMailStillGoesToAPlainServer() throws Exception {
    try (Sink sink = new Sink()) {
      SmtpSecurity.Settings smtp =
          new SmtpSecurity.Settings(
              "127.0.0.1", sink.server.getLocalPort(), true, false, null, null, null, null);
      Session session = SmtpSecurity.session(sink.base(), smtp);
      jakarta.mail.internet.MimeMessage message = new jakarta.mail.internet.MimeMessage(session);
      message.setFrom();
      message.setRecipients(
          jakarta.mail.Message.RecipientType.TO,
          jakarta.mail.internet.InternetAddress.parse("team@localhost"));
      message.setSubject("s");
      message.setText("t");
      try (Transport t = session.getTransport("smtp")) {
        SmtpSecurity.connect(t, smtp);
        t.sendMessage(message, message.getAllRecipients());
      }
      assertTrue(sink.lines.contains("RCPT TO:<team@localhost>"), "" + sink.lines);
      assertEquals("false", session.getProperty("mail.smtp.starttls.required"));
    }
  }
}
