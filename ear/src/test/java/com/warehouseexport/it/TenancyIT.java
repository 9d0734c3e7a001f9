package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenancy over REST: every endpoint of {@code api.v1} ({@code *Resource.java}) that takes an
 * organization, environment or execution id, called by org B's admin (HTTP Basic) with org A's ids,
 * answers 403 or 404, never returns A's data, and changes nothing of A's. The ingestion endpoints
 * ({@code /track/*}) take no ids: the ingestion key decides the environment.
 */
@ExtendWith(ArquillianExtension.class)
class TenancyIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;

  /** One request of the probe: method, path, body. */
  record Call(String method, String path, String body) {}

  @Test
  void orgBsAdminGetsNothingOfOrgA() {
    Api api = new Api(base);
    String nameA = "Tenant A " + UUID.randomUUID();
    Api.Tenant a = api.newTenant(nameA, "ENTERPRISE");
    Api.Tenant b = api.newTenant("Tenant B " + UUID.randomUUID(), "ENTERPRISE");
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T10:00:00Z";
    String secretCompany = "secret-company-" + UUID.randomUUID();
    Api.Answer ingested =
        api.withKey(
            a.ingestionKey(),
            "/api/v1/track/bulk",
            "[{\"type\":\"company\",\"companyId\":\""
                + secretCompany
                + "\",\"userId\":\"u\",\"timestamp\":\""
                + day
                + "\"},{\"type\":\"event\",\"event\":\"reports\",\"userId\":\"u\",\"companyId\":\""
                + secretCompany
                + "\",\"timestamp\":\""
                + day
                + "\"}]");
    assertEquals(200, ingested.status(), ingested.body());
    long completed = api.startExport(a.environmentId(), "{\"aggregation\":\"snapshot\"}");
    assertEquals("COMPLETED", api.awaitExport(completed).getString("status"));
    long failed =
        api.startExport(
            a.environmentId(), "{\"aggregation\":\"snapshot\",\"failAfterCompanies\":0}");
    assertEquals("FAILED", api.awaitExport(failed).getString("status"));

    String adminB = "admin-b-" + UUID.randomUUID().toString().substring(0, 8);
    String passwordB = "pw-" + UUID.randomUUID();
    Api.Answer created =
        api.asOperator(
            "POST",
            "/api/v1/organizations/" + b.organizationId() + "/admins",
            "{\"username\":\"" + adminB + "\",\"password\":\"" + passwordB + "\"}");
    assertEquals(201, created.status(), created.body());
    String asB = Api.basic(adminB, passwordB);

    // B's admin works on B's own environment (so a 403/404 below is about tenancy, not login).
    Api.Answer own = api.send("GET", "/api/v1/environments/" + b.environmentId(), null, asB);
    assertEquals(200, own.status(), own.body());

    long envA = a.environmentId();
    long orgA = a.organizationId();
    String period = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    String settings =
        "{\"enabled\":true,\"cadence\":\"daily\",\"provider\":\"CUSTOM\",\"bucket\":\"b\","
            + "\"region\":\"us-east-1\",\"key\":\"k\",\"endpoint\":\"https://s3.example.com\","
            + "\"accessKeyId\":\"a\",\"secretAccessKey\":\"s\"}";
    List<Call> calls =
        List.of(
            // ProvisioningResource
            new Call("GET", "/api/v1/environments/" + envA, null),
            new Call("PATCH", "/api/v1/organizations/" + orgA, "{\"plan\":\"FREE\"}"),
            new Call("POST", "/api/v1/organizations/" + orgA + "/environments", "{\"name\":\"x\"}"),
            new Call(
                "PUT", "/api/v1/environments/" + envA + "/features/stolen", "{\"name\":\"x\"}"),
            new Call("GET", "/api/v1/environments/" + envA + "/features", null),
            new Call(
                "PUT", "/api/v1/environments/" + envA + "/features/reports", "{\"name\":\"x\"}"),
            new Call("POST", "/api/v1/environments/" + envA + "/ingestion-key/rotation", null),
            new Call(
                "PUT",
                "/api/v1/environments/" + envA + "/segments/stolen",
                "{\"name\":\"x\",\"conditions\":[]}"),
            // OrganizationAdminResource
            new Call(
                "POST",
                "/api/v1/organizations/" + orgA + "/admins",
                "{\"username\":\"intruder-" + UUID.randomUUID() + "\",\"password\":\"p\"}"),
            // AutomaticExportResource
            new Call("GET", "/api/v1/environments/" + envA + "/export-settings", null),
            new Call("PUT", "/api/v1/environments/" + envA + "/export-settings", settings),
            new Call(
                "POST",
                "/api/v1/environments/" + envA + "/export-settings/test-connection",
                "{\"destination\":{\"kind\":\"postgresql\",\"host\":\"127.0.0.1\","
                    + "\"database\":\"postgres\",\"user\":\"postgres\","
                    + "\"password\":\"p\",\"tlsMode\":\"disable\"}}"),
            new Call("GET", "/api/v1/environments/" + envA + "/export-status", null),
            // DeliveriesResource
            new Call(
                "POST",
                "/api/v1/environments/" + envA + "/export-settings/backfill",
                "{\"from\":\"" + period + "\"}"),
            new Call("POST", "/api/v1/environments/" + envA + "/export-periods/" + period, null),
            new Call("GET", "/api/v1/environments/" + envA + "/export-calendar", null),
            new Call(
                "POST",
                "/api/v1/environments/" + envA + "/export-settings/catch-up",
                "{\"from\":\"" + period + "\"}"),
            new Call(
                "GET",
                "/api/v1/environments/"
                    + envA
                    + "/export-settings/backfill?from="
                    + period
                    + "&to="
                    + period,
                null),
            new Call(
                "POST",
                "/api/v1/environments/" + envA + "/export-settings/backfill",
                "{\"from\":\"" + period + "\",\"to\":\"" + period + "\"}"),
            // DestinationActionsResource
            new Call("POST", "/api/v1/environments/" + envA + "/export-settings/test-file", null),
            new Call("POST", "/api/v1/environments/" + envA + "/export-settings/export-now", null),
            new Call(
                "POST",
                "/api/v1/environments/" + envA + "/export-settings/export-now?replace=true",
                null),
            // ExportResource
            new Call(
                "POST",
                "/api/v1/environments/" + envA + "/exports",
                "{\"aggregation\":\"snapshot\"}"),
            new Call("GET", "/api/v1/environments/" + envA + "/exports?page=0&size=20", null),
            new Call("GET", "/api/v1/exports/" + completed, null),
            new Call("GET", "/api/v1/exports/" + completed + "/csv", null),
            new Call("POST", "/api/v1/exports/" + completed + "/stop", null),
            new Call("POST", "/api/v1/exports/" + failed + "/restart", null),
            new Call("POST", "/api/v1/exports/" + failed + "/abandon", null),
            // SystemResource (operators only)
            new Call("GET", "/api/v1/system", null),
            new Call("GET", "/api/v1/system/environments/" + envA + "/tracking", null),
            new Call("POST", "/api/v1/system/scheduler/tick", null));
    // The same calls with B's HTTP Basic credentials and with a personal API token of B's admin.
    Api.Answer token = api.send("POST", "/api/v1/tokens", "{\"name\":\"tenancy-it\"}", asB);
    assertEquals(201, token.status(), token.body());
    String bearerB = "Bearer " + token.json().getString("secret");
    List<String> problems = new ArrayList<>();
    for (Call call : calls) {
      for (String auth : List.of(asB, bearerB)) {
        Api.Answer answer = api.send(call.method(), call.path(), call.body(), auth);
        String where =
            (auth.equals(asB) ? "Basic " : "token ")
                + call.method()
                + " "
                + call.path()
                + " → "
                + answer.status();
        if (answer.status() != 403 && answer.status() != 404) {
          problems.add(where + ": " + answer.body());
        }
        for (String secret :
            List.of(nameA, a.ingestionKey(), secretCompany, "\"executionId\":" + completed)) {
          if (answer.body().contains(secret)) {
            problems.add(where + " leaks " + secret);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));

    // Lists show B's own things only.
    Api.Answer environments = api.send("GET", "/api/v1/environments", null, asB);
    assertEquals(200, environments.status(), environments.body());
    for (JsonValue v : environments.structure().asJsonArray()) {
      assertEquals(
          b.environmentId(), v.asJsonObject().getJsonNumber("id").longValue(), v.toString());
    }
    Api.Answer organizations = api.send("GET", "/api/v1/organizations", null, asB);
    assertFalse(organizations.body().contains(nameA), organizations.body());

    // Nothing of A's changed.
    JsonObject envAfter = api.asOperator("GET", "/api/v1/environments/" + envA, null).json();
    assertFalse(envAfter.toString().contains("stolen"), envAfter.toString());
    assertEquals(
        JsonValue.NULL, envAfter.get("previousIngestionKey"), "A's ingestion key was not rotated");
    assertFalse(envAfter.toString().contains("\"name\":\"x\""), envAfter.toString());
    assertEquals("FAILED", api.awaitExport(failed).getString("status"));
    JsonObject history =
        api.asOperator("GET", "/api/v1/environments/" + envA + "/exports?page=0&size=20", null)
            .json();
    assertEquals(2, history.getJsonArray("items").size(), history.toString());
    JsonObject settingsAfter =
        api.asOperator("GET", "/api/v1/environments/" + envA + "/export-settings", null).json();
    assertFalse(settingsAfter.getBoolean("configured"), settingsAfter.toString());
    JsonObject orgAfter =
        api.asOperator("GET", "/api/v1/organizations", null).structure().asJsonArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(o -> o.getJsonNumber("id").longValue() == orgA)
            .findFirst()
            .orElseThrow();
    assertEquals("ENTERPRISE", orgAfter.getString("plan"), "A keeps its plan: " + orgAfter);
  }
}
