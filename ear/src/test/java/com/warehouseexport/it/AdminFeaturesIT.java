package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Org admins' own catalog and key work through the API (PRODUCT.md §1): renaming a feature and
 * tuning its adoption thresholds changes the next export; rotating the ingestion key shows the new
 * key once and keeps the replaced one working for its grace period.
 */
@ExtendWith(ArquillianExtension.class)
class AdminFeaturesIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;

  @Test
  void anOrgAdminRenamesAFeatureAndTheNextExportUsesTheName() {
    Api api = new Api(base);
    Api.Tenant tenant = api.newTenant("Features " + UUID.randomUUID(), "ENTERPRISE");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.ingestOneCompany(tenant, today, 10, 2);
    String admin = admin(api, tenant);
    long env = tenant.environmentId();

    Api.Answer list = api.send("GET", "/api/v1/environments/" + env + "/features", null, admin);
    assertEquals(200, list.status(), list.body());
    assertEquals(
        "[{\"key\":\"alerts\",\"name\":\"alerts\",\"adoptionDays\":5,\"adoptionWindowDays\":28,"
            + "\"autoRegistered\":true},{\"key\":\"reports\",\"name\":\"reports\","
            + "\"adoptionDays\":5,\"adoptionWindowDays\":28,\"autoRegistered\":true}]",
        list.body());

    Api.Answer renamed =
        api.send(
            "PUT",
            "/api/v1/environments/" + env + "/features/alerts",
            "{\"name\":\"Smart alerts\",\"adoptionDays\":2,\"adoptionWindowDays\":7}",
            admin);
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals("Smart alerts", renamed.json().getString("name"));
    assertEquals(2, renamed.json().getInt("adoptionDays"));

    Api.Answer invalid =
        api.send(
            "PUT",
            "/api/v1/environments/" + env + "/features/alerts",
            "{\"name\":\"x\",\"adoptionDays\":9,\"adoptionWindowDays\":7}",
            admin);
    assertEquals(400, invalid.status(), invalid.body());
    assertEquals("adoptionDays", invalid.json().getString("field"));

    // Admins tune what tracking registered; only operators add features by hand.
    Api.Answer unknown =
        api.send(
            "PUT",
            "/api/v1/environments/" + env + "/features/not-tracked",
            "{\"name\":\"x\"}",
            admin);
    assertEquals(404, unknown.status(), unknown.body());
    assertEquals(
        200,
        api.asOperator(
                "PUT", "/api/v1/environments/" + env + "/features/not-tracked", "{\"name\":\"x\"}")
            .status());

    long execution = api.startExport(env, "{\"aggregation\":\"snapshot\"}");
    assertEquals("COMPLETED", api.awaitExport(execution).getString("status"));
    String csv = new String(api.downloadCsv(execution), StandardCharsets.UTF_8);
    String alertsRow =
        csv.lines()
            .filter(l -> l.contains(",alerts,"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(csv));
    assertTrue(alertsRow.contains(",Smart alerts,alerts,"), alertsRow);
    String reportsRow = csv.lines().filter(l -> l.contains(",reports,")).findFirst().orElseThrow();
    assertTrue(reportsRow.contains(",reports,reports,"), reportsRow);
  }

  @Test
  void rotatingTheIngestionKeyKeepsTheReplacedKeyWorkingForItsGracePeriod() {
    Api api = new Api(base);
    Api.Tenant tenant = api.newTenant("Key rotation " + UUID.randomUUID(), "PRO");
    String admin = admin(api, tenant);
    long env = tenant.environmentId();
    String first = tenant.ingestionKey();

    Api.Answer rotated =
        api.send("POST", "/api/v1/environments/" + env + "/ingestion-key/rotation", null, admin);
    assertEquals(200, rotated.status(), rotated.body());
    String second = rotated.json().getString("ingestionKey");
    assertNotEquals(first, second);
    assertTrue(second.startsWith("wx_"), second);
    Instant until = Instant.parse(rotated.json().getString("previousKeyWorksUntil"));
    Duration grace = Duration.between(Instant.now(), until);
    assertTrue(
        grace.compareTo(Duration.ofHours(23)) > 0 && grace.compareTo(Duration.ofHours(25)) < 0,
        "the replaced key works for 24 h: " + until);

    assertEquals(202, track(api, first).status(), "the replaced key works during its grace");
    assertEquals(202, track(api, second).status(), "the new key works");

    JsonObject shown = api.send("GET", "/api/v1/environments/" + env, null, admin).json();
    assertEquals(
        second.substring(second.length() - 4), hintTail(shown.getString("ingestionKeyHint")));
    JsonObject previous = shown.getJsonObject("previousIngestionKey");
    assertEquals(first.substring(first.length() - 4), hintTail(previous.getString("hint")));
    assertTrue(previous.getBoolean("working"));
    assertFalse(shown.toString().contains(second), "the key itself is never shown again");

    // A second rotation: the key replaced first stops at once, the one replaced now keeps working.
    Api.Answer again =
        api.send("POST", "/api/v1/environments/" + env + "/ingestion-key/rotation", null, admin);
    assertEquals(200, again.status(), again.body());
    String third = again.json().getString("ingestionKey");
    assertEquals(401, track(api, first).status(), "a key replaced two rotations ago is refused");
    assertEquals(202, track(api, second).status());
    assertEquals(202, track(api, third).status());

    // Another organization's admin can neither read nor rotate this environment's key.
    Api.Tenant other = api.newTenant("Other " + UUID.randomUUID(), "PRO");
    String otherAdmin = admin(api, other);
    assertEquals(
        404,
        api.send(
                "POST", "/api/v1/environments/" + env + "/ingestion-key/rotation", null, otherAdmin)
            .status());
    assertEquals(202, track(api, third).status(), "the refused rotation changed nothing");
  }

  private static String hintTail(String hint) {
    return hint.substring(hint.length() - 4);
  }

  private static Api.Answer track(Api api, String key) {
    return api.withKey(
        key,
        "/api/v1/track/event",
        "{\"event\":\"alerts\",\"userId\":\"u\",\"companyId\":\"c\",\"timestamp\":\""
            + LocalDate.now(ZoneOffset.UTC).minusDays(1)
            + "T10:00:00Z\"}");
  }

  /** Creates an org admin of the tenant's organization; returns its Basic credentials. */
  private static String admin(Api api, Api.Tenant tenant) {
    String username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    Api.Answer created =
        api.asOperator(
            "POST",
            "/api/v1/organizations/" + tenant.organizationId() + "/admins",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    assertEquals(201, created.status(), created.body());
    return Api.basic(username, password);
  }
}
