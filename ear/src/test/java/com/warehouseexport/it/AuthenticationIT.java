package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authentication over HTTP (PRODUCT.md §9): personal API tokens (create, use, list, expire, revoke,
 * tenancy), throttled failures (429 + Retry-After), JSON 401s on /api, and the security headers of
 * API answers and console pages.
 */
@ExtendWith(ArquillianExtension.class)
class AuthenticationIT {

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

  /** An org admin of a new organization; password and environment known. */
  private record Admin(String username, String password, Api.Tenant tenant) {
    String basic() {
      return Api.basic(username, password);
    }
  }

  private Admin newAdmin(Api.Tenant tenant) {
    String username = "auth-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "secret-" + UUID.randomUUID();
    Api.Answer created =
        api.asOperator(
            "POST",
            "/api/v1/organizations/" + tenant.organizationId() + "/admins",
            Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .build()
                .toString());
    assertEquals(201, created.status(), created.body());
    return new Admin(username, password, tenant);
  }

  private Admin newAdmin() {
    return newAdmin(api.newTenant("Auth " + UUID.randomUUID().toString().substring(0, 8), "PRO"));
  }

  private JsonObject createToken(Admin admin, String json) {
    Api.Answer created = api.send("POST", "/api/v1/tokens", json, admin.basic());
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static String bearer(JsonObject token) {
    return "Bearer " + token.getString("secret");
  }

  private static void assertJsonError(int status, Api.Answer answer) {
    assertEquals(status, answer.status(), answer.body());
    assertTrue(
        answer.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        answer.raw().headers().toString());
    assertTrue(answer.json().containsKey("error"), answer.body());
    assertTrue(answer.json().containsKey("field"), answer.body());
  }

  @Test
  void aTokenIsShownOnceActsAsItsAccountAndStopsWorkingWhenRevoked() {
    Admin admin = newAdmin();
    JsonObject token = createToken(admin, "{\"name\":\"nightly load\"}");
    String secret = token.getString("secret");
    assertTrue(secret.startsWith("wxp_"), secret);
    assertEquals("nightly load", token.getString("name"));
    // no expiry given: the maximum lifetime (API_TOKEN_MAX_LIFETIME, 365 days here)
    Instant expiresAt = Instant.parse(token.getString("expiresAt"));
    assertTrue(
        expiresAt.isAfter(Instant.now().plus(java.time.Duration.ofDays(364))),
        expiresAt.toString());

    String environment = "/api/v1/environments/" + admin.tenant().environmentId();
    Api.Answer seen = api.send("GET", environment, null, bearer(token));
    assertEquals(200, seen.status(), seen.body());

    Api.Answer list = api.send("GET", "/api/v1/tokens", null, bearer(token));
    assertEquals(200, list.status(), list.body());
    assertFalse(list.body().contains(secret), "the secret is never listed");
    assertEquals(1, list.json().getJsonArray("tokens").size());
    assertEquals(
        secret.substring(0, 8),
        list.json().getJsonArray("tokens").getJsonObject(0).getString("hint"));

    long id = token.getJsonNumber("id").longValue();
    Api.Answer revoked = api.send("DELETE", "/api/v1/tokens/" + id, null, admin.basic());
    assertEquals(204, revoked.status(), revoked.body());
    assertJsonError(401, api.send("GET", environment, null, bearer(token)));
    // Basic keeps working for the account
    assertEquals(200, api.send("GET", environment, null, admin.basic()).status());
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    Admin admin = newAdmin();
    assertJsonError(
        400,
        api.send(
            "POST",
            "/api/v1/tokens",
            "{\"name\":\"old\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
            admin.basic()));
    Instant expiresAt = Instant.now().plusSeconds(3);
    JsonObject token =
        createToken(admin, "{\"name\":\"short\",\"expiresAt\":\"" + expiresAt + "\"}");
    String environment = "/api/v1/environments/" + admin.tenant().environmentId();
    assertEquals(200, api.send("GET", environment, null, bearer(token)).status());
    Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 500);
    assertJsonError(401, api.send("GET", environment, null, bearer(token)));
    Api.Answer list = api.send("GET", "/api/v1/tokens", null, admin.basic());
    assertTrue(list.json().getJsonArray("tokens").getJsonObject(0).getBoolean("expired"));
  }

  @Test
  void aTokenOfAnotherOrganizationsAdminSeesNothingOfThisOne() {
    Admin a = newAdmin();
    Admin b = newAdmin();
    JsonObject tokenOfB = createToken(b, "{\"name\":\"b's script\"}");
    Api.Answer probe =
        api.send(
            "GET", "/api/v1/environments/" + a.tenant().environmentId(), null, bearer(tokenOfB));
    assertJsonError(404, probe);
    Api.Answer exports =
        api.send(
            "GET",
            "/api/v1/environments/" + a.tenant().environmentId() + "/exports",
            null,
            bearer(tokenOfB));
    assertJsonError(404, exports);
    // nor revoke A's tokens: B's token may revoke no token at all (403), B in person sees no
    // token of A's (404)
    JsonObject tokenOfA = createToken(a, "{\"name\":\"a's script\"}");
    String revokeA = "/api/v1/tokens/" + tokenOfA.getJsonNumber("id").longValue();
    assertJsonError(403, api.send("DELETE", revokeA, null, bearer(tokenOfB)));
    assertJsonError(404, api.send("DELETE", revokeA, null, b.basic()));
    assertEquals(
        200,
        api.send(
                "GET", "/api/v1/environments/" + a.tenant().environmentId(), null, bearer(tokenOfA))
            .status());
  }

