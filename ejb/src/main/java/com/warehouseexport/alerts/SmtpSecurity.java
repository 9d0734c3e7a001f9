package com.warehouseexport.alerts;

import com.warehouseexport.platform.ServerSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How alert e-mail reaches the SMTP server without exposing its password (PRODUCT.md §9): when a
 * login is configured ({@code SMTP_USER}), TLS is required — implicit TLS ({@code SMTP_SSL=true})
 * or STARTTLS, which is then <em>required</em>, not merely used when offered. A server that does
 * not offer STARTTLS gets no credentials: the connection ends before {@code AUTH} and the delivery
 * fails with a message naming {@code SMTP_STARTTLS} (and is retried like any failed delivery). A
 * login with {@code SMTP_STARTTLS=false} and {@code SMTP_SSL=false} is refused before connecting.
 * Without a login, STARTTLS is used when offered ({@code SMTP_STARTTLS}, default true). The
 * server's certificate is checked against its host name, and trusted through the JVM's trust store
 * or {@code SMTP_TRUSTSTORE} (PKCS#12, {@code SMTP_TRUSTSTORE_PASSWORD}) for an internal CA.
 */
final class SmtpSecurity {

  /** The SMTP settings that decide the connection's security. */
  record Settings(
      String host,
      int port,
      boolean starttls,
      boolean ssl,
      String user,
      String password,
      String truststore,
      String truststorePassword) {

    static Settings fromServer() {
      String port = ServerSettings.value("SMTP_PORT", "warehouse.smtp.port");
      int number;
      try {
        number = port == null ? 587 : Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new DeliveryException("SMTP_PORT must be a port number, was '" + port + "'");
      }
      return new Settings(
          ServerSettings.value("SMTP_HOST", "warehouse.smtp.host"),
          number,
          flag("SMTP_STARTTLS", "warehouse.smtp.starttls", true),
          flag("SMTP_SSL", "warehouse.smtp.ssl", false),
          AlertSettings.smtpUser(),
          AlertSettings.smtpPassword(),
          ServerSettings.value("SMTP_TRUSTSTORE", "warehouse.smtp.truststore"),
          ServerSettings.value("SMTP_TRUSTSTORE_PASSWORD", "warehouse.smtp.truststore-password"));
    }

    /** A login is configured: TLS is then required. */
    boolean login() {
      return user != null || password != null;
    }
  }

  private SmtpSecurity() {}

  /**
   * The session to send with: {@code base}'s properties (host, port, sender) with the TLS rules
   * above.
   *
   * @throws DeliveryException when a login is configured without any TLS
   */
  static Session session(Session base, Settings s) {
    if (s.login() && !s.ssl() && !s.starttls()) {
      throw new DeliveryException(
          "SMTP_STARTTLS=false with SMTP_SSL=false, but SMTP_USER is set: the password would"
              + " travel in clear text, so nothing was sent. Set SMTP_STARTTLS=true (or"
              + " SMTP_SSL=true for implicit TLS)");
    }
    Properties p = new Properties();
    p.putAll(base.getProperties());
    if (s.host() != null) {
      // as configured: the mail session may hold the address resolved back to a name
      // ("localhost"), which the certificate's name check would then be made against
      p.put("mail.smtp.host", s.host());
      p.put("mail.smtp.port", Integer.toString(s.port()));
    }
    p.put("mail.smtp.ssl.enable", Boolean.toString(s.ssl()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(!s.ssl() && s.starttls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(!s.ssl() && s.login()));
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "30000");
    if (s.truststore() != null) {
      p.put("mail.smtp.ssl.socketFactory", trusting(s.truststore(), s.truststorePassword()));
    }
    return Session.getInstance(p);
  }

  /** Connects, with the login when one is configured. */
  static void connect(Transport transport, Settings s) throws MessagingException {
    if (s.user() != null) {
      transport.connect(s.user(), s.password());
    } else {
      transport.connect();
    }
  }

  /** The delivery failure to record for {@code e}, naming the setting to change where it helps. */
  static String explain(MessagingException e, Settings s) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("STARTTLS")) {
      return "The SMTP server does not offer STARTTLS, so the login (SMTP_USER) was not sent:"
          + " a login needs TLS (SMTP_STARTTLS). Use a server that offers STARTTLS, or implicit"
          + " TLS with SMTP_SSL=true";
    }
    Throwable cause = e.getCause();
    return "Sending the e-mail failed: "
        + e.getClass().getSimpleName()
        + " "
        + message
        + (cause == null
            ? ""
            : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
  }

  private static javax.net.ssl.SSLSocketFactory trusting(String path, String password) {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new DeliveryException(
          "SMTP_TRUSTSTORE " + path + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  private static boolean flag(String env, String property, boolean fallback) {
    String value = ServerSettings.value(env, property);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new DeliveryException(env + " must be true or false, was '" + value + "'");
  }
}
