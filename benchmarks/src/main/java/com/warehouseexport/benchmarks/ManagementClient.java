package com.warehouseexport.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The WildFly HTTP management API (JSON DMR) of the benchmark's server, authenticated as the
 * management user the launcher added to its private copy of the configuration. {@link
 * HttpURLConnection} is used because it speaks HTTP Digest, the mechanism WildFly's management
 * interface offers by default.
 */
final class ManagementClient {

  private final URI uri;
  private final Authenticator authenticator;

  ManagementClient(int port, String user, String password) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/management");
    this.authenticator =
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(user, password.toCharArray());
          }
        };
  }

  /** Executes one operation and returns its {@code result}; fails unless the outcome is success. */
  JsonValue execute(JsonObject operation) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setAuthenticator(authenticator);
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(60_000);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    byte[] body = operation.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        JsonReader reader = Json.createReader(in)) {
      JsonObject answer = reader.readObject();
      if (!"success".equals(answer.getString("outcome", ""))) {
        throw new IOException("management operation failed (HTTP " + status + "): " + answer);
      }
      return answer.get("result");
    } finally {
      connection.disconnect();
    }
  }

  /** An operation on {@code /core-service=platform-mbean/type=<type>[/name=<name>]}. */
  static jakarta.json.JsonObjectBuilder platformMbean(String operation, String type, String name) {
    var address =
        Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("core-service", "platform-mbean"))
            .add(Json.createObjectBuilder().add("type", type));
    if (name != null) {
      address.add(Json.createObjectBuilder().add("name", name));
    }
    return Json.createObjectBuilder().add("operation", operation).add("address", address);
  }

  /** Current heap usage in bytes ({@code heap-memory-usage.used}). */
  long heapUsed() throws IOException {
    JsonValue usage =
        execute(
            platformMbean("read-attribute", "memory", null)
                .add("name", "heap-memory-usage")
                .build());
    return usage.asJsonObject().getJsonNumber("used").longValue();
  }

  /**
   * Asks the server JVM for a full GC (used before and after an export to see what is retained).
   */
  void gc() throws IOException {
    execute(platformMbean("gc", "memory", null).build());
  }

  void shutdown() throws IOException {
    execute(
        Json.createObjectBuilder()
            .add("operation", "shutdown")
            .add("address", Json.createArrayBuilder())
            .build());
  }
}
