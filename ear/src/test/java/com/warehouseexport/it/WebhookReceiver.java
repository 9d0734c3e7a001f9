package com.warehouseexport.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.warehouseexport.core.alerts.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A webhook receiver for the tests: HTTPS on 127.0.0.1 with a self-signed certificate made by
 * {@code keytool} (the server trusts it through {@code warehouse.webhook.truststore}, written here
 * too). It answers 500 to the first {@code failFirst} requests, then 204, and records every request
 * with whether its signature checked out.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One received request. */
  record Received(String event, String delivery, String body, boolean signatureValid) {}

  static final String STORE_PASSWORD = "it-truststore";

  private final HttpsServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String secret;

  private WebhookReceiver(HttpsServer server) {
    this.server = server;
  }

  /**
   * Makes a fresh key pair for 127.0.0.1 in {@code dir}/receiver.p12 and a trust store holding its
   * certificate in {@code dir}/truststore.p12 (the path arquillian.xml gives the server).
   */
  static Path makeCertificates(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path keys = dir.resolve("receiver.p12");
    Path cert = dir.resolve("receiver.cer");
    Path trust = dir.resolve("truststore.p12");
    Files.deleteIfExists(keys);
    Files.deleteIfExists(cert);
    Files.deleteIfExists(trust);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "receiver",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keys.toString(),
        "-storepass",
        STORE_PASSWORD);
    run(
        keytool,
        "-exportcert",
        "-alias",
        "receiver",
        "-keystore",
        keys.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        cert.toString());
    run(
        keytool,
        "-importcert",
        "-noprompt",
        "-alias",
        "receiver",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trust.toString(),
        "-storepass",
        STORE_PASSWORD);
    return keys;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  static WebhookReceiver start(Path keys, int failFirst) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys)) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    WebhookReceiver receiver = new WebhookReceiver(server);
    server.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
          String s = receiver.secret;
          receiver.received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Warehouse-Event"),
                  exchange.getRequestHeaders().getFirst("X-Warehouse-Delivery"),
                  new String(body, StandardCharsets.UTF_8),
                  s != null && WebhookSignature.verify(s, body, signature)));
          int status = receiver.requests.incrementAndGet() <= failFirst ? 500 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return receiver;
  }

  /** The secret the receiver checks signatures with (from the target's creation answer). */
  void secret(String secret) {
    this.secret = secret;
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests for {@code event}, in arrival order. */
  List<Received> of(String event) {
    return received.stream().filter(r -> event.equals(r.event())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
