package com.warehouseexport.export.settings;

/**
 * Settings as shown back (API and console): never the secret, only a hint of the access key id.
 * {@code destinationKind} is {@code s3} or {@code postgresql}; {@code postgres} the stored
 * PostgreSQL destination (null when none).
 */
public record SettingsView(
    boolean configured,
    boolean enabled,
    String cadence,
    String provider,
    String bucketUrl,
    String bucket,
    String region,
    String key,
    String endpoint,
    String accessKeyIdHint,
    boolean secretAccessKeySet,
    String format,
    String destinationKind,
    PostgresView postgres) {

  public static SettingsView notConfigured() {
    return new SettingsView(
        false, false, "daily", "AWS", null, null, null, null, null, null, false, "csv", "s3", null);
  }
}
