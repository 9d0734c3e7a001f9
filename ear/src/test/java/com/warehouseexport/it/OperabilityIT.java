package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operations surfaces (PRODUCT.md §10): health on the management interface, the application's
 * meters at /metrics, the OpenAPI document at /openapi, and logs that carry the export's context
 * but no secret.
 */
@ExtendWith(ArquillianExtension.class)
class OperabilityIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  private static String management(String path) {
    return "http://127.0.0.1:" + Integer.getInteger("it.management.port", 9990) + path;
  }

  private HttpResponse<String> get(String url, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  // --- health ---

  @Test
  void readinessAndLivenessAreUpWithTheApplicationsChecks() throws Exception {
    HttpResponse<String> ready = get(management("/health/ready"), null);
    assertEquals(200, ready.statusCode(), ready.body());
    JsonObject body = json(ready.body());
    assertEquals("UP", body.getString("status"), ready.body());
    Map<String, String> checks = new HashMap<>();
    body.getJsonArray("checks")
        .forEach(
            c ->
                checks.put(
                    c.asJsonObject().getString("name"), c.asJsonObject().getString("status")));
    assertEquals("UP", checks.get("database"), ready.body());
    assertEquals("UP", checks.get("schema-migrations"), ready.body());
    assertEquals("UP", checks.get("batch-runtime"), ready.body());

    HttpResponse<String> live = get(management("/health/live"), null);
    assertEquals(200, live.statusCode(), live.body());
    assertEquals("UP", json(live.body()).getString("status"));
    assertTrue(live.body().contains("\"warehouse-export\""), live.body());
  }

  // --- metrics ---

  /** One scrape of /metrics: series name → list of (labels, value). */
  record Scrape(Map<String, List<Map.Entry<Map<String, String>, Double>>> series, String text) {

    private static final Pattern LINE =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL =
        Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Scrape of(String text) {
      Map<String, List<Map.Entry<Map<String, String>, Double>>> series = new HashMap<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
          continue;
        }
        Map<String, String> labels = new HashMap<>();
        if (m.group(3) != null) {
          Matcher l = LABEL.matcher(m.group(3));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        series
            .computeIfAbsent(m.group(1), k -> new ArrayList<>())
            .add(Map.entry(labels, Double.parseDouble(m.group(4))));
      }
      return new Scrape(series, text);
    }

    boolean has(String name) {
      return series.containsKey(name);
    }

    /** The sum over every series of that name whose labels include {@code subset}. */
    double value(String name, String... subset) {
      double sum = 0;
      for (var entry : series.getOrDefault(name, List.of())) {
        boolean matches = true;
        for (int i = 0; i < subset.length; i += 2) {
          matches &= subset[i + 1].equals(entry.getKey().get(subset[i]));
        }
        if (matches) {
          sum += entry.getValue();
        }
      }
      return sum;
    }
  }

  private Scrape scrape() throws Exception {
    HttpResponse<String> metrics = get(management("/metrics"), null);
    assertEquals(200, metrics.statusCode(), metrics.body());
    return Scrape.of(metrics.body());
  }

  @Test
  void metricsCountAnExportThatCompletedAndOneThatFailed() throws Exception {
    Api.Tenant tenant = api.newTenant("Metrics " + UUID.randomUUID(), "ENTERPRISE");
    Scrape before = scrape();
    for (String name :
        List.of(
            "warehouse_exports_started_total",
            "warehouse_exports_completed_total",
            "warehouse_exports_failed_total",
            "warehouse_ingestion_items_total",
            "warehouse_manual_exports_refused_total",
            "warehouse_export_periods_waiting_retry",
            "warehouse_export_oldest_unlanded_period_age_seconds")) {
      assertTrue(before.has(name), name + " is exposed before any event:\n" + before.text());
    }

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.ingestOneCompany(tenant, today, 10, 3); // 1 company + 6 events
    Api.Answer bulk =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/bulk",
            "[{\"type\":\"company\",\"companyId\":\"beta\"},{\"type\":\"company\"}]");
    assertEquals(200, bulk.status(), bulk.body());

    long ok = api.startExport(tenant.environmentId(), "{\"aggregation\":\"snapshot\"}");
    JsonObject completed = api.awaitExport(ok);
    assertEquals("COMPLETED", completed.getString("status"), completed.toString());
    long rows = completed.getJsonNumber("rowsWritten").longValue();
    assertTrue(rows > 0, completed.toString());
    long broken =
        api.startExport(
            tenant.environmentId(), "{\"aggregation\":\"snapshot\",\"failAfterCompanies\":0}");
    JsonObject failed = api.awaitExport(broken);
    assertEquals("FAILED", failed.getString("status"), failed.toString());

    Scrape after =
        waitForScrape(
            s ->
                s.value("warehouse_export_duration_seconds_count", "destination", "download")
                        - before.value(
                            "warehouse_export_duration_seconds_count", "destination", "download")
                    >= 2);
    String d = "download";
    assertEquals(
        2, delta(before, after, "warehouse_exports_started_total", "destination", d), after.text());
    assertEquals(1, delta(before, after, "warehouse_exports_completed_total", "destination", d));
    assertEquals(1, delta(before, after, "warehouse_exports_failed_total", "destination", d));
    assertEquals(
        1,
        delta(
            before,
            after,
            "warehouse_export_duration_seconds_count",
            "destination",
            d,
            "outcome",
            "completed"));
    assertEquals(
        1,
        delta(
            before,
            after,
            "warehouse_export_duration_seconds_count",
            "destination",
            d,
            "outcome",
            "failed"));
    assertTrue(after.has("warehouse_export_duration_seconds_bucket"), "a histogram");
    assertEquals(1, delta(before, after, "warehouse_export_rows_count", "destination", d));
    assertEquals(rows, delta(before, after, "warehouse_export_rows_sum", "destination", d));
    assertTrue(after.has("warehouse_export_rows_bucket"), "a histogram");
    assertEquals(8, delta(before, after, "warehouse_ingestion_items_total", "result", "accepted"));
    assertEquals(1, delta(before, after, "warehouse_ingestion_items_total", "result", "rejected"));
    assertTrue(after.value("warehouse_export_periods_waiting_retry") >= 0, after.text());
    assertTrue(after.value("warehouse_export_oldest_unlanded_period_age_seconds") >= 0);
  }

  private Scrape waitForScrape(java.util.function.Predicate<Scrape> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Scrape s = scrape();
    while (!done.test(s) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      s = scrape();
    }
    return s;
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  // --- OpenAPI ---

  @Test
  void theOpenApiDocumentIsOpenApi3AndListsEveryPathOfTheResources() throws Exception {
    HttpResponse<String> answer = get(api.base() + "/openapi", "application/json");
    assertEquals(200, answer.statusCode(), answer.body());
    JsonObject document = json(answer.body());
    assertTrue(document.getString("openapi").startsWith("3."), document.getString("openapi"));
    assertTrue(document.containsKey("info"));
    JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
    assertEquals("basic", schemes.getJsonObject("basic").getString("scheme"));
    assertEquals("bearer", schemes.getJsonObject("apiToken").getString("scheme"));
    assertTrue(document.getJsonObject("components").getJsonObject("schemas").containsKey("Error"));

    JsonObject paths = document.getJsonObject("paths");
    Map<String, TreeSet<String>> served = resourceOperations();
    assertFalse(served.isEmpty());
    for (var entry : served.entrySet()) {
      assertTrue(
          paths.containsKey(entry.getKey()), entry.getKey() + " missing from " + paths.keySet());
      JsonObject item = paths.getJsonObject(entry.getKey());
      for (String method : entry.getValue()) {
        assertTrue(item.containsKey(method), method + " " + entry.getKey());
        JsonObject operation = item.getJsonObject(method);
        assertTrue(
            operation.getJsonObject("responses").containsKey("400"),
            "error answers of " + method + " " + entry.getKey());
        assertFalse(operation.getJsonArray("security").isEmpty(), "security of " + entry.getKey());
      }
    }
    assertEquals(
        served.keySet(), new TreeSet<>(paths.keySet()), "no path the resources do not serve");
    // request/response shapes where the generated document would be vague
    JsonObject start =
        paths.getJsonObject("/api/v1/environments/{id}/exports").getJsonObject("post");
    assertTrue(
        start.getJsonObject("requestBody").toString().contains("ExportStart"), start.toString());
    assertTrue(start.getJsonObject("responses").containsKey("202"), start.toString());
  }

  /**
   * Path → HTTP methods of every JAX-RS resource method in the WAR inside the EAR, read from the
   * class files' annotations (Jandex) without loading them.
   */
  private static Map<String, TreeSet<String>> resourceOperations() throws IOException {
    Indexer indexer = new Indexer();
    String applicationPath = null;
    try (ZipInputStream ear =
        new ZipInputStream(Files.newInputStream(Path.of(System.getProperty("ear.file"))))) {
      for (ZipEntry e; (e = ear.getNextEntry()) != null; ) {
        if (e.getName().endsWith(".war")) {
          ZipInputStream war = new ZipInputStream(ear);
          for (ZipEntry w; (w = war.getNextEntry()) != null; ) {
            if (w.getName().startsWith("WEB-INF/classes/") && w.getName().endsWith(".class")) {
              indexer.index(new NonClosing(war));
            }
          }
        }
      }
    }
    Index index = indexer.complete();
    DotName appPath = DotName.createSimple("jakarta.ws.rs.ApplicationPath");
    for (AnnotationInstance a : index.getAnnotations(appPath)) {
      applicationPath = a.value().asString();
    }
    assertTrue(applicationPath != null, "an @ApplicationPath");
    DotName pathName = DotName.createSimple("jakarta.ws.rs.Path");
    Map<String, TreeSet<String>> result = new java.util.TreeMap<>();
    for (AnnotationInstance a : index.getAnnotations(pathName)) {
      if (a.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
        continue;
      }
      ClassInfo resource = a.target().asClass();
      for (MethodInfo method : resource.methods()) {
        String verb = null;
        for (String v : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")) {
          if (method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + v))) {
            verb = v.toLowerCase(java.util.Locale.ROOT);
          }
        }
        if (verb == null) {
          continue;
        }
        AnnotationInstance methodPath = method.declaredAnnotation(pathName);
        String path =
            join(
                applicationPath,
                a.value().asString(),
                methodPath == null ? "" : methodPath.value().asString());
        result.computeIfAbsent(path, k -> new TreeSet<>()).add(verb);
      }
    }
    return result;
  }

  /** "/api" + "/v1" + "/exports/{executionId: \\d+}" → "/api/v1/exports/{executionId}". */
  static String join(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String part : parts) {
      for (String segment : part.split("/")) {
        if (!segment.isEmpty()) {
          b.append('/').append(segment.replaceAll("\\{\\s*([^:}\\s]+)\\s*(:[^}]*)?}", "{$1}"));
        }
      }
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  /** Lets Jandex read one entry of a zip stream without closing the stream. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  // --- logs ---

  @Test
  void exportLogLinesCarryTheirContextAndNoSecretIsLogged() throws Exception {
    Api.Tenant tenant = api.newTenant("Logs " + UUID.randomUUID(), "ENTERPRISE");
    api.ingestOneCompany(tenant, LocalDate.now(ZoneOffset.UTC), 5, 2);
    String s3Secret = "it-s3-secret-" + UUID.randomUUID();
    // an unreachable bucket: the settings are refused (422) after the secret went through the
    // server
    Api.Answer settings =
        api.saveBucketSettings(
            tenant.environmentId(),
            URI.create("http://127.0.0.1:9"),
            "logs",
            "p",
            "AKIAITLOGS",
            s3Secret);
    assertEquals(422, settings.status(), settings.body());
    Api.Answer token =
        api.asOperator("POST", "/api/v1/tokens", "{\"name\":\"logs " + UUID.randomUUID() + "\"}");
    assertEquals(201, token.status(), token.body());
    String tokenSecret = token.json().getString("secret");
    assertEquals(
        200,
        api.send("GET", "/api/v1/tokens", null, "Bearer " + tokenSecret).status(),
        "the token works");

    String adminPassword = "it-admin-password-" + UUID.randomUUID();
    String admin = "logs-admin-" + UUID.randomUUID();
    Api.Answer created =
        api.asOperator(
            "POST",
            "/api/v1/organizations/" + tenant.organizationId() + "/admins",
            Json.createObjectBuilder()
                .add("username", admin)
                .add("password", adminPassword)
                .build()
                .toString());
    assertEquals(201, created.status(), created.body());
    assertEquals(
        200,
        api.send(
                "GET",
                "/api/v1/environments/" + tenant.environmentId() + "/export-settings",
                null,
                Api.basic(admin, adminPassword))
            .status(),
        "the admin signs in with Basic");

    long ok = api.startExport(tenant.environmentId(), "{\"aggregation\":\"snapshot\"}");
    assertEquals("COMPLETED", api.awaitExport(ok).getString("status"));
    long broken =
        api.startExport(
            tenant.environmentId(), "{\"aggregation\":\"snapshot\",\"failAfterCompanies\":0}");
    assertEquals("FAILED", api.awaitExport(broken).getString("status"));

    Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    // the "ended" lines are written by the job listener, a moment after the status turned final
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String text = Files.readString(log, StandardCharsets.UTF_8);
    while (!(text.contains("Export execution " + ok + " ended")
            && text.contains("Export execution " + broken + " ended"))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      text = Files.readString(log, StandardCharsets.UTF_8);
    }
    List<String> exportLines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.contains("Export execution " + ok + " ")
          || line.contains("Export execution " + broken + " ")) {
        exportLines.add(line);
      }
    }
    assertTrue(exportLines.size() >= 4, "started + ended of both executions:\n" + exportLines);
    for (String line : exportLines) {
      assertTrue(line.contains("environmentId=" + tenant.environmentId()), line);
      assertTrue(
          line.contains("executionId=" + ok) || line.contains("executionId=" + broken), line);
    }

    // (the test harness passes the bootstrap operator's password as a -D option, which WildFly logs
    // at DEBUG with the VM arguments: that one is the harness's, not the application's.)
    List<String> secrets =
        new ArrayList<>(List.of(s3Secret, tokenSecret, tenant.ingestionKey(), adminPassword));
    Path keys = Path.of(System.getProperty("it.data.dir"), "master-keys");
    if (Files.exists(keys)) {
      for (String entry : Files.readString(keys).strip().split(",")) {
        secrets.add(entry.substring(entry.indexOf(':') + 1).strip());
      }
    }
    for (String secret : secrets) {
      assertFalse(
          text.contains(secret), "a secret is in server.log: " + secret.substring(0, 6) + "…");
    }
  }

  @SuppressWarnings("unused")
  private static boolean isNull(JsonValue v) {
    return v == null || v.getValueType() == JsonValue.ValueType.NULL;
  }
}
