package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hardening of manual exports (PRODUCT.md §9): at most two running per environment (429 with {@code
 * Retry-After}), the spreadsheet-safe download (off by default in the API), and the plan checked
 * again on restart and when the file is published.
 */
@ExtendWith(ArquillianExtension.class)
class ExportFairnessIT {

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

  /** A tenant with {@code companies} companies, one using a feature yesterday. */
  private Api.Tenant tenant(String plan, int companies, String companyName) {
    Api.Tenant t = api.newTenant("Fair " + UUID.randomUUID(), plan);
    StringBuilder bulk = new StringBuilder("[");
    String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1) + "T10:00:00Z";
    for (int i = 0; i < companies; i++) {
      if (i > 0) {
        bulk.append(',');
      }
      bulk.append(
          jakarta.json.Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", (i == 0 ? "-" : "c") + i)
              .add("userId", "u" + i)
              .add(
                  "attributes",
                  jakarta.json.Json.createObjectBuilder().add("name", i == 0 ? companyName : "C"))
              .add("timestamp", day)
              .build()
              .toString());
      bulk.append(",{\"type\":\"event\",\"event\":\"@report\",\"userId\":\"u")
          .append(i)
          .append("\",\"companyId\":\"")
          .append(i == 0 ? "-" : "c")
          .append(i)
          .append("\",\"timestamp\":\"")
          .append(day)
          .append("\"}");
    }
    bulk.append(']');
    Api.Answer answer = api.withKey(t.ingestionKey(), "/api/v1/track/bulk", bulk.toString());
    assertEquals(200, answer.status(), answer.body());
    return t;
  }

  private Api.Answer start(long env, String extra) {
    return api.asOperator(
        "POST",
        "/api/v1/environments/" + env + "/exports",
        "{\"aggregation\":\"snapshot\"" + extra + "}");
  }

  @Test
  void aThirdRunningManualExportOfOneEnvironmentGets429WithRetryAfter() {
    Api.Tenant t = tenant("PRO", 20, "Acme");
    long env = t.environmentId();
    List<Long> running = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Api.Answer ok = start(env, ",\"pausePerCompanyMillis\":1000,\"chunkCompanies\":1");
        assertEquals(202, ok.status(), ok.body());
        running.add(ok.json().getJsonNumber("executionId").longValue());
      }
      Api.Answer third = start(env, "");
      assertEquals(429, third.status(), third.body());
      assertEquals("environmentId", third.json().getString("field"));
      assertTrue(third.json().getString("error").contains("At most 2"), third.body());
      long retryAfter =
          Long.parseLong(third.raw().headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter > 0, "Retry-After " + retryAfter);

      // Another environment is not affected by this one's exports.
      Api.Tenant other = tenant("PRO", 1, "Other");
      Api.Answer elsewhere = start(other.environmentId(), "");
      assertEquals(202, elsewhere.status(), elsewhere.body());
      api.awaitExport(elsewhere.json().getJsonNumber("executionId").longValue());
    } finally {
      for (long id : running) {
        api.asOperator("POST", "/api/v1/exports/" + id + "/stop", null);
      }
    }
    for (long id : running) {
      api.awaitExport(id);
    }
    // Once they stopped, the environment may export again.
    Api.Answer again = start(env, "");
    assertEquals(202, again.status(), again.body());
    assertEquals(
        "COMPLETED",
        api.awaitExport(again.json().getJsonNumber("executionId").longValue()).getString("status"));
  }

  @Test
  void theSpreadsheetSafeDownloadIsAskedForAndTheRawOneIsTheDefault() {
    Api.Tenant t = tenant("PRO", 2, "=HYPERLINK(\"http://evil\",\"x\")");
    long env = t.environmentId();
    long raw = api.startExport(env, "{\"aggregation\":\"snapshot\"}");
    long safe = api.startExport(env, "{\"aggregation\":\"snapshot\",\"spreadsheetSafe\":true}");
    assertEquals("COMPLETED", api.awaitExport(raw).getString("status"));
    assertEquals("COMPLETED", api.awaitExport(safe).getString("status"));
    String rawCsv = new String(api.downloadCsv(raw), StandardCharsets.UTF_8);
    String safeCsv = new String(api.downloadCsv(safe), StandardCharsets.UTF_8);
    assertTrue(rawCsv.contains("\n-0,\"=HYPERLINK("), rawCsv);
    assertTrue(rawCsv.contains(",@report,"), rawCsv);
    assertTrue(safeCsv.contains("\n'-0,\"'=HYPERLINK("), safeCsv);
    assertTrue(safeCsv.contains(",'@report,"), safeCsv);
    assertFalse(safeCsv.contains(",@report,"), safeCsv);
    assertTrue(safeCsv.startsWith("Company ID,"), "the header is unchanged");

    Api.Answer wrongType = start(env, ",\"spreadsheetSafe\":\"yes\"");
    assertTrue(
        wrongType.status() == 400 || wrongType.status() == 422,
        "a 4xx naming the field: " + wrongType.body());
    assertEquals("spreadsheetSafe", wrongType.json().getString("field"), wrongType.body());
  }

  @Test
  void aDowngradedOrganizationCannotRestartNorReceiveItsExport() {
    Api.Tenant t = tenant("PRO", 6, "Acme");
    long env = t.environmentId();
    // A failed export of a PRO organization ...
    long failed =
        api.startExport(
            env, "{\"aggregation\":\"snapshot\",\"failAfterCompanies\":2,\"chunkCompanies\":1}");
    assertEquals("FAILED", api.awaitExport(failed).getString("status"));
    // ... and a running one, when the organization is downgraded to FREE.
    long slow =
        api.startExport(
            env,
            "{\"aggregation\":\"snapshot\",\"pausePerCompanyMillis\":700,\"chunkCompanies\":1}");
    Api.Answer downgrade =
        api.asOperator(
            "PATCH", "/api/v1/organizations/" + t.organizationId(), "{\"plan\":\"FREE\"}");
    assertEquals(200, downgrade.status(), downgrade.body());

    Api.Answer restart = api.asOperator("POST", "/api/v1/exports/" + failed + "/restart", null);
    assertEquals(403, restart.status(), restart.body());
    assertTrue(restart.json().getString("error").contains("FREE"), restart.body());

    JsonObject published = api.awaitExport(slow);
    assertEquals("FAILED", published.getString("status"), published.toString());
    assertTrue(published.getString("error").contains("Pro and Enterprise"), published.toString());
    Api.Answer csv = api.asOperator("GET", "/api/v1/exports/" + slow + "/csv", null);
    assertEquals(409, csv.status(), csv.body());
  }
}
