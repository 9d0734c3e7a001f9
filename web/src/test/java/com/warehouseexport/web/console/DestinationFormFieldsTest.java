package com.warehouseexport.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The destination form's fields: what it shows, what it asks for, how it sums up a refusal. */
class DestinationFormFieldsTest {

  @Test
  void eachProviderShowsItsOwnFields() {
    assertEquals(
        Set.of("bucketUrl", "accessKeyId", "secretAccessKey"),
        DestinationFormFields.shown(false, "AWS"));
    assertEquals(
        Set.of("bucket", "region", "key", "accessKeyId", "secretAccessKey"),
        DestinationFormFields.shown(false, "GCP"));
    assertTrue(DestinationFormFields.shown(false, "CUSTOM").contains("endpoint"));
    assertEquals(
        Set.of(
            "pgHost",
            "pgPort",
            "pgDatabase",
            "pgSchema",
            "pgTable",
            "pgUser",
            "pgPassword",
            "pgTlsMode"),
        DestinationFormFields.shown(true, "AWS"));
  }

  @Test
  void theServicesFieldNamesLandOnTheFormsComponents() {
    assertEquals("pgHost", DestinationFormFields.componentOf("host", true));
    assertEquals("pgTlsMode", DestinationFormFields.componentOf("tlsMode", true));
    assertEquals("bucket", DestinationFormFields.componentOf("bucket", false));
    assertEquals("host", DestinationFormFields.componentOf("host", false));
    assertNull(DestinationFormFields.componentOf(null, true));
  }

  @Test
  void aFirstSaveAsksForEveryEmptyRequiredFieldAtOnce() {
    Map<String, String> aws =
        DestinationFormFields.missingForBucket("AWS", false, " ", null, null, null, "");
    assertEquals(List.of("bucketUrl", "accessKeyId", "secretAccessKey"), List.copyOf(aws.keySet()));
    assertTrue(aws.get("bucketUrl").contains("https://my-bucket.s3.eu-west-1.amazonaws.com"));

    Map<String, String> custom =
        DestinationFormFields.missingForBucket("CUSTOM", false, null, "", "", "AKIA", "s");
    assertEquals(List.of("bucket", "endpoint"), List.copyOf(custom.keySet()));

    assertEquals(
        Map.of(), DestinationFormFields.missingForBucket("GCP", false, null, "b", null, "k", "s"));
  }

  @Test
  void savedKeysAndPasswordsMayBeLeftBlank() {
    assertEquals(
        Map.of(), DestinationFormFields.missingForBucket("GCP", true, null, "b", null, null, null));
    assertEquals(
        Map.of(), DestinationFormFields.missingForTable("db", "warehouse", "loader", null, true));
    assertEquals(
        List.of("pgHost", "pgDatabase", "pgUser", "pgPassword"),
        List.copyOf(DestinationFormFields.missingForTable("", null, " ", "", false).keySet()));
  }

  @Test
  void theSummaryNamesTheFieldsToCheckInWords() {
    assertEquals(
        "Not saved: check the bucket URL (see the message at the field).",
        DestinationFormFields.summary("Not saved", List.of("bucketUrl")));
    assertEquals(
        "Connection test failed: check the host, the user and the password (see the message at"
            + " each field).",
        DestinationFormFields.summary(
            "Connection test failed", List.of("pgHost", "pgUser", "pgPassword")));
    assertEquals(
        "Not saved: check the access key ID and the secret access key (see the message at each"
            + " field).",
        DestinationFormFields.summary("Not saved", List.of("accessKeyId", "secretAccessKey")));
  }
}
