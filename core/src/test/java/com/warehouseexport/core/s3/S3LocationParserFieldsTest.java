package com.warehouseexport.core.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** GCP and CUSTOM settings, and the rules shared with AWS (bucket names, keys). */
class S3LocationParserFieldsTest {

  private static final String R2 = "https://0123abcd.eu.r2.cloudflarestorage.com";

  private static InvalidS3SettingException customFails(
      String bucket, String region, String key, String endpoint) {
    return assertThrows(
        InvalidS3SettingException.class,
        () -> S3LocationParser.custom(bucket, region, key, endpoint));
  }

  @Test
  void gcpLocation() {
    S3Location l = S3LocationParser.gcp(" acme_data ", "europe-west1", "/exports/");
    assertEquals(
        new S3Location(
            S3Provider.GCP,
            "acme_data",
            "europe-west1",
            "exports",
            URI.create("https://storage.googleapis.com"),
            true),
        l);
  }

  @Test
  void gcpAllowsLongDottedNamesButNotLongLabels() {
    String dotted = "a".repeat(63) + "." + "b".repeat(63) + ".example.com";
    assertEquals(dotted, S3LocationParser.gcp(dotted, "us", null).bucket());
    InvalidS3SettingException e =
        assertThrows(
            InvalidS3SettingException.class,
            () -> S3LocationParser.gcp("a".repeat(64), "us", null));
    assertEquals("bucket", e.field());
    assertThrows(
        InvalidS3SettingException.class,
        () -> S3LocationParser.gcp("a".repeat(64) + ".example.com", "us", null));
  }

  @Test
  void gcpReservesGoog() {
    InvalidS3SettingException e =
        assertThrows(
            InvalidS3SettingException.class, () -> S3LocationParser.gcp("google-data", "us", ""));
    assertEquals(
        "'google-data' is not a valid bucket name: names starting with 'goog' are reserved",
        e.getMessage());
  }

  @Test
  void customLocationNormalizesEndpoint() {
    S3Location l = S3LocationParser.custom("acme-data", "auto", "a/b", R2 + "/");
    assertEquals(S3Provider.CUSTOM, l.provider());
    assertEquals("acme-data", l.bucket());
    assertEquals("auto", l.region());
    assertEquals("a/b", l.keyPrefix());
    assertEquals(URI.create(R2), l.endpoint());
    assertTrue(l.pathStyle());
  }

