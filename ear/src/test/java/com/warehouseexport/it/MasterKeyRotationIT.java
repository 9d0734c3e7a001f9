package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.crypto.SecretCipher;
import com.warehouseexport.export.s3.S3ProxyProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Rotating the master key ring the way docs/configuration.md says (prepend a new key, start, then
 * remove the old one) carries every stored secret: the bucket's S3 credentials and the webhook
 * target's signing secret (PRODUCT.md §9). A server of its own (port offset 1900, embedded H2 in a
 * data directory that survives its restarts):
 *
 * <ol>
 *   <li>ring {@code k1}: an environment saves its bucket and adds a webhook;
 *   <li>ring {@code k2} alone, before any rotation: refuses to start, naming both secrets it cannot
 *       read and {@code WAREHOUSE_MASTER_KEYS};
 *   <li>ring {@code k2,k1}: starts and re-encrypts both with {@code k2};
 *   <li>ring {@code k2} alone, the old key removed: an export lands in the bucket and the test
 *       notification reaches the webhook with a valid signature; no secret is in the log.
 * </ol>
 */
class MasterKeyRotationIT {

  private static final Logger LOG = Logger.getLogger(MasterKeyRotationIT.class.getName());
  private static final String ACCESS_KEY = "rotation-access";
  private static final String SECRET = "rotation-secret-do-not-leak";
  private static final String BUCKET = "rotation";
  private static final String KEYS = "WAREHOUSE_MASTER_KEYS";

  @Test
  void aRotatedKeyRingCarriesEveryStoredSecret() throws Exception {
    Path target = Path.of(System.getProperty("ear.file")).getParent();
    Path tls = WebhookReceiver.makeCertificates(target.resolve("key-rotation-webhook-tls"));
    String k1 = SecretCipher.generateKeySpec("k1");
    String k2 = SecretCipher.generateKeySpec("k2");
    try (S3ProxyProcess s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
        WebhookReceiver receiver = WebhookReceiver.start(tls, 0);
        ServerProcess server =
            ServerProcess.fresh("key-rotation", 1900, target, "key-rotation-data")
                .property(
                    "warehouse.webhook.truststore", tls.resolveSibling("truststore.p12").toString())
                .property("warehouse.webhook.truststore-password", WebhookReceiver.STORE_PASSWORD)
                .property("warehouse.alerts.delivery-interval", "PT2S")
                .property("warehouse.alerts.retry-initial", "PT2S")
                .property("warehouse.alerts.retry-max", "PT4S")) {
      s3.createBucket(BUCKET);
      LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);

      // 1. ring k1: the bucket's credentials and a webhook's signing secret are stored under k1.
      server.env(KEYS, k1).start();
      Api api = new Api(server.url());
      Api.Tenant tenant = api.newTenant("Rotation", "ENTERPRISE");
      long env = tenant.environmentId();
      api.ingestOneCompany(tenant, LocalDate.now(ZoneOffset.UTC), 10, 8);
      Api.Answer saved =
          api.saveBucketSettings(env, s3.endpoint(), BUCKET, "rotation", ACCESS_KEY, SECRET);
      assertEquals(200, saved.status(), saved.body());
      String targets = "/api/v1/environments/" + env + "/notification-targets";
      Api.Answer hook =
          api.asOperator(
              "POST", targets, "{\"type\":\"webhook\",\"url\":\"" + receiver.url() + "\"}");
      assertEquals(201, hook.status(), hook.body());
      String webhookSecret = hook.json().getString("secret");
      receiver.secret(webhookSecret);
      server.stop();

      // 2. ring k2 alone: nothing stored can be read, so the node refuses to start and says what.
      server.env(KEYS, k2);
      IOException refused =
          assertThrows(IOException.class, () -> server.start(Duration.ofSeconds(180)));
      LOG.info("the k2-only node refused as expected: " + refused.getMessage());
      String log = server.log();
      assertTrue(
          log.contains(
              "Refusing to start: 2 stored secret(s) of 1 environment(s) (the S3 credentials of"
                  + " environment "
                  + env
                  + ", the webhook signing secret of environment "
                  + env
                  + ") cannot be decrypted with this node's master key ring. Set"
                  + " WAREHOUSE_MASTER_KEYS"),
          server.logTail(3000));
      server.stop();

      // 3. ring k2,k1: the new key first, the old one kept; both secrets move to k2.
      server.env(KEYS, k2 + "," + k1).start();
      assertTrue(
          server.log().contains("Re-encrypted 2 stored secret(s) with the active master key"),
          server.logTail(3000));
      server.stop();

      // 4. ring k2 alone: the old key is gone and both secrets still work.
      server.env(KEYS, k2).start();
      Api rotated = new Api(server.url());
      Api.Answer run =
          rotated.asOperator(
              "POST", "/api/v1/environments/" + env + "/export-periods/" + yesterday, null);
      assertEquals(202, run.status(), run.body());
      long execution = run.json().getJsonNumber("executionId").longValue();
      assertEquals(
          "COMPLETED",
          rotated.awaitExport(execution).getString("status"),
          "the export reached the bucket with the re-encrypted credentials");
      Api.Answer test = rotated.asOperator("POST", targets + "/test", null);
      assertEquals(202, test.status(), test.body());
      Waits.await(
          Duration.ofSeconds(30),
          () -> !receiver.of("test").isEmpty(),
          "the test notification reaches the webhook",
          () ->
              receiver.received()
                  + "\n"
                  + rotated
                      .asOperator(
                          "GET", "/api/v1/environments/" + env + "/notification-deliveries", null)
                      .body()
                  + "\n"
                  + server.logTail(3000));
      assertTrue(
          receiver.of("test").get(0).signatureValid(),
          "signed with the secret given at creation, decrypted with the new key");
      String all = server.log();
      assertFalse(all.contains(SECRET), "the S3 secret is not logged");
      assertFalse(all.contains(webhookSecret), "the webhook secret is not logged");
    }
  }
}