  @Test
  void repeatedFailuresAreThrottledPerAccountAndAddressWhileOtherAccountsGoOn() {
    Api.Tenant tenant =
        api.newTenant("Throttle " + UUID.randomUUID().toString().substring(0, 8), "PRO");
    Admin victim = newAdmin(tenant);
    Admin colleague = newAdmin(tenant);
    String environment = "/api/v1/environments/" + tenant.environmentId();
    String wrong = Api.basic(victim.username(), "wrong-password");
    for (int i = 0; i < 5; i++) {
      assertJsonError(401, api.send("GET", environment, null, wrong));
    }
    Api.Answer throttled = api.send("GET", environment, null, wrong);
    assertJsonError(429, throttled);
    long retryAfter =
        Long.parseLong(throttled.raw().headers().firstValue("Retry-After").orElse("0"));
    assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After " + retryAfter);
    // from this address, the right password is not even checked while the pair is throttled
    // (other addresses are not refused: SecurityRegressionsIT)
    assertEquals(429, api.send("GET", environment, null, victim.basic()).status());
    // another account from the same address still signs in
    assertEquals(200, api.send("GET", environment, null, colleague.basic()).status());
  }

  @Test
  void unknownUsersAreThrottledLikeKnownOnes() {
    String unknown = Api.basic("nobody-" + UUID.randomUUID().toString().substring(0, 8), "x");
    for (int i = 0; i < 5; i++) {
      assertJsonError(401, api.send("GET", "/api/v1/environments", null, unknown));
    }
    assertJsonError(429, api.send("GET", "/api/v1/environments", null, unknown));
  }

  @Test
  void everyRefusalOnTheApiIsJson() {
    assertJsonError(401, api.send("GET", "/api/v1/environments", null, null));
    assertJsonError(401, api.send("GET", "/api/v1/environments", null, "Basic !!!"));
    assertJsonError(401, api.send("GET", "/api/v1/environments", null, "Bearer not-a-token"));
    assertJsonError(
        401, api.send("GET", "/api/v1/environments", null, "Bearer wxp_" + "A".repeat(43)));
    assertJsonError(401, api.send("GET", "/api/v1/no-such-thing", null, null));
    assertJsonError(
        401,
        api.send(
            "POST",
            "/api/v1/tokens",
            "{\"name\":\"x\"}",
            Api.basic("nobody-" + UUID.randomUUID().toString().substring(0, 8), "x")));
    assertJsonError(404, api.asOperator("GET", "/api/v1/no-such-thing", null));
    assertJsonError(404, api.asOperator("GET", "/api/v1/environments/999999999", null));
  }

  @Test
  void apiAnswersAndConsolePagesCarryTheSecurityHeaders() {
    Api.Answer answer = api.asOperator("GET", "/api/v1/environments", null);
    assertEquals(200, answer.status(), answer.body());
    var headers = answer.raw().headers();
    assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null));
    assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null));
    assertFalse(headers.firstValue("Strict-Transport-Security").isPresent(), "plain HTTP");

    Api.Answer refused = api.send("GET", "/api/v1/environments", null, null);
    assertEquals(
        "nosniff", refused.raw().headers().firstValue("X-Content-Type-Options").orElse(null));

    Api.Answer page = api.send("GET", "/console/login.xhtml", null, null);
    assertEquals(200, page.status());
    var pageHeaders = page.raw().headers();
    assertEquals("nosniff", pageHeaders.firstValue("X-Content-Type-Options").orElse(null));
    assertEquals("no-referrer", pageHeaders.firstValue("Referrer-Policy").orElse(null));
    assertEquals("DENY", pageHeaders.firstValue("X-Frame-Options").orElse(null));
    String csp = pageHeaders.firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertTrue(csp.contains("script-src 'self'"), csp);
    String scripts = csp.replaceAll(".*script-src([^;]*).*", "$1");
    assertFalse(scripts.contains("unsafe-inline") || scripts.contains("unsafe-eval"), csp);
    assertFalse(page.body().contains("<script>"), "no inline script on the sign-in page");
    assertFalse(page.body().contains("onclick="), "no inline handler on the sign-in page");
    String cookie = pageHeaders.firstValue("Set-Cookie").orElse("");
    assertFalse(cookie.contains("Secure"), "not Secure over plain HTTP: " + cookie);
  }
}
