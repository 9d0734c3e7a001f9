package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PRODUCT.md §8 end to end: an org admin adds a webhook (HTTPS, self-signed receiver on 127.0.0.1
 * trusted through arquillian.xml's {@code warehouse.webhook.truststore}) and e-mail addresses
 * (GreenMail, the SMTP server arquillian.xml points the mail session at, with a login over implicit
 * TLS); the test notification reaches both, the webhook after a retry (the receiver first answers
 * 500) with a valid HMAC-SHA256 signature. Then the bucket goes away: three periods fail for good
 * (older than the 48 h horizon, so their first failure is final), automatic export pauses itself
 * (status {@code paused} with the reason, periods falling due meanwhile are {@code paused}), each
 * event is alerted; the admin fixes the bucket and resumes: every period lands and a single
 * "recovered" alert goes out. Neither the webhook secret nor the SMTP password appears in the
 * server log or in later answers.
 */
@ExtendWith(ArquillianExtension.class)
class AlertsIT {

  private static final String ACCESS_KEY = "it-access-key";
  private static final String SECRET = "it-secret-key-do-not-leak";
  private static final String BUCKET = "alerts-bucket";
  private static final String SMTP_USER = "it-alerts";
  private static final String SMTP_PASSWORD = "it-smtp-password-do-not-leak";

  private static GreenMail smtp;
  private static Path receiverKeys;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeAll
  static void servers() throws Exception {
    receiverKeys = WebhookReceiver.makeCertificates(Path.of(System.getProperty("it.webhook.dir")));
    int port = Integer.parseInt(System.getProperty("it.smtp.port"));
    // SMTP with a login needs TLS (PRODUCT.md §9): GreenMail speaks implicit TLS (SMTPS) with the
    // receiver's 127.0.0.1 key pair, which the server trusts through arquillian.xml's
    // warehouse.smtp.truststore (warehouse.smtp.ssl=true). GreenMail reads these once per JVM.
    System.setProperty("greenmail.tls.keystore.file", receiverKeys.toString());
    System.setProperty("greenmail.tls.keystore.password", WebhookReceiver.STORE_PASSWORD);
    System.setProperty("greenmail.tls.key.password", WebhookReceiver.STORE_PASSWORD);
    smtp =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("alerts@warehouse.test", SMTP_USER, SMTP_PASSWORD));
    smtp.start();
  }

  @AfterAll
  static void stop() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  @Test
  void alertsForFailuresAutoPauseAndRecoveryReachWebhookAndEmail() throws Exception {
    Path basedir = Files.createTempDirectory("s3-alerts-");
    int s3Port = S3ProxyProcess.freePort();
    S3ProxyProcess bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, s3Port, basedir);
    try (WebhookReceiver receiver = WebhookReceiver.start(receiverKeys, 1)) {
      bucket.createBucket(BUCKET);
      Api.Tenant tenant = api.newTenant("Alerts " + UUID.randomUUID(), "ENTERPRISE");
      long env = tenant.environmentId();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      api.ingestOneCompany(tenant, today, 10, 8);
      String prefix = "alerts-" + env;
      assertEquals(
          200,
          api.saveBucketSettings(env, bucket.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET)
              .status());
      String admin = orgAdmin(tenant);
      String targets = "/api/v1/environments/" + env + "/notification-targets";

      // --- targets, as the org admin ---
      Api.Answer hook =
          api.send(
              "POST", targets, "{\"type\":\"webhook\",\"url\":\"" + receiver.url() + "\"}", admin);
      assertEquals(201, hook.status(), hook.body());
      String webhookSecret = hook.json().getString("secret");
      assertTrue(webhookSecret.startsWith("whsec_"), hook.body());
      receiver.secret(webhookSecret);
      Api.Answer mail =
          api.send(
              "POST",
              targets,
              "{\"type\":\"email\",\"addresses\":[\"data-team@example.com\"]}",
              admin);
      assertEquals(201, mail.status(), mail.body());
      assertEquals(
          "[\"period.failed\",\"export.paused\",\"export.recovered\"]",
          mail.json().getJsonArray("events").toString(),
          "without a choice a target receives every event");
      // The on-call address only wants to hear about pauses and recoveries (per-event
      // subscription): first only pauses, then changed to pauses and recoveries.
      Api.Answer oncall =
          api.send(
              "POST",
              targets,
              "{\"type\":\"email\",\"addresses\":\""
                  + ONCALL
                  + "\",\"events\":[\"export.paused\"]}",
              admin);
      assertEquals(201, oncall.status(), oncall.body());
      String oncallTarget = targets + "/" + oncall.json().getJsonNumber("id");
      assertRefused(
          api.send("PUT", oncallTarget, "{\"events\":[\"export.paused\",\"test\"]}", admin),
          "Unknown event 'test'");
      assertRefused(api.send("PUT", oncallTarget, "{\"events\":[]}", admin), "at least one event");
      Api.Answer changed =
          api.send(
              "PUT", oncallTarget, "{\"events\":[\"export.recovered\",\"export.paused\"]}", admin);
      assertEquals(200, changed.status(), changed.body());
      assertEquals(
          "[\"export.paused\",\"export.recovered\"]",
          changed.json().getJsonArray("events").toString());
      assertEquals(
          404,
          api.send("PUT", targets + "/987654321", "{\"events\":[\"export.paused\"]}", admin)
              .status());
      Api.Answer listed = api.send("GET", targets, null, admin);
      assertEquals(200, listed.status());
      assertEquals(3, listed.json().getJsonArray("items").size(), listed.body());
      assertTrue(listed.json().getBoolean("emailAvailable"));
      assertFalse(listed.body().contains(webhookSecret), "the secret is shown once only");

      // --- refused targets ---
      assertEquals(
          422,
          api.send("POST", targets, "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1/\"}", admin)
              .status(),
          "plain http is refused");
      Api.Answer metadata =
          api.send(
              "POST",
              targets,
              "{\"type\":\"webhook\",\"url\":\"https://169.254.169.254/latest\"}",
              admin);
      assertEquals(422, metadata.status(), "the SSRF guard refuses cloud metadata");
      assertTrue(metadata.json().getString("error").contains("may not be used"), metadata.body());
      assertEquals(
          422,
          api.send("POST", targets, "{\"type\":\"email\",\"addresses\":\"not an address\"}", admin)
              .status());

      // --- the test notification: webhook retried after a 500, e-mail through GreenMail ---
      Api.Answer test = api.send("POST", targets + "/test", null, admin);
      assertEquals(202, test.status(), test.body());
      assertEquals(3, test.json().getInt("queued"), "the test reaches every target");
      Waits.await(
          Duration.ofSeconds(30),
          () -> receiver.of("test").size() >= 2,
          "the test webhook is retried after the receiver's 500",
          () -> receiver.received().toString() + "\n" + deliveries(env, admin));
      List<WebhookReceiver.Received> tests = receiver.of("test");
      assertEquals(tests.get(0).delivery(), tests.get(1).delivery(), "the same delivery retried");
      assertTrue(tests.stream().allMatch(WebhookReceiver.Received::signatureValid), "signed");
      JsonObject testBody =
          Json.createReader(new java.io.StringReader(tests.get(1).body())).readObject();
      assertEquals(env, testBody.getJsonObject("environment").getJsonNumber("id").longValue());
      assertTrue(testBody.getString("consoleUrl").contains("env=" + env), testBody.toString());
      Waits.await(
          Duration.ofSeconds(30),
          () ->
              mails("Test notification").size() == 1
                  && mailsTo("Test notification", ONCALL).size() == 1,
          "the test e-mail, to every address",
          () -> deliveries(env, admin));

      // --- the bucket goes away; three periods fail for good → auto-pause ---
      bucket.close();
      List<LocalDate> failing = List.of(today.minusDays(5), today.minusDays(4), today.minusDays(3));
      for (LocalDate period : failing) {
        Api.Answer run =
            api.asOperator(
                "POST", "/api/v1/environments/" + env + "/export-periods/" + period, null);
        assertEquals(202, run.status(), run.body());
      }
      Waits.await(
          Duration.ofSeconds(240), // each run gives its period a fresh horizon: PT40S here
          () -> "paused".equals(status(env).getString("status")),
          "automatic export pauses itself",
          () -> status(env).toString());
      JsonObject paused = status(env);
      assertTrue(
          paused.getString("paused").contains("3 consecutive periods failed for good"),
          paused.toString());
      assertEquals(3, paused.getJsonArray("failedPeriods").size(), paused.toString());

      Waits.await(
          Duration.ofSeconds(30),
          () ->
              receiver.of("period.failed").size() >= 3 && receiver.of("export.paused").size() >= 1,
          "failed-for-good and auto-paused webhooks",
          () -> receiver.received().toString());
      for (LocalDate period : failing) {
        assertTrue(
            receiver.of("period.failed").stream()
                .anyMatch(r -> r.body().contains("\"period\":\"" + period + "\"")),
            "a failed-for-good alert names " + period);
      }
      WebhookReceiver.Received pausedHook = receiver.of("export.paused").get(0);
      assertTrue(pausedHook.signatureValid());
      assertTrue(pausedHook.body().contains("Uploading to the bucket failed"), pausedHook.body());
      Waits.await(
          Duration.ofSeconds(30),
          () -> mails("failed for good").size() == 3 && mails("is paused").size() == 1,
          "failed-for-good and auto-paused e-mails",
          () -> deliveries(env, admin));
      Waits.await(
          Duration.ofSeconds(30),
          () -> mailsTo("is paused", ONCALL).size() == 1,
          "the auto-paused e-mail reaches the on-call address",
          () -> deliveries(env, admin));
      assertEquals(
          0,
          mailsTo("failed for good", ONCALL).size(),
          "the on-call address is not subscribed to failed-for-good alerts");
      String pausedText = text(mails("is paused").get(0));
      assertTrue(pausedText.contains("Environment: Production (id " + env + ")"), pausedText);
      // The period whose failure paused it: the last to give up (all three were asked for at
      // once, so which one is last depends on their retries' jitter).
      assertTrue(failing.stream().anyMatch(p -> pausedText.contains("Period: " + p)), pausedText);
      assertTrue(pausedText.contains("Error: "), pausedText);
      assertTrue(
          pausedText.contains(
              "Console: https://console.warehouse.test/console/environments/data-export.xhtml?env="
                  + env),
          pausedText);

      // While paused, periods that fall due are recorded as paused, not started. (Each failing
      // period was attempted several times: a run gives it a fresh horizon, PT40S here.)
      long attemptsWhenPaused = attemptsOf(env);
      assertTrue(attemptsWhenPaused >= 3, "at least one attempt per period: " + attemptsWhenPaused);
      Api.Answer catchUp =
          api.asOperator(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/catch-up",
              "{\"from\":\"" + today.minusDays(2) + "\"}");
      assertEquals(200, catchUp.status(), catchUp.body());
      Waits.await(
          Duration.ofSeconds(30),
          () -> status(env).getJsonArray("pausedPeriods").size() == 2,
          "two periods wait while paused",
          () -> status(env).toString());
      assertEquals(attemptsWhenPaused, attemptsOf(env), "nothing was started while paused");

      // --- fixed and resumed: every period lands, one "recovered" alert ---
      bucket = S3ProxyProcess.start(ACCESS_KEY, SECRET, s3Port, basedir);
      // Saving the fixed settings while paused schedules nothing (nothing runs until Resume), so
      // the status shows no retry "due" in the past and the periods stay failed for good, and the
      // pause names the newest failed period (issue 22).
      assertEquals(
          200,
          api.saveBucketSettings(env, bucket.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET)
              .status());
      JsonObject savedWhilePaused = status(env);
      assertEquals("paused", savedWhilePaused.getString("status"), savedWhilePaused.toString());
      assertTrue(savedWhilePaused.isNull("retry"), savedWhilePaused.toString());
      assertEquals(3, savedWhilePaused.getJsonArray("failedPeriods").size());
      assertTrue(
          savedWhilePaused.getString("paused").contains("(the newest " + failing.get(2) + ","),
          savedWhilePaused.toString());
      Api.Answer resumed =
          api.send("POST", "/api/v1/environments/" + env + "/export-status/resume", null, admin);
      assertEquals(200, resumed.status(), resumed.body());
      assertFalse("paused".equals(resumed.json().getString("status")), resumed.body());
      Path daily = basedir.resolve(BUCKET).resolve(prefix).resolve("company-usage/daily");
      for (int days = 5; days >= 1; days--) {
        LocalDate period = today.minusDays(days);
        Path manifest =
            daily
                .resolve("date=" + period)
                .resolve("company-usage-production-" + env + "-" + period + ".manifest.json");
        Waits.await(
            Duration.ofSeconds(120),
            () -> Files.exists(manifest),
            period + " landed after resume",
            () -> status(env).toString());
      }
      Waits.await(
          Duration.ofSeconds(30),
          () -> !receiver.of("export.recovered").isEmpty() && !mails("recovered").isEmpty(),
          "a recovered alert by webhook and e-mail",
          () -> receiver.received().toString());
      // Later landings are no new recovery: once every period is marked landed (each landing's
      // alerts are queued as it is marked; the explicit tick waits for a pass under way) and the
      // outbox is drained, still one "recovered" per target.
      for (int days = 5; days >= 1; days--) {
        LocalDate period = today.minusDays(days);
        Waits.await(
            Duration.ofSeconds(60),
            () -> "landed".equals(calendarState(env, admin, period)),
            period + " is marked landed",
            () -> status(env).toString());
      }
      Api.Answer tick = api.asOperator("POST", "/api/v1/system/scheduler/tick", null);
      assertEquals(200, tick.status(), tick.body());
      Waits.await(
          Duration.ofSeconds(30),
          () -> !deliveries(env, admin).contains("\"pending\""),
          "the outbox is drained",
          () -> deliveries(env, admin));
      assertEquals(3, queued(env, admin, "export.recovered"), deliveries(env, admin));
      Waits.await(
          Duration.ofSeconds(30),
          () -> mailsTo("recovered", ONCALL).size() == 1,
          "the recovered e-mail reaches the on-call address (subscribed since the change)",
          () -> deliveries(env, admin));
      assertEquals(1, receiver.of("export.recovered").size(), receiver.received().toString());
      assertEquals(1, mails("recovered").size());
      assertTrue(receiver.of("export.recovered").get(0).signatureValid());
      JsonObject after = status(env);
      assertEquals("successful", after.getString("status"), after.toString());
      assertEquals(0, after.getJsonArray("failedPeriods").size());
      assertEquals(0, after.getJsonArray("pausedPeriods").size());
      Api.Answer notPaused =
          api.send("POST", "/api/v1/environments/" + env + "/export-status/resume", null, admin);
      assertEquals(409, notPaused.status(), notPaused.body());

      // --- no secret leaks ---
      for (Api.Answer answer :
          List.of(
              api.send("GET", targets, null, admin),
              api.send(
                  "GET", "/api/v1/environments/" + env + "/notification-deliveries", null, admin),
              api.send("GET", "/api/v1/environments/" + env + "/export-status", null, admin))) {
        assertFalse(answer.body().contains(webhookSecret), answer.body());
        assertFalse(answer.body().contains(SMTP_PASSWORD), answer.body());
      }
      String log =
          Files.readString(
              Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"),
              StandardCharsets.UTF_8);
      assertTrue(log.contains("Alert export.recovered of environment " + env), "the log is read");
      assertFalse(log.contains(webhookSecret), "the webhook secret is not logged");
      assertFalse(log.contains(SMTP_PASSWORD), "the SMTP password is not logged");
    } finally {
      bucket.close();
    }
  }

  @Test
  void anotherOrganizationsAdminSeesNoTargets() {
    Api.Tenant a = api.newTenant("Alerts A " + UUID.randomUUID(), "ENTERPRISE");
    Api.Tenant b = api.newTenant("Alerts B " + UUID.randomUUID(), "ENTERPRISE");
    String adminB = orgAdmin(b);
    String targetsA = "/api/v1/environments/" + a.environmentId() + "/notification-targets";
    assertEquals(404, api.send("GET", targetsA, null, adminB).status());
    assertEquals(
        404,
        api.send("POST", targetsA, "{\"type\":\"email\",\"addresses\":\"x@example.com\"}", adminB)
            .status());
    assertEquals(404, api.send("POST", targetsA + "/test", null, adminB).status());
    assertEquals(
        404,
        api.send(
                "POST",
                "/api/v1/environments/" + a.environmentId() + "/export-status/resume",
                null,
                adminB)
            .status());
  }

  /**
   * Delivered and given-up messages older than the retention (30 days) leave the outbox; pending
   * ones and recent ones stay. PostgreSQL only: the rows are back-dated in the table (the embedded
   * H2 opens no port to the test).
   */
  @Test
  void theOutboxForgetsFinishedDeliveriesPastTheRetention() throws Exception {
    // back-dating rows needs the database: the embedded H2 opens no port
    Prerequisites.onlyOnDatabase(
        Db.isPostgres(),
        "AlertsIT.theOutboxForgetsFinishedDeliveriesPastTheRetention",
        "PostgreSQL");
    long env = api.newTenant("Outbox " + UUID.randomUUID(), "ENTERPRISE").environmentId();
    long now = System.currentTimeMillis();
    long old = now - Duration.ofDays(31).toMillis();
    long base = 9_000_000_000L + (now % 1_000_000_000L);
    try (java.sql.Connection c = Db.connect();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO notification_delivery (id, target_id, environment_id, event, payload,"
                    + " state, attempts, next_attempt_at, created_at)"
                    + " VALUES (?, -1, ?, 'test', '{}', ?, 1, ?, ?)")) {
      Object[][] rows = {
        {base, "delivered", null, old}, // old, finished: purged
        {base + 1, "failed", null, old}, // old, given up: purged
        {base + 2, "pending", now + Duration.ofDays(1).toMillis(), old}, // old but pending: kept
        {base + 3, "delivered", null, now} // recent: kept
      };
      for (Object[] row : rows) {
        ps.setLong(1, (Long) row[0]);
        ps.setLong(2, env);
        ps.setString(3, (String) row[1]);
        ps.setObject(4, row[2], java.sql.Types.BIGINT);
        ps.setLong(5, (Long) row[3]);
        ps.executeUpdate();
      }
    }
    String count = "SELECT COUNT(*) FROM notification_delivery WHERE environment_id = ?";
    Waits.await(
        Duration.ofSeconds(30),
        () -> {
          try {
            return Db.scalar(count, env) == 2;
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        },
        "the purge (every 2 s in the ITs) removes the two old finished deliveries");
    assertEquals(
        base + 2 + base + 3,
        Db.scalar("SELECT SUM(id) FROM notification_delivery WHERE environment_id = ?", env),
        "the pending and the recent delivery stay");
    try (java.sql.Connection c = Db.connect();
        java.sql.PreparedStatement ps =
            c.prepareStatement("DELETE FROM notification_delivery WHERE environment_id = ?")) {
      ps.setLong(1, env);
      ps.executeUpdate();
    }
  }

  // --- helpers ---

  private String orgAdmin(Api.Tenant tenant) {
    String user = "alerts-admin-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    Api.Answer created =
        api.asOperator(
            "POST",
            "/api/v1/organizations/" + tenant.organizationId() + "/admins",
            "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    assertEquals(201, created.status(), created.body());
    return Api.basic(user, password);
  }

  private JsonObject status(long env) {
    return api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
  }

  private String deliveries(long env, String admin) {
    return api.send("GET", "/api/v1/environments/" + env + "/notification-deliveries", null, admin)
        .body();
  }

  /** The delivery calendar's state of one period (as the org admin sees it). */
  private String calendarState(long env, String admin, LocalDate period) {
    Api.Answer calendar =
        api.send("GET", "/api/v1/environments/" + env + "/export-calendar", null, admin);
    assertEquals(200, calendar.status(), calendar.body());
    return calendar.json().getJsonArray("cells").stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("period").equals(period.toString()))
        .map(c -> c.getString("state"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(period + " is not in the calendar"));
  }

  /** How many deliveries of {@code event} the outbox holds (newest 50). */
  private long queued(long env, String admin, String event) {
    return api
        .send("GET", "/api/v1/environments/" + env + "/notification-deliveries", null, admin)
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(d -> d.getString("event").equals(event))
        .count();
  }

  private long attemptsOf(long env) {
    JsonObject page =
        api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=200", null).json();
    return page.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> o.getString("period", null) != null)
        .count();
  }

  private static final String ONCALL = "oncall@example.com";

  private static void assertRefused(Api.Answer answer, String words) {
    assertEquals(422, answer.status(), answer.body());
    assertTrue(answer.json().getString("error").contains(words), answer.body());
  }

  private static List<MimeMessage> mails(String subjectPart) {
    return mailsTo(subjectPart, "data-team@example.com");
  }

  private static List<MimeMessage> mailsTo(String subjectPart, String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getSubject().contains(subjectPart)
                    && m.getAllRecipients()[0].toString().equals(address);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static String text(MimeMessage m) throws Exception {
    return m.getContent().toString();
  }
}