  @ParameterizedTest
  @CsvSource({
    "HTTPS://MinIO.Example.COM:9000, https://minio.example.com:9000",
    "http://10.0.0.5:9000/, http://10.0.0.5:9000",
    "'  https://s3.example.com  ', https://s3.example.com",
    "http://[::1]:9000, http://[::1]:9000",
  })
  void customEndpointForms(String input, String expected) {
    assertEquals(
        URI.create(expected), S3LocationParser.custom("acme", "us-east-1", null, input).endpoint());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://s3.example.com | The endpoint must start with https:// or http://",
        "s3.example.com | The endpoint must start with https:// or http://",
        "/relative | The endpoint must start with https:// or http://",
        "https:s3.example.com | The endpoint must include a host name",
        "https://user:pw@s3.example.com | The endpoint must not contain a user name or password",
        "https://s3_bad.example.com | The endpoint must include a valid host name (letters,"
            + " digits, dots and hyphens)",
        "https://s3.example.com/?x=1 | The endpoint must not contain a query string",
        "https://s3.example.com/#x | The endpoint must not contain a fragment",
        "https://s3.example.com/acme-data | The endpoint must not contain a path: enter only"
            + " https://host[:port] (the bucket and key have their own fields)",
        "https://s3.example.com:0 | The endpoint port must be between 1 and 65535",
        "https://s3.example.com:70000 | The endpoint port must be between 1 and 65535",
        "https://s3 example.com | 'https://s3 example.com' is not a valid endpoint URL: expected e.g."
            + " https://<ACCOUNT_ID>.eu.r2.cloudflarestorage.com",
      })
  void customEndpointRejected(String endpoint, String message) {
    InvalidS3SettingException e = customFails("acme", "auto", "", endpoint);
    assertEquals(message, e.getMessage());
    assertEquals("endpoint", e.field());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" "})
  void customEndpointRequired(String endpoint) {
    InvalidS3SettingException e = customFails("acme", "auto", "", endpoint);
    assertEquals("The endpoint is required for a custom S3-compatible provider", e.getMessage());
    assertEquals("endpoint", e.field());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "My_Bucket | 'My_Bucket' is not a valid bucket name: bucket names use lowercase letters,"
            + " digits, dots and hyphens (3–63 characters)",
        "ab | 'ab' is not a valid bucket name: bucket names use lowercase letters, digits, dots and"
            + " hyphens (3–63 characters)",
        "-acme | '-acme' is not a valid bucket name: it must begin and end with a letter or digit",
        "acme. | 'acme.' is not a valid bucket name: it must begin and end with a letter or digit",
        "ac..me | 'ac..me' is not a valid bucket name: it must not contain two adjacent dots",
        "192.168.5.4 | '192.168.5.4' is not a valid bucket name: it must not be formatted as an IP"
            + " address",
        "xn--acme | 'xn--acme' is not a valid bucket name: names starting with 'xn--' are reserved",
        "sthree-acme | 'sthree-acme' is not a valid bucket name: names starting with 'sthree-' are"
            + " reserved",
        "acme-s3alias | 'acme-s3alias' is not a valid bucket name: names ending with '-s3alias' are"
            + " reserved",
        "acme--ol-s3 | 'acme--ol-s3' is not a valid bucket name: names ending with '--ol-s3' are"
            + " reserved",
      })
  void bucketNameRules(String bucket, String message) {
    InvalidS3SettingException e = customFails(bucket, "auto", "", R2);
    assertEquals(message, e.getMessage());
    assertEquals("bucket", e.field());
  }

  @Test
  void bucketNameBoundaries() {
    assertEquals("abc", S3LocationParser.custom("abc", "auto", "", R2).bucket());
    String max = "a".repeat(63);
    assertEquals(max, S3LocationParser.custom(max, "auto", "", R2).bucket());
    assertEquals("bucket", customFails("a".repeat(64), "auto", "", R2).field());
  }

  @Test
  void longBucketNamesAreShortenedInMessages() {
    InvalidS3SettingException e = customFails("X".repeat(500), "auto", "", R2);
    assertTrue(e.getMessage().startsWith("'" + "X".repeat(77) + "...'"), e.getMessage());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void bucketRequired(String bucket) {
    InvalidS3SettingException e = customFails(bucket, "auto", "", R2);
    assertEquals("The bucket name is required", e.getMessage());
    assertEquals("bucket", e.field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "us-east-1", "europe-west1", "garage", "EU", "region_1"})
  void regionsAccepted(String region) {
    assertEquals(region, S3LocationParser.custom("acme", region, "", R2).region());
    assertEquals(region, S3LocationParser.gcp("acme", region, "").region());
  }

  @ParameterizedTest
  @ValueSource(strings = {"eu west", "-auto", "eu.west", "région", "r/1"})
  void regionsRejected(String region) {
    InvalidS3SettingException e = customFails("acme", region, "", R2);
    assertEquals("region", e.field());
    assertEquals(
        "'"
            + region
            + "' is not a valid region: use letters, digits, hyphens and underscores (e.g."
            + " us-east-1, or auto for Cloudflare R2)",
        e.getMessage());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" "})
  void regionRequired(String region) {
    InvalidS3SettingException e = customFails("acme", region, "", R2);
    assertEquals("The region is required", e.getMessage());
    assertEquals("region", e.field());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, ''",
        "'', ''",
        "'  ', ''",
        "/, ''",
        "///, ''",
        "exports, exports",
        "/exports/, exports",
        "a//b///c/, a/b/c",
        "' a/b ', a/b",
        "données/été, données/été",
        "a.b/..c/d.., a.b/..c/d..",
      })
  void keyNormalization(String key, String expected) {
    assertEquals(expected, S3LocationParser.custom("acme", "auto", key, R2).keyPrefix());
    assertEquals(expected, S3LocationParser.gcp("acme", "auto", key).keyPrefix());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a/../b | The key must not contain '.' or '..' path segments",
        ".. | The key must not contain '.' or '..' path segments",
        "./a | The key must not contain '.' or '..' path segments",
        "a/. | The key must not contain '.' or '..' path segments",
      })
  void keyRejected(String key, String message) {
    InvalidS3SettingException e = customFails("acme", "auto", key, R2);
    assertEquals(message, e.getMessage());
    assertEquals("key", e.field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\u0000b", "a\u007fb", "a\u0085b", "a\tb"})
  void keyControlCharactersRejected(String key) {
    InvalidS3SettingException e = customFails("acme", "auto", key, R2);
    assertEquals("The key must not contain control characters", e.getMessage());
    assertEquals("key", e.field());
  }

  @Test
  void keyWithLoneSurrogateRejected() {
    InvalidS3SettingException e = customFails("acme", "auto", "a\uD800b", R2);
    assertEquals("The key contains invalid characters", e.getMessage());
  }

  @Test
  void keyLengthCountsUtf8Bytes() {
    String twoByteChars = "é".repeat(256); // 512 bytes
    assertEquals(
        twoByteChars, S3LocationParser.custom("acme", "auto", twoByteChars, R2).keyPrefix());
    assertEquals("key", customFails("acme", "auto", twoByteChars + "x", R2).field());
  }

  @Test
  void locationInvariants() {
    URI endpoint = URI.create(R2);
    assertThrows(
        IllegalArgumentException.class,
        () -> new S3Location(S3Provider.CUSTOM, "acme", "auto", "/a", endpoint, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> new S3Location(S3Provider.CUSTOM, "acme", "auto", "a", null, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> new S3Location(S3Provider.AWS, "acme", "eu-west-1", "a", endpoint, false));
    assertThrows(
        NullPointerException.class,
        () -> new S3Location(S3Provider.AWS, "acme", null, "a", null, false));
  }
}
