package com.warehouseexport.export.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3LocationParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The write probe's keys and its message for each step (PRODUCT.md §5). */
class WriteProbeTest {

  private static final S3Location WITH_PREFIX =
      S3LocationParser.custom("bkt", "auto", "exports/acme", "https://s3.example.com");
  private static final S3Location NO_PREFIX =
      S3LocationParser.custom("bkt", "auto", null, "https://s3.example.com");
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final ValidationResult DENIED =
      ValidationResult.failure(null, "The credentials are valid but may not …");

  @Test
  void probeObjectLivesUnderThePrefixInItsOwnFolder() {
    assertEquals(
        "exports/acme/_warehouse-export/probe-00000000-0000-0000-0000-000000000001.txt",
        WriteProbe.key("exports/acme", ID));
    assertEquals(
        "_warehouse-export/probe-00000000-0000-0000-0000-000000000001.txt", WriteProbe.key("", ID));
    String body = new String(WriteProbe.body(Instant.EPOCH), StandardCharsets.UTF_8);
    assertTrue(body.contains("Warehouse Export"), body);
    assertTrue(body.contains("s3:DeleteObject"), body);
  }

  @Test
  void okSaysExportsWillLandThere() {
    WriteProbe.Report ok = WriteProbe.ok(WITH_PREFIX, "k");
    assertEquals(WriteProbe.Level.OK, ok.level());
    assertTrue(ok.written());
    assertNull(ok.step());
    assertTrue(ok.message().contains("exports/acme/_warehouse-export/"), ok.message());
    assertTrue(ok.message().endsWith("exports will land there."), ok.message());
  }

  @Test
  void deniedListNamesListBucketAndSaysNothingWasWritten() {
    WriteProbe.Report r = WriteProbe.failed(WriteProbe.Step.LIST, DENIED, true, WITH_PREFIX, "k");
    assertEquals(WriteProbe.Level.FAILED, r.level());
    assertFalse(r.written());
    assertTrue(r.message().contains("s3:ListBucket for prefix 'exports/acme/'"), r.message());
    assertFalse(r.message().contains("land there"), r.message());
  }

  @Test
  void deniedPutNamesPutObjectAndNeverPromisesDelivery() {
    WriteProbe.Report r = WriteProbe.failed(WriteProbe.Step.PUT, DENIED, true, NO_PREFIX, "k");
    assertEquals(WriteProbe.Level.FAILED, r.level());
    assertEquals(WriteProbe.Step.PUT, r.step());
    assertTrue(r.message().contains("may list bucket 'bkt' but not write to it"), r.message());
    assertTrue(r.message().contains("grant s3:PutObject"), r.message());
    assertFalse(r.message().contains("will land"), r.message());
    assertFalse(r.message().contains("s3:ListBucket"), r.message());
  }

  @Test
  void deniedDeleteIsAWarningThatNamesDeleteObjectAndTheObjectLeftBehind() {
    String key = WriteProbe.key("exports/acme", ID);
    WriteProbe.Report r = WriteProbe.failed(WriteProbe.Step.DELETE, DENIED, true, WITH_PREFIX, key);
    assertEquals(WriteProbe.Level.WARNING, r.level());
    assertTrue(r.written(), "written: exports will land");
    assertTrue(r.message().contains("exports will land there"), r.message());
    assertTrue(r.message().contains("grant s3:DeleteObject for 'exports/acme/*'"), r.message());
    assertTrue(r.message().contains("'" + key + "' stays in the bucket"), r.message());
  }

  @Test
  void otherFailuresKeepTheTranslatorsWordsAndField() {
    ValidationResult badSecret =
        ValidationResult.failure(
            ValidationResult.FIELD_SECRET_ACCESS_KEY,
            "The secret access key does not match the access key ID.");
    WriteProbe.Report list =
        WriteProbe.failed(WriteProbe.Step.LIST, badSecret, false, NO_PREFIX, "k");
    assertEquals(ValidationResult.FIELD_SECRET_ACCESS_KEY, list.field());
    assertEquals(
        "Listing bucket 'bkt' failed: The secret access key does not match the access key ID.",
        list.message());
    ValidationResult unavailable = ValidationResult.failure(null, "The provider is unavailable.");
    WriteProbe.Report put =
        WriteProbe.failed(WriteProbe.Step.PUT, unavailable, false, NO_PREFIX, "k");
    assertEquals(WriteProbe.Level.FAILED, put.level());
    assertTrue(put.message().startsWith("Writing a test file to bucket 'bkt' failed: "));
    WriteProbe.Report delete =
        WriteProbe.failed(WriteProbe.Step.DELETE, unavailable, false, NO_PREFIX, "k");
    assertEquals(WriteProbe.Level.WARNING, delete.level());
    assertTrue(delete.message().contains("deleting it failed (The provider is unavailable)"));
  }
}
