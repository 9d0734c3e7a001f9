package com.warehouseexport.export.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3Provider;
import com.warehouseexport.export.s3.S3Credentials;
import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** How the export store is chosen from the environment and system properties. */
class ExportFileStoreProviderTest {

  private static UnaryOperator<String> of(Map<String, String> values) {
    return values::get;
  }

  private static final UnaryOperator<String> NONE = k -> null;

  @Test
  void unsetMeansTheLocalDirectory() {
    assertNull(ExportFileStoreProvider.location(NONE, NONE));
    assertNull(ExportFileStoreProvider.location(of(Map.of("EXPORT_STORE_URL", " ")), NONE));
  }

  @Test
  void theEnvironmentVariableWinsOverTheSystemProperty() {
    S3Location l =
        ExportFileStoreProvider.location(
            of(Map.of("EXPORT_STORE_URL", "s3://env-bucket/p?endpoint=http://minio:9000")),
            of(Map.of("warehouse.export.store-url", "s3://prop-bucket?endpoint=http://x:1")));
    assertEquals(
        new S3Location(
            S3Provider.CUSTOM,
            "env-bucket",
            "us-east-1",
            "p",
            URI.create("http://minio:9000"),
            true),
        l);
    assertEquals(
        "prop-bucket",
        ExportFileStoreProvider.location(
                NONE, of(Map.of("warehouse.export.store-url", "s3://prop-bucket?region=us-east-2")))
            .bucket());
  }

  @Test
  void aMalformedUrlFailsWithAMessageNamingTheVariable() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ExportFileStoreProvider.location(
                    of(Map.of("EXPORT_STORE_URL", "http://minio:9000/exports")), NONE));
    assertTrue(e.getMessage().startsWith("EXPORT_STORE_URL is invalid: "), e.getMessage());
    assertTrue(e.getMessage().contains("s3://"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());

    e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ExportFileStoreProvider.location(
                    NONE, of(Map.of("warehouse.export.store-url", "s3://b"))));
    assertTrue(
        e.getMessage().startsWith("system property warehouse.export.store-url is invalid"),
        e.getMessage());
  }

  @Test
  void credentialsComeFromTheirVariablesAndBothAreRequired() {
    S3Credentials c =
        ExportFileStoreProvider.credentials(
            of(
                Map.of(
                    "EXPORT_STORE_ACCESS_KEY_ID", "AKIA0123456789",
                    "EXPORT_STORE_SECRET_ACCESS_KEY", "s3cr3t-value")));
    assertEquals(new S3Credentials("AKIA0123456789", "s3cr3t-value"), c);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ExportFileStoreProvider.credentials(
                    of(Map.of("EXPORT_STORE_SECRET_ACCESS_KEY", "s3cr3t-value"))));
    assertTrue(e.getMessage().contains("EXPORT_STORE_ACCESS_KEY_ID is not"), e.getMessage());
    e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ExportFileStoreProvider.credentials(
                    of(Map.of("EXPORT_STORE_ACCESS_KEY_ID", "AKIA0123456789"))));
    assertTrue(e.getMessage().contains("EXPORT_STORE_SECRET_ACCESS_KEY is not"), e.getMessage());
    assertFalse(e.getMessage().contains("AKIA0123456789"), e.getMessage());
  }
}
