package com.warehouseexport.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The application's HTTP APIs as the benchmark uses them (operator Basic auth, ingestion keys). */
final class BenchApi {

  /** An organization's environment. */
  record Tenant(long environmentId, String ingestionKey) {}

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
  private static final Pattern REJECTED = Pattern.compile("\"rejected\"\\s*:\\s*(\\d+)");

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final String operatorAuth;

  BenchApi(String base, String operator, String password) {
    this.base = base;
    this.operatorAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((operator + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  JsonObject operator(String method, String path, String json, int expected) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", operatorAuth);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IOException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  Tenant newTenant(String name, String plan) throws IOException {
    JsonObject org =
        operator(
            "POST",
            "/api/v1/organizations",
            Json.createObjectBuilder().add("name", name).add("plan", plan).build().toString(),
            201);
    JsonObject env =
        operator(
            "POST",
            "/api/v1/organizations/" + org.getJsonNumber("id").longValue() + "/environments",
            "{\"name\":\"Production\"}",
            201);
    return new Tenant(env.getJsonNumber("id").longValue(), env.getString("ingestionKey"));
  }

  void putFeature(long environmentId, String key, String name) throws IOException {
    operator(
        "PUT",
        "/api/v1/environments/" + environmentId + "/features/" + key,
        Json.createObjectBuilder()
            .add("name", name)
            .add("adoptionDays", 5)
            .add("adoptionWindowDays", 28)
            .build()
            .toString(),
        200);
  }

  void putSegment(long environmentId, String id, String json) throws IOException {
    operator("PUT", "/api/v1/environments/" + environmentId + "/segments/" + id, json, 200);
  }

  /** Sends one bulk body; returns the number of accepted items (fails on any rejection). */
  int bulk(String ingestionKey, byte[] body) throws IOException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/track/bulk"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + ingestionKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("bulk answered " + response.statusCode() + ": " + response.body());
    }
    String text = response.body();
    Matcher rejected = REJECTED.matcher(text);
    if (rejected.find() && !rejected.group(1).equals("0")) {
      throw new IOException(
          "bulk rejected items: " + text.substring(0, Math.min(600, text.length())));
    }
    Matcher accepted = ACCEPTED.matcher(text);
    return accepted.find() ? Integer.parseInt(accepted.group(1)) : 0;
  }

  long startExport(long environmentId, String aggregation, String asOf) throws IOException {
    return operator(
            "POST",
            "/api/v1/environments/" + environmentId + "/exports",
            Json.createObjectBuilder()
                .add("aggregation", aggregation)
                .add("asOf", asOf)
                .build()
                .toString(),
            202)
        .getJsonNumber("executionId")
        .longValue();
  }

  JsonObject exportStatus(long executionId) throws IOException {
    return operator("GET", "/api/v1/exports/" + executionId, null, 200);
  }

  /** Streams the CSV of a completed export into {@code target}; never holds it in memory. */
  void downloadCsv(long executionId, Path target) throws IOException {
    download(executionId, "", target);
  }

  /** The same download gzip-compressed by the server on the way out ({@code format=csv.gz}). */
  void downloadCsvGz(long executionId, Path target) throws IOException {
    download(executionId, "?format=csv.gz", target);
  }

  /** The same download as a Parquet file written by the server while it streams. */
  void downloadParquet(long executionId, Path target) throws IOException {
    download(executionId, "?format=parquet", target);
  }

  private void download(long executionId, String query, Path target) throws IOException {
    HttpResponse<Path> response =
        send(
            HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/exports/" + executionId + "/csv" + query))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", operatorAuth)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofFile(target));
    if (response.statusCode() != 200) {
      throw new IOException("download answered " + response.statusCode());
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
