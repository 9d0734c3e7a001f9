package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The export pipeline end to end: ingested history → batch job → CSV, and its operations. */
@ExtendWith(ArquillianExtension.class)
class ExportIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  /** Loads the shared conformance dataset into a new ENTERPRISE environment. */
  private Api.Tenant conformanceTenant(JsonObject dataset) {
    Api.Tenant tenant = api.newTenant("Conformance " + UUID.randomUUID(), "ENTERPRISE");
    long env = tenant.environmentId();
    for (JsonValue v : dataset.getJsonArray("features")) {
      JsonObject f = v.asJsonObject();
      String key =
          java.net.URLEncoder.encode(f.getString("key"), StandardCharsets.UTF_8)
              .replace("+", "%20");
      Api.Answer a =
          api.asOperator(
              "PUT",
              "/api/v1/environments/" + env + "/features/" + key,
              Json.createObjectBuilder()
                  .add("name", f.getString("name"))
                  .add("adoptionDays", f.getInt("adoptionDays"))
                  .add("adoptionWindowDays", f.getInt("adoptionWindowDays"))
                  .build()
                  .toString());
      assertEquals(200, a.status(), a.body());
    }
    for (JsonValue v : dataset.getJsonArray("segments")) {
      JsonObject s = v.asJsonObject();
      Api.Answer a =
          api.asOperator(
              "PUT",
              "/api/v1/environments/" + env + "/segments/" + s.getString("id"),
              Json.createObjectBuilder()
                  .add("name", s.getString("name"))
                  .add("conditions", s.getJsonArray("conditions"))
                  .build()
                  .toString());
      assertEquals(200, a.status(), a.body());
    }
    JsonArray items = dataset.getJsonArray("items");
    for (int from = 0; from < items.size(); from += 250) {
      var batch = Json.createArrayBuilder();
      for (int i = from; i < Math.min(items.size(), from + 250); i++) {
        batch.add(items.get(i));
      }
      Api.Answer a =
          api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", batch.build().toString());
      assertEquals(200, a.status(), a.body());
      assertEquals(0, a.json().getInt("rejected"), a.body());
    }
    return tenant;
  }

  private static JsonObject dataset() throws Exception {
    try (InputStream in = ExportIT.class.getResourceAsStream("/conformance/dataset.json");
        JsonReader reader = Json.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.readObject();
    }
  }

  private static List<List<String>> parse(String csv) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
      for (CSVRecord record : parser) {
        rows.add(record.toList());
      }
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"snapshot", "30-days-daily", "3-months-weekly", "6-months-weekly"})
  void conformanceFixtureMatchesForEveryAggregation(String aggregation) throws Exception {
    JsonObject dataset = dataset();
    Api.Tenant tenant = conformanceTenant(dataset);
    long execution =
        api.startExport(
            tenant.environmentId(),
            Json.createObjectBuilder()
                .add("aggregation", aggregation)
                .add("asOf", dataset.getString("asOf"))
                .build()
                .toString());
    JsonObject status = api.awaitExport(execution);
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    String actual = new String(api.downloadCsv(execution), StandardCharsets.UTF_8);
    String expected;
    try (InputStream in =
        ExportIT.class.getResourceAsStream("/conformance/expected-" + aggregation + ".csv")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<List<String>> expectedRows = parse(expected);
    List<List<String>> actualRows = parse(actual);
    assertEquals(expectedRows.get(0), actualRows.get(0), "header");
    for (int i = 1; i < Math.min(expectedRows.size(), actualRows.size()); i++) {
      assertEquals(expectedRows.get(i), actualRows.get(i), "row " + i);
    }
    assertEquals(expectedRows.size(), actualRows.size(), "row count");
    assertEquals(expectedRows.size() - 1, status.getJsonNumber("rowsWritten").longValue());
    assertTrue(actual.endsWith("\n"));
    assertFalse(actual.contains("\r\n"), "line ends are \\n");
  }

  @Test
  void restartAfterAFailureMidStepEqualsAnUninterruptedRunByteForByte() throws Exception {
    JsonObject dataset = dataset();
    Api.Tenant tenant = conformanceTenant(dataset);
    String request =
        "{\"aggregation\":\"30-days-daily\",\"asOf\":\""
            + dataset.getString("asOf")
            + "\",\"chunkCompanies\":2%s}";
    long clean = api.startExport(tenant.environmentId(), String.format(request, ""));
    assertEquals("COMPLETED", api.awaitExport(clean).getString("status"));
    byte[] uninterrupted = api.downloadCsv(clean);

    long broken =
        api.startExport(
            tenant.environmentId(), String.format(request, ",\"failAfterCompanies\":5"));
    JsonObject failed = api.awaitExport(broken);
    assertEquals("FAILED", failed.getString("status"), failed.toString());
    assertTrue(failed.getString("error").contains("Injected failure"), failed.toString());
    assertTrue(failed.getJsonNumber("rowsWritten").longValue() > 0, "progress was checkpointed");
    Api.Answer notYet = api.asOperator("GET", "/api/v1/exports/" + broken + "/csv", null);
    assertEquals(409, notYet.status(), "no file of a failed export is downloadable");

    Api.Answer restart = api.asOperator("POST", "/api/v1/exports/" + broken + "/restart", null);
    assertEquals(202, restart.status(), restart.body());
    long restarted = restart.json().getJsonNumber("executionId").longValue();
    JsonObject done = api.awaitExport(restarted);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    assertArrayEquals(uninterrupted, api.downloadCsv(restarted));

    Api.Answer again = api.asOperator("POST", "/api/v1/exports/" + broken + "/restart", null);
    assertEquals(409, again.status(), again.body());
  }

  @Test
  void aRunningExportCanBeStoppedAndRestartedToTheSameFile() throws Exception {
    JsonObject dataset = dataset();
    Api.Tenant tenant = conformanceTenant(dataset);
    String request =
        "{\"aggregation\":\"snapshot\",\"asOf\":\""
            + dataset.getString("asOf")
            + "\",\"chunkCompanies\":1%s}";
    long clean = api.startExport(tenant.environmentId(), String.format(request, ""));
    assertEquals("COMPLETED", api.awaitExport(clean).getString("status"));
    byte[] uninterrupted = api.downloadCsv(clean);

    long slow =
        api.startExport(
            tenant.environmentId(), String.format(request, ",\"pausePerCompanyMillis\":300"));
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    JsonObject running;
    do {
      Thread.sleep(100);
      running = api.asOperator("GET", "/api/v1/exports/" + slow, null).json();
    } while (running.getJsonNumber("rowsWritten").longValue() == 0 && System.nanoTime() < deadline);
    assertEquals("STARTED", running.getString("status"), running.toString());
    Api.Answer stop = api.asOperator("POST", "/api/v1/exports/" + slow + "/stop", null);
    assertEquals(200, stop.status(), stop.body());
    JsonObject stopped = api.awaitExport(slow);
    assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
    assertTrue(stopped.getJsonNumber("rowsWritten").longValue() > 0);

    Api.Answer restart = api.asOperator("POST", "/api/v1/exports/" + slow + "/restart", null);
    assertEquals(202, restart.status(), restart.body());
    long restarted = restart.json().getJsonNumber("executionId").longValue();
    assertEquals("COMPLETED", api.awaitExport(restarted).getString("status"));
    assertArrayEquals(uninterrupted, api.downloadCsv(restarted));
  }

  @Test
  void historyAndStatusComeFromTheJobRepository() throws Exception {
    Api.Tenant tenant = api.newTenant("History " + UUID.randomUUID(), "PRO");
    api.withKey(
        tenant.ingestionKey(),
        "/api/v1/track/event",
        "{\"event\":\"alerts\",\"userId\":\"u\",\"companyId\":\"c\",\"timestamp\":\""
            + java.time.Instant.now().minus(java.time.Duration.ofDays(40))
            + "\"}");
    long first = api.startExport(tenant.environmentId(), "{\"aggregation\":\"snapshot\"}");
    api.awaitExport(first);
    long second = api.startExport(tenant.environmentId(), "{\"aggregation\":\"30-days-daily\"}");
    JsonObject status = api.awaitExport(second);
    assertEquals("COMPLETED", status.getString("status"));
    assertEquals(30, status.getJsonNumber("rowsWritten").longValue());
    assertEquals(tenant.environmentId(), status.getJsonNumber("environmentId").longValue());
    assertTrue(status.getJsonNumber("bytes").longValue() > 0);
    assertEquals(100, status.getInt("progress"));

    JsonObject page =
        api.asOperator(
                "GET", "/api/v1/environments/" + tenant.environmentId() + "/exports?size=1", null)
            .json();
    assertEquals(1, page.getJsonArray("items").size());
    assertEquals(
        second,
        page.getJsonArray("items").getJsonObject(0).getJsonNumber("executionId").longValue());
    assertTrue(page.getBoolean("hasMore"));
    JsonObject page2 =
        api.asOperator(
                "GET",
                "/api/v1/environments/" + tenant.environmentId() + "/exports?size=1&page=1",
                null)
            .json();
    assertEquals(
        first,
        page2.getJsonArray("items").getJsonObject(0).getJsonNumber("executionId").longValue());

    Api.Answer csv = api.asOperator("GET", "/api/v1/exports/" + second + "/csv", null);
    assertEquals(
        "text/csv;charset=UTF-8",
        csv.raw().headers().firstValue("Content-Type").orElse("").replace(" ", ""));
    assertTrue(
        csv.raw()
            .headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("company-usage-production-"),
        csv.raw().headers().toString());

    Api.Answer abandon = api.asOperator("POST", "/api/v1/exports/" + first + "/abandon", null);
    assertEquals(200, abandon.status(), abandon.body());
    assertEquals("ABANDONED", abandon.json().getString("status"));
    Api.Answer restartCompleted =
        api.asOperator("POST", "/api/v1/exports/" + second + "/restart", null);
    assertEquals(409, restartCompleted.status());
    Api.Answer stopCompleted = api.asOperator("POST", "/api/v1/exports/" + second + "/stop", null);
    assertEquals(409, stopCompleted.status());
    assertTrue(stopCompleted.json().getString("error").contains("COMPLETED"));
  }

  @Test
  void plansAndUnknownExecutionsGetClearErrors() {
    Api.Tenant free = api.newTenant("Free " + UUID.randomUUID(), "FREE");
    Api.Answer denied =
        api.asOperator(
            "POST",
            "/api/v1/environments/" + free.environmentId() + "/exports",
            "{\"aggregation\":\"snapshot\"}");
    assertEquals(403, denied.status());
    assertTrue(denied.json().getString("error").contains("Pro and Enterprise"));

    // On a plan that may export, so the plan check passes and the aggregation is what is checked.
    Api.Tenant pro = api.newTenant("Pro " + UUID.randomUUID(), "PRO");
    Api.Answer badAggregation =
        api.asOperator(
            "POST",
            "/api/v1/environments/" + pro.environmentId() + "/exports",
            "{\"aggregation\":\"yearly\"}");
    assertEquals(400, badAggregation.status(), badAggregation.body());
    assertEquals("aggregation", badAggregation.json().getString("field"), badAggregation.body());
    assertTrue(
        badAggregation
            .json()
            .getString("error")
            .contains("snapshot, 30-days-daily, 3-months-weekly, 6-months-weekly"),
        badAggregation.body());

    Api.Answer unknown = api.asOperator("GET", "/api/v1/exports/987654321", null);
    assertEquals(404, unknown.status());
    assertTrue(unknown.json().getString("error").contains("987654321"));
  }
}
