package com.warehouseexport.alerts;

import com.warehouseexport.core.alerts.WebhookSignature;
import com.warehouseexport.core.net.EndpointGuard;
import com.warehouseexport.core.net.HostResolver;
import com.warehouseexport.platform.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * Posts one signed webhook body. HTTPS only; the SSRF guard (the S3 endpoint allow-list, {@code
 * S3_ENDPOINT_ALLOWLIST}) checks every address the client resolves, so a name that re-resolves to
 * an internal address is refused before connecting; no redirects, no proxy, short timeouts.
 * Certificates are checked against the JVM's trust store, or only against {@code
 * WEBHOOK_TRUSTSTORE} (PKCS12, password {@code WEBHOOK_TRUSTSTORE_PASSWORD}) when the operator sets
 * one (a private CA; the tests' self-signed receiver).
 */
final class WebhookSender {

  /** The event header. */
  static final String EVENT_HEADER = "X-Warehouse-Event";

  /** The delivery id header (the same on every retry of one delivery). */
  static final String DELIVERY_HEADER = "X-Warehouse-Delivery";

  private final EndpointGuard guard;
  private final HostResolver resolver;

  WebhookSender(EndpointGuard guard, HostResolver resolver) {
    this.guard = guard;
    this.resolver = resolver;
  }

  /**
   * Sends; returns normally on a 2xx answer.
   *
   * @throws DeliveryException with a message for admins (no secrets) otherwise
   */
  void send(URI url, String secret, String event, long deliveryId, byte[] body) {
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      throw new DeliveryException("The webhook URL is not https://");
    }
    EndpointGuard.Decision decision = guard.checkScheme(url);
    if (!decision.allowed()) {
      throw new DeliveryException(decision.reason());
    }
    RequestConfig timeouts =
        RequestConfig.custom()
            .setConnectTimeout(5_000)
            .setConnectionRequestTimeout(5_000)
            .setSocketTimeout(10_000)
            .setRedirectsEnabled(false)
            .build();
    try (CloseableHttpClient client =
        HttpClients.custom()
            .setDnsResolver(this::resolve)
            .setSSLSocketFactory(
                new SSLConnectionSocketFactory(sslContext(), new DefaultHostnameVerifier()))
            .setDefaultRequestConfig(timeouts)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build()) {
      HttpPost post = new HttpPost(url);
      post.setHeader("User-Agent", "WarehouseExport-Webhook/1");
      post.setHeader(EVENT_HEADER, event);
      post.setHeader(DELIVERY_HEADER, Long.toString(deliveryId));
      post.setHeader(WebhookSignature.HEADER, WebhookSignature.sign(secret, body));
      post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
      try (CloseableHttpResponse response = client.execute(post)) {
        int status = response.getStatusLine().getStatusCode();
        EntityUtils.consumeQuietly(response.getEntity());
        if (status < 200 || status > 299) {
          throw new DeliveryException("The receiver answered HTTP " + status);
        }
      }
    } catch (EndpointRefused e) {
      throw new DeliveryException("Refused: " + e.reason);
    } catch (IOException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof EndpointRefused refused) {
          throw new DeliveryException("Refused: " + refused.reason);
        }
      }
      throw new DeliveryException(
          "Could not reach the receiver: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  private InetAddress[] resolve(String host) throws UnknownHostException {
    List<InetAddress> addresses = resolver.resolve(host);
    EndpointGuard.Decision decision = guard.check(host, addresses);
    if (!decision.allowed()) {
      throw new EndpointRefused(host, decision.reason());
    }
    return addresses.toArray(new InetAddress[0]);
  }

  /** The JVM's default context, or one trusting only the configured trust store. */
  static SSLContext sslContext() {
    String path = ServerSettings.value("WEBHOOK_TRUSTSTORE", "warehouse.webhook.truststore");
    try {
      if (path == null) {
        return SSLContext.getDefault();
      }
      String password =
          ServerSettings.value(
              "WEBHOOK_TRUSTSTORE_PASSWORD", "warehouse.webhook.truststore-password");
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(Path.of(path))) {
        store.load(in, password == null ? null : password.toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new DeliveryException(
          "The webhook trust store (WEBHOOK_TRUSTSTORE) cannot be read: " + e.getMessage());
    }
  }

  /** The guard refused what a host resolved to; an UnknownHostException so no connection opens. */
  static final class EndpointRefused extends UnknownHostException {
    private static final long serialVersionUID = 1L;
    final String reason;

    EndpointRefused(String host, String reason) {
      super(host + ": " + reason);
      this.reason = reason;
    }
  }
}
