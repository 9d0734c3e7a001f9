package com.warehouseexport.export.settings;

/**
 * Settings as shown back (API and console): never the secret, only a hint of the access key id.
 * {@code destinationKind} is the kind saved last ({@code s3} or {@code postgresql}), whose switch
 * and cadence {@code enabled} and {@code cadence} are; {@code postgres} the stored PostgreSQL
 * destination (null when none); {@code destinations} the schedule of each destination saved (the
 * bucket first).
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
    PostgresView postgres,
    java.util.List<DestinationSchedule> destinations) {

  public static SettingsView notConfigured() {
    return new SettingsView(
        false,
        false,
        "daily",
        "AWS",
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        "csv",
        "s3",
        null,
        java.util.List.of());
  }

  /** The schedule of the destination of {@code kind}, if it was saved. */
  public java.util.Optional<DestinationSchedule> destination(String kind) {
    return destinations.stream().filter(d -> d.kind().equals(kind)).findFirst();
  }
}
