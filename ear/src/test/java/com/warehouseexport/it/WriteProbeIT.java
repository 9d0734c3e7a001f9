package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PRODUCT.md §5 "Validation proves delivery", through the API: Save and Send a test file list the
 * prefix, write a probe object under {@code <key>/_warehouse-export/} and delete it. The bucket is
 * reached through a {@link DenyingS3Front} that answers AccessDenied to one kind of request, as a
 * bucket policy would: a denied list or write refuses the settings (nothing saved) naming
 * s3:ListBucket or s3:PutObject; a denied delete saves with a warning naming s3:DeleteObject and
 * the probe object that stays. Also: a refused save lists every invalid field at once.
 */
@ExtendWith(ArquillianExtension.class)
class WriteProbeIT {

  static final String ACCESS_KEY = "probe-access-key";
  static final String SECRET = "probe-secret-key-do-not-leak";
  static final String BUCKET = "probe-bucket";
  static S3ProxyProcess s3;
  static DenyingS3Front front;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
    front = new DenyingS3Front(s3.port());
  }

  @AfterAll
  static void stopS3() {
    if (front != null) {
      front.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  @AfterEach
  void allowAll() {
    front.deny();
  }

  private Api.Answer save(long env, String prefix) {
    return api.saveBucketSettings(env, front.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET);
  }

  private Api.Answer testFile(long env) {
    return api.asOperator(
        "POST", "/api/v1/environments/" + env + "/export-settings/test-file", null);
  }

  private boolean configured(long env) {
    return api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null)
        .json()
        .getBoolean("configured");
  }

  /** The probe objects left in the bucket under {@code prefix/_warehouse-export/}. */
  private static List<Path> probes(String prefix) throws IOException {
    Path folder = s3.basedir().resolve(BUCKET).resolve(prefix).resolve("_warehouse-export");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith("probe-"))
          .toList();
    }
  }

  @Test
  void deniedListOrWriteRefusesTheSettingsNamingThePermission() throws Exception {
    long env = api.newTenant("Probe deny " + UUID.randomUUID(), "ENTERPRISE").environmentId();
    String prefix = "deny-" + env;

    front.deny("GET");
    Api.Answer list = save(env, prefix);
    assertEquals(422, list.status(), list.body());
    assertTrue(list.json().getString("error").contains("s3:ListBucket"), list.body());
    assertFalse(list.body().contains("will land"), list.body());
    assertFalse(configured(env), "nothing saved after a denied list");

    front.deny("PUT");
    int deniedBefore = front.deniedCount();
    Api.Answer put = save(env, prefix);
    assertEquals(422, put.status(), put.body());
    String error = put.json().getString("error");
    assertTrue(error.contains("s3:PutObject"), error);
    assertTrue(error.contains("may list bucket '" + BUCKET + "' but not write"), error);
    assertFalse(error.contains("will land"), error);
    assertTrue(put.json().isNull("field"), put.body());
    assertTrue(front.deniedCount() > deniedBefore, "the write went through the front");
    assertFalse(configured(env), "nothing saved after a denied write");
    assertEquals(List.of(), probes(prefix), "nothing written");
  }

  @Test
  void deniedDeleteSavesWithAWarningAndTheTestFileWorksOnceFixed() throws Exception {
    long env = api.newTenant("Probe delete " + UUID.randomUUID(), "ENTERPRISE").environmentId();
    String prefix = "warn-" + env;

    front.deny("DELETE");
    Api.Answer saved = save(env, prefix);
    assertEquals(200, saved.status(), saved.body());
    assertTrue(configured(env), "a denied delete still saves");
    JsonObject check = saved.json().getJsonObject("check");
    assertEquals("warning", check.getString("outcome"), saved.body());
    assertEquals("delete", check.getString("step"), saved.body());
    String message = check.getString("message");
    assertTrue(message.contains("exports will land there"), message);
    assertTrue(message.contains("s3:DeleteObject"), message);
    assertTrue(message.contains("stays in the bucket"), message);
    List<Path> left = probes(prefix);
    assertEquals(1, left.size(), "the probe object stays: " + left);
    assertTrue(message.contains(left.get(0).getFileName().toString()), message);
    assertTrue(Files.readString(left.get(0)).contains("Warehouse Export"), "it explains itself");

    // Send a test file while the delete is still denied: a warning again, one more object left.
    Api.Answer warned = testFile(env);
    assertEquals(200, warned.status(), warned.body());
    assertEquals("warning", warned.json().getString("outcome"), warned.body());
    assertEquals(2, probes(prefix).size());

    // The admin fixes the policy: the test file is written and removed, nothing new stays.
    front.deny();
    Api.Answer ok = testFile(env);
    assertEquals(200, ok.status(), ok.body());
    assertEquals("ok", ok.json().getString("outcome"), ok.body());
    assertEquals(JsonValue.NULL, ok.json().get("step"));
    assertTrue(ok.json().getString("message").contains("exports will land there"), ok.body());
    assertEquals(2, probes(prefix).size(), "the test file left nothing behind");

    // Writes refused again: the test file says so, the settings stay as saved.
    front.deny("PUT");
    Api.Answer refused = testFile(env);
    assertEquals(422, refused.status(), refused.body());
    assertEquals("failed", refused.json().getString("outcome"));
    assertEquals("put", refused.json().getString("step"));
    assertTrue(refused.json().getString("error").contains("s3:PutObject"), refused.body());
    assertTrue(configured(env));

    // A plain save with every permission says exports will land there.
    front.deny();
    Api.Answer clean = save(env, prefix);
    assertEquals(200, clean.status(), clean.body());
    assertEquals("ok", clean.json().getJsonObject("check").getString("outcome"));
  }

  @Test
  void testFileNeedsSavedSettingsAndStaysInItsOrganization() {
    Api.Tenant a = api.newTenant("Probe unconfigured " + UUID.randomUUID(), "ENTERPRISE");
    Api.Answer none = testFile(a.environmentId());
    assertEquals(422, none.status(), none.body());
    assertTrue(none.json().getString("error").contains("save the settings first"), none.body());
  }

  @Test
  void aRefusedSaveListsEveryInvalidFieldAtOnce() {
    long env = api.newTenant("Probe fields " + UUID.randomUUID(), "ENTERPRISE").environmentId();
    Api.Answer refused =
        api.asOperator(
            "PUT",
            "/api/v1/environments/" + env + "/export-settings",
            "{\"enabled\":true,\"cadence\":\"daily\",\"provider\":\"CUSTOM\",\"bucket\":\"\","
                + "\"region\":\"us-east-1\",\"endpoint\":\"ftp://nowhere\"}");
    assertEquals(422, refused.status(), refused.body());
    JsonObject body = refused.json();
    assertEquals("bucket", body.getString("field"), "the first one stays at the top level");
    assertEquals("The bucket name is required", body.getString("error"));
    List<String> fields =
        body.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("field"))
            .toList();
    assertEquals(List.of("bucket", "endpoint", "accessKeyId", "secretAccessKey"), fields);
    assertFalse(configured(env));
  }
}
