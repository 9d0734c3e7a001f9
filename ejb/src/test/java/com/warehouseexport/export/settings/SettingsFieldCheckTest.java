package com.warehouseexport.export.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every invalid settings field at once (PRODUCT.md §12). */
class SettingsFieldCheckTest {

  private static SettingsInput custom(
      String bucket, String region, String key, String endpoint, String id, String secret) {
    return new SettingsInput(
        true, "daily", "CUSTOM", null, bucket, region, key, endpoint, id, secret, "csv");
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void everyMissingOrMalformedFieldIsReportedInFormOrder() {
    List<FieldError> errors =
        SettingsFieldCheck.collect(
            custom("", "no spaces!", null, "ftp://x", null, " "), false, false);
    assertEquals(
        List.of("bucket", "region", "endpoint", "accessKeyId", "secretAccessKey"), fields(errors));
    assertEquals("The bucket name is required", errors.get(0).message());
    assertTrue(errors.get(2).message().contains("https://"), errors.get(2).message());
  }

  @Test
  void validSettingsHaveNoErrorsAndStoredCredentialsMayBeLeftBlank() {
    assertEquals(
        List.of(),
        SettingsFieldCheck.collect(
            custom("my-bucket", "us-east-1", "exports", "https://s3.example.com", null, null),
            true,
            true));
    assertEquals(
        List.of("secretAccessKey"),
        fields(
            SettingsFieldCheck.collect(
                custom("my-bucket", "auto", null, "https://s3.example.com", "AKIA", null),
                true,
                false)));
  }

  @Test
  void awsChecksTheBucketUrlAndTheOtherFieldsToo() {
    SettingsInput input =
        new SettingsInput(
            true,
            "hourly",
            "aws",
            "https://my_bucket.s3.eu-wst.amazonaws.com",
            null,
            null,
            null,
            null,
            null,
            null,
            "xlsx");
    assertEquals(
        List.of("cadence", "bucketUrl", "format", "accessKeyId", "secretAccessKey"),
        fields(SettingsFieldCheck.collect(input, false, false)));
  }

  @Test
  void anUnknownProviderIsOneErrorAndItsLocationIsNotGuessed() {
    SettingsInput input =
        new SettingsInput(true, null, "azure", null, null, null, null, null, "a", "b", null);
    assertEquals(List.of("provider"), fields(SettingsFieldCheck.collect(input, false, false)));
  }
}
