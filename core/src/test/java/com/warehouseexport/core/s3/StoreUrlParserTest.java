package com.warehouseexport.core.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The export store URL ({@code EXPORT_STORE_URL}). */
class StoreUrlParserTest {

  private static String fails(String url) {
    return assertThrows(IllegalArgumentException.class, () -> StoreUrlParser.parse(url))
        .getMessage();
  }

  @Test
  void customEndpointIsPathStyleWithTheDefaultRegion() {
    assertEquals(
        new S3Location(
            S3Provider.CUSTOM,
            "exports",
            "us-east-1",
            "warehouse/finished",
            URI.create("http://minio:9000"),
            true),
        StoreUrlParser.parse(" s3://exports/warehouse/finished/?endpoint=http://minio:9000 "));
  }

  @Test
  void customEndpointWithRegionAndNoPrefix() {
    S3Location l =
        StoreUrlParser.parse(
            "S3://exports?region=auto&endpoint=https://0123abcd.r2.cloudflarestorage.com/");
    assertEquals(S3Provider.CUSTOM, l.provider());
    assertEquals("exports", l.bucket());
    assertEquals("auto", l.region());
    assertEquals("", l.keyPrefix());
    assertEquals(URI.create("https://0123abcd.r2.cloudflarestorage.com"), l.endpoint());
    assertTrue(l.pathStyle());
  }

  @Test
  void percentEncodedValuesAreDecoded() {
    S3Location l =
        StoreUrlParser.parse("s3://exports/a%20b?endpoint=http%3A%2F%2F127.0.0.1%3A8333");
    assertEquals(URI.create("http://127.0.0.1:8333"), l.endpoint());
    assertEquals("a b", l.keyPrefix());
  }

  @Test
  void awsNeedsARegionAndNoEndpoint() {
    assertEquals(
        new S3Location(S3Provider.AWS, "acme-exports", "eu-west-1", "wh", null, false),
        StoreUrlParser.parse("s3://acme-exports/wh?region=EU-WEST-1"));
    String m = fails("s3://acme-exports/wh");
    assertTrue(m.contains("endpoint parameter") && m.contains("region parameter"), m);
    m = fails("s3://acme-exports?region=moon-1");
    assertTrue(m.contains("region") && m.contains("not a valid AWS region"), m);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void emptyIsRefused(String url) {
    assertTrue(fails(url).contains("empty"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://minio:9000/exports | must start with s3://",
        "exports/prefix | must start with s3://",
        "s3:///prefix?endpoint=http://minio:9000 | names no bucket",
        "s3://?endpoint=http://minio:9000 | names no bucket",
        "s3://minio:9000/exports | must not have a port",
        "s3://Exports?endpoint=http://minio:9000 | bucket is invalid",
        "s3://ex?endpoint=http://minio:9000 | bucket is invalid",
        "s3://exports/a/../b?endpoint=http://minio:9000 | prefix is invalid",
        "s3://exports?endpoint=ftp://minio | endpoint is invalid",
        "s3://exports?endpoint=http://minio:9000/path | endpoint is invalid",
        "s3://exports?endpoint= | endpoint parameter is empty",
        "s3://exports?endpoint=http://a&endpoint=http://b | more than once",
        "s3://exports?endpoint=http://minio:9000&region=us east | spaces",
        "s3://exports?endpoint=http://minio:9000&region=eu/west | region is invalid",
        "s3://exports?endpoint=http://minio:9000&regoin=eu | unknown parameter 'regoin'",
        "s3://exports?endpoint=http://minio:9000#x | fragment",
        "s3://exports/%zz?endpoint=http://minio:9000 | invalid percent-encoding",
      })
  void malformedUrlsSayWhatIsWrong(String url, String expected) {
    String m = fails(url);
    assertTrue(m.contains(expected), m);
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
    String m = fails("s3://AKIAXYZ:very-secret@exports?endpoint=http://minio:9000");
    assertTrue(m.contains("EXPORT_STORE_ACCESS_KEY_ID"), m);
    assertFalse(m.contains("very-secret"), m);
    assertFalse(m.contains("AKIAXYZ"), m);
  }

  @Test
  void unknownParameterValuesAreNotRepeated() {
    String m = fails("s3://exports?endpoint=http://minio:9000&secret=hush");
    assertFalse(m.contains("hush"), m);
  }
}
