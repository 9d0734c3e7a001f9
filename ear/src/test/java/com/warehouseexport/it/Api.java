package com.warehouseexport.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

/** A small HTTP client for the deployed application's APIs. */
public final class Api {

  public static final String OPERATOR = "it-operator";
  public static final String OPERATOR_PASSWORD = "it-operator-secret";

  /** An HTTP answer: status and body text. */
  public record Answer(int status, String body, HttpResponse<byte[]> raw) {
    public JsonObject json() {
      return (JsonObject) structure();
    }

    public JsonStructure structure() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.read();
      }
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Api(URL base) {
    String b = base.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  public String base() {
    return base;
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Answer asOperator(String method, String path, String json) {
    return send(method, path, json, basic(OPERATOR, OPERATOR_PASSWORD));
  }

  public Answer withKey(String key, String path, String json) {
    return send("POST", path, json, "Bearer " + key);
  }

  public Answer send(String method, String path, String json, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates an organization and an environment; returns {id, ingestionKey}. */
  public Tenant newTenant(String name, String plan) {
    Answer org =
        asOperator(
            "POST",
            "/api/v1/organizations",
            Json.createObjectBuilder().add("name", name).add("plan", plan).build().toString());
    if (org.status() != 201) {
      throw new IllegalStateException("organization: " + org.status() + " " + org.body());
    }
    long orgId = org.json().getJsonNumber("id").longValue();
    Answer env =
        asOperator(
            "POST",
            "/api/v1/organizations/" + orgId + "/environments",
            "{\"name\":\"Production\"}");
    if (env.status() != 201) {
      throw new IllegalStateException("environment: " + env.status() + " " + env.body());
    }
    return new Tenant(
        orgId, env.json().getJsonNumber("id").longValue(), env.json().getString("ingestionKey"));
  }

  /** Starts an export as the operator; returns the execution id. */
  public long startExport(long environmentId, String json) {
    Answer answer = asOperator("POST", "/api/v1/environments/" + environmentId + "/exports", json);
    if (answer.status() != 202) {
      throw new IllegalStateException("start export: " + answer.status() + " " + answer.body());
    }
    return answer.json().getJsonNumber("executionId").longValue();
  }

  /** Polls the export status until it is no longer running (at most two minutes). */
  public JsonObject awaitExport(long executionId) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      Answer answer = asOperator("GET", "/api/v1/exports/" + executionId, null);
      if (answer.status() != 200) {
        throw new IllegalStateException("status: " + answer.status() + " " + answer.body());
      }
      JsonObject status = answer.json();
      String s = status.getString("status");
      if (!s.equals("STARTING") && !s.equals("STARTED") && !s.equals("STOPPING")) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("export " + executionId + " still " + s);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The CSV bytes of a completed export. */
  public byte[] downloadCsv(long executionId) {
    Answer answer = asOperator("GET", "/api/v1/exports/" + executionId + "/csv", null);
    if (answer.status() != 200) {
      throw new IllegalStateException("download: " + answer.status() + " " + answer.body());
    }
    return answer.raw().body();
  }

  /** An organization with one environment. */
  /**
   * Saves enabled daily automatic export settings of a Custom (S3-compatible) bucket and returns
   * the answer.
   */
  public Answer saveBucketSettings(
      long environmentId,
      java.net.URI endpoint,
      String bucket,
      String prefix,
      String accessKey,
      String secret) {
    String json =
        jakarta.json.Json.createObjectBuilder()
            .add("enabled", true)
            .add("cadence", "daily")
            .add("provider", "CUSTOM")
            .add("bucket", bucket)
            .add("region", "us-east-1")
            .add("key", prefix)
            .add("endpoint", endpoint.toString())
            .add("accessKeyId", accessKey)
            .add("secretAccessKey", secret)
            .build()
            .toString();
    return asOperator("PUT", "/api/v1/environments/" + environmentId + "/export-settings", json);
  }

  /**
   * Ingests one company {@code acme}, first seen {@code firstSeenDaysAgo} days before {@code
   * today}, using {@code alerts} and {@code reports} on each of the {@code days} days before it;
   * fails unless every item is accepted.
   */
  public void ingestOneCompany(Tenant tenant, LocalDate today, int firstSeenDaysAgo, int days) {
    jakarta.json.JsonArrayBuilder items = jakarta.json.Json.createArrayBuilder();
    items.add(
        jakarta.json.Json.createObjectBuilder()
            .add("type", "company")
            .add("companyId", "acme")
            .add("attributes", jakarta.json.Json.createObjectBuilder().add("name", "Acme"))
            .add("timestamp", today.minusDays(firstSeenDaysAgo) + "T08:00:00Z"));
    for (int d = 1; d <= days; d++) {
      for (String feature : List.of("alerts", "reports")) {
        items.add(
            jakarta.json.Json.createObjectBuilder()
                .add("type", "event")
                .add("event", feature)
                .add("userId", "u" + d)
                .add("companyId", "acme")
                .add("timestamp", today.minusDays(d) + "T10:00:00Z"));
      }
    }
    Answer answer = withKey(tenant.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    if (answer.status() != 200 || answer.json().getInt("rejected") != 0) {
      throw new IllegalStateException("ingest: " + answer.status() + " " + answer.body());
    }
  }

  public record Tenant(long organizationId, long environmentId, String ingestionKey) {}
}
