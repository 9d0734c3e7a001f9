package com.warehouseexport.web.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of the automatic export's destination form: which ones the form shows for a provider
 * or the PostgreSQL table, which required ones were left empty (all at once: the bucket check needs
 * every one), how the service's field names map to the form's components, and the one summary above
 * Save that names the fields to check. Pure, unit-tested; {@link AutomaticExportView} puts the
 * messages on the page.
 */
final class DestinationFormFields {

  /** The service's field names for a PostgreSQL destination → the form's component ids. */
  private static final Map<String, String> PG_COMPONENTS =
      Map.of(
          "host", "pgHost",
          "port", "pgPort",
          "database", "pgDatabase",
          "schema", "pgSchema",
          "table", "pgTable",
          "user", "pgUser",
          "password", "pgPassword",
          "tlsMode", "pgTlsMode");

  /** The fields of the form that show their own message, and how the summary names them. */
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("bucketUrl", "the bucket URL"),
          Map.entry("bucket", "the bucket"),
          Map.entry("region", "the region"),
          Map.entry("key", "the folder"),
          Map.entry("endpoint", "the endpoint"),
          Map.entry("accessKeyId", "the access key ID"),
          Map.entry("secretAccessKey", "the secret access key"),
          Map.entry("pgHost", "the host"),
          Map.entry("pgPort", "the port"),
          Map.entry("pgDatabase", "the database"),
          Map.entry("pgSchema", "the schema"),
          Map.entry("pgTable", "the table"),
          Map.entry("pgUser", "the user"),
          Map.entry("pgPassword", "the password"),
          Map.entry("pgTlsMode", "the TLS mode"));

  private DestinationFormFields() {}

  /** The form's component for a field the service named, or null when it named none. */
  static String componentOf(String field, boolean postgres) {
    if (field == null) {
      return null;
    }
    return postgres ? PG_COMPONENTS.getOrDefault(field, field) : field;
  }

  /** The fields the form shows for the PostgreSQL table, or for the bucket of {@code provider}. */
  static Set<String> shown(boolean postgres, String provider) {
    if (postgres) {
      return Set.copyOf(PG_COMPONENTS.values());
    }
    return switch (provider == null ? "" : provider) {
      case "AWS" -> Set.of("bucketUrl", "accessKeyId", "secretAccessKey");
      case "CUSTOM" ->
          Set.of("bucket", "region", "key", "endpoint", "accessKeyId", "secretAccessKey");
      default -> Set.of("bucket", "region", "key", "accessKeyId", "secretAccessKey");
    };
  }

  /**
   * The required bucket fields left empty, each with what to enter. The keys are asked for only
   * before the first save ({@code configured}: blank keeps the stored ones).
   */
  static Map<String, String> missingForBucket(
      String provider,
      boolean configured,
      String bucketUrl,
      String bucket,
      String endpoint,
      String accessKeyId,
      String secretAccessKey) {
    Map<String, String> missing = new LinkedHashMap<>();
    if ("AWS".equals(provider)) {
      if (blank(bucketUrl)) {
        missing.put(
            "bucketUrl", "Enter the bucket URL, e.g. https://my-bucket.s3.eu-west-1.amazonaws.com");
      }
    } else {
      if (blank(bucket)) {
        missing.put("bucket", "Enter the bucket name");
      }
      if ("CUSTOM".equals(provider) && blank(endpoint)) {
        missing.put("endpoint", "Enter the endpoint: the URL of the S3-compatible service");
      }
    }
    if (!configured && blank(accessKeyId)) {
      missing.put("accessKeyId", "Enter the access key ID");
    }
    if (!configured && blank(secretAccessKey)) {
      missing.put("secretAccessKey", "Enter the secret access key");
    }
    return missing;
  }

  /**
   * The required PostgreSQL table fields left empty, each with what to enter; the password only
   * when none is stored ({@code passwordSet}: blank keeps it).
   */
  static Map<String, String> missingForTable(
      String host, String database, String user, String password, boolean passwordSet) {
    Map<String, String> missing = new LinkedHashMap<>();
    if (blank(host)) {
      missing.put("pgHost", "Enter the host name or IP address of the PostgreSQL server");
    }
    if (blank(database)) {
      missing.put("pgDatabase", "Enter the database name");
    }
    if (blank(user)) {
      missing.put("pgUser", "Enter the user name");
    }
    if (!passwordSet && blank(password)) {
      missing.put("pgPassword", "Enter the password");
    }
    return missing;
  }

  /**
   * The summary above Save, e.g. "Not saved: check the bucket, the region and the endpoint (see the
   * message at each field)."
   */
  static String summary(String outcome, List<String> fields) {
    List<String> names = new ArrayList<>();
    for (String field : fields) {
      names.add(LABELS.getOrDefault(field, field));
    }
    return outcome
        + ": check "
        + Formats.list(names)
        + (names.size() == 1
            ? " (see the message at the field)."
            : " (see the message at each field).");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
