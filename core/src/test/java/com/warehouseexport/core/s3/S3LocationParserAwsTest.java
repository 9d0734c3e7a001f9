package com.warehouseexport.core.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationParserAwsTest {

  private static final String SHAPE =
      "The bucket URL must look like https://<bucket>.s3.<region>.amazonaws.com/<optional key>";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://acme-data.s3.eu-west-1.amazonaws.com | acme-data | eu-west-1 | ''",
        "https://acme-data.s3.eu-west-1.amazonaws.com/ | acme-data | eu-west-1 | ''",
        "https://acme-data.s3.eu-west-1.amazonaws.com/exports | acme-data | eu-west-1 | exports",
        "https://acme-data.s3.eu-west-1.amazonaws.com/exports/ | acme-data | eu-west-1 | exports",
        "https://acme-data.s3.us-east-1.amazonaws.com//a//b/ | acme-data | us-east-1 | a/b",
        "'  https://acme.data.s3.ap-southeast-2.amazonaws.com/x  ' | acme.data | ap-southeast-2 | x",
        "HTTPS://acme-data.S3.EU-CENTRAL-1.AMAZONAWS.COM/Key | acme-data | eu-central-1 | Key",
        "https://acme-data.s3.us-gov-west-1.amazonaws.com | acme-data | us-gov-west-1 | ''",
        "https://acme-data.s3.il-central-1.amazonaws.com | acme-data | il-central-1 | ''",
        // a bucket whose name contains '.s3.' still parses: the last '.s3.' is the service
        "https://my.s3.bucket.s3.eu-west-1.amazonaws.com/k | my.s3.bucket | eu-west-1 | k",
        // legacy dash form and dualstack
        "https://acme-data.s3-eu-west-1.amazonaws.com/k | acme-data | eu-west-1 | k",
        "https://acme-data.s3.dualstack.eu-west-1.amazonaws.com | acme-data | eu-west-1 | ''",
        // path-style
        "https://s3.eu-west-1.amazonaws.com/acme-data/exports/x | acme-data | eu-west-1 | exports/x",
        "https://s3.eu-west-1.amazonaws.com/acme-data | acme-data | eu-west-1 | ''",
        // percent-encoded key, '+' is literal
        "https://acme-data.s3.eu-west-1.amazonaws.com/my%20exports/caf%C3%A9+1 | acme-data | eu-west-1 | my exports/café+1",
        // trailing dot of a fully qualified host
        "https://acme-data.s3.eu-west-1.amazonaws.com./k | acme-data | eu-west-1 | k",
      })
  void acceptsValidUrls(String url, String bucket, String region, String key) {
    S3Location location = S3LocationParser.aws(url);
    assertEquals(S3Provider.AWS, location.provider());
    assertEquals(bucket, location.bucket());
    assertEquals(region, location.region());
    assertEquals(key, location.keyPrefix());
    assertNull(location.endpoint());
    assertFalse(location.pathStyle());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://acme-data.s3.eu-west-1.amazonaws.com | The bucket URL must start with https://",
        "ftp://acme-data.s3.eu-west-1.amazonaws.com | The bucket URL must start with https://",
        "acme-data.s3.eu-west-1.amazonaws.com | The bucket URL must start with https://",
        "s3://acme-data/exports | s3:// URLs are not accepted: the bucket URL must look like"
            + " https://<bucket>.s3.<region>.amazonaws.com/<optional key>",
        "https://acme-data.s3.eu-west-1.amazonaws.com/x?versionId=1 | The bucket URL must not"
            + " contain a query string (the part starting with '?')",
        "https://acme-data.s3.eu-west-1.amazonaws.com/x#frag | The bucket URL must not contain a"
            + " fragment (the part starting with '#')",
        "https://user:pw@acme-data.s3.eu-west-1.amazonaws.com | The bucket URL must not contain a"
            + " user name or password",
        "https://acme-data.s3.eu-west-1.amazonaws.com:443/ | The bucket URL must not contain a"
            + " port",
        "https://acme-data.s3.eu-west-1.amazonaws.com/my exports | The bucket URL must not contain"
            + " spaces or control characters",
        "https:// | " + SHAPE,
        "https://example.com/bucket | " + SHAPE,
        "https://acme-data.s3.eu-west-1.amazonaws.org | " + SHAPE,
        "https://acme-data.eu-west-1.amazonaws.com | " + SHAPE,
        "https://acme-data.s3.eu-west-1.amazonaws.com.evil.example | " + SHAPE,
        "https://My_Bucket.s3.eu-west-1.amazonaws.com | 'My_Bucket' is not a valid bucket name:"
            + " bucket names use lowercase letters, digits, dots and hyphens (3–63 characters)",
        "https://ab.s3.eu-west-1.amazonaws.com | 'ab' is not a valid bucket name: bucket names use"
            + " lowercase letters, digits, dots and hyphens (3–63 characters)",
        "https://acme-data.s3.eu-wst.amazonaws.com | 'eu-wst' is not a valid AWS region",
        "https://acme-data.s3.europe.amazonaws.com | 'europe' is not a valid AWS region",
        "https://acme-data.s3.eu-west-0.amazonaws.com | 'eu-west-0' is not a valid AWS region",
        "https://acme-data.s3-accelerate.amazonaws.com | 'accelerate' is not a valid AWS region",
        "https://acme-data.s3.amazonaws.com/x | The bucket URL must include the bucket's region,"
            + " as in https://<bucket>.s3.<region>.amazonaws.com/<optional key> (the form without a"
            + " region, <bucket>.s3.amazonaws.com, is not accepted)",
        "https://s3.amazonaws.com/acme-data | The bucket URL must include the bucket's region, as"
            + " in https://<bucket>.s3.<region>.amazonaws.com/<optional key> (the form without a"
            + " region, <bucket>.s3.amazonaws.com, is not accepted)",
        "https://s3.eu-west-1.amazonaws.com/ | The bucket URL does not name a bucket. " + SHAPE,
        "https://acme-data.s3-website-eu-west-1.amazonaws.com | This is a static website URL; use"
            + " the bucket's URL https://<bucket>.s3.<region>.amazonaws.com/<optional key>",
        "https://acme-data.s3.eu-west-1.amazonaws.com/a/../b | The key must not contain '.' or '..'"
            + " path segments",
        "https://acme-data.s3.eu-west-1.amazonaws.com/a/%2e%2e/b | The key must not contain '.' or"
            + " '..' path segments",
        "https://acme-data.s3.eu-west-1.amazonaws.com/a%0Ab | The key must not contain control"
            + " characters",
        "https://acme-data.s3.eu-west-1.amazonaws.com/a%zz | The bucket URL contains an invalid"
            + " percent-encoding: '%' must be followed by two hexadecimal digits",
        "https://acme-data.s3.eu-west-1.amazonaws.com/a%4 | The bucket URL contains an invalid"
            + " percent-encoding: '%' must be followed by two hexadecimal digits",
        "https://acme-data.s3.eu-west-1.amazonaws.com/a%C3 | The bucket URL contains a"
            + " percent-encoding that is not valid UTF-8",
      })
  void rejectsWithPreciseMessages(String url, String message) {
    InvalidS3SettingException e =
        assertThrows(InvalidS3SettingException.class, () -> S3LocationParser.aws(url));
    assertEquals(message, e.getMessage());
    assertEquals("bucketUrl", e.field());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void requiresAUrl(String url) {
    InvalidS3SettingException e =
        assertThrows(InvalidS3SettingException.class, () -> S3LocationParser.aws(url));
    assertEquals("The bucket URL is required", e.getMessage());
    assertEquals("bucketUrl", e.field());
  }

  @Test
  void rejectsControlCharacters() {
    InvalidS3SettingException e =
        assertThrows(
            InvalidS3SettingException.class,
            () -> S3LocationParser.aws("https://acme-data.s3.eu-west-1.amazonaws.com/a\tb"));
    assertEquals("The bucket URL must not contain spaces or control characters", e.getMessage());
  }

  @Test
  void rejectsTooLongKey() {
    String url = "https://acme-data.s3.eu-west-1.amazonaws.com/" + "k".repeat(513);
    InvalidS3SettingException e =
        assertThrows(InvalidS3SettingException.class, () -> S3LocationParser.aws(url));
    assertEquals("The key is too long: at most 512 bytes are allowed", e.getMessage());
    assertEquals(
        "k".repeat(512),
        S3LocationParser.aws("https://acme-data.s3.eu-west-1.amazonaws.com/" + "k".repeat(512))
            .keyPrefix());
  }
}
