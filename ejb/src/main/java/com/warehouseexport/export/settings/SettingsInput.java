package com.warehouseexport.export.settings;

/**
 * Settings as an admin submits them (API JSON or console form). {@code secretAccessKey} and {@code
 * accessKeyId} null or blank mean "keep the stored one"; {@code format} null means {@code csv}.
 * {@code postgres} non-null chooses the PostgreSQL table destination (the bucket fields are then
 * ignored and the stored bucket, if any, kept); null chooses the bucket.
 */
public record SettingsInput(
    boolean enabled,
    String cadence,
    String provider,
    String bucketUrl,
    String bucket,
    String region,
    String key,
    String endpoint,
    String accessKeyId,
    String secretAccessKey,
    String format,
    PostgresInput postgres) {

  /** The bucket form (as before the PostgreSQL destination existed). */
  public SettingsInput(
      boolean enabled,
      String cadence,
      String provider,
      String bucketUrl,
      String bucket,
      String region,
      String key,
      String endpoint,
      String accessKeyId,
      String secretAccessKey,
      String format) {
    this(
        enabled,
        cadence,
        provider,
        bucketUrl,
        bucket,
        region,
        key,
        endpoint,
        accessKeyId,
        secretAccessKey,
        format,
        null);
  }

  @Override
  public String toString() {
    return "SettingsInput[enabled="
        + enabled
        + ", cadence="
        + cadence
        + ", provider="
        + provider
        + ", bucketUrl="
        + bucketUrl
        + ", bucket="
        + bucket
        + ", region="
        + region
        + ", key="
        + key
        + ", endpoint="
        + endpoint
        + ", accessKeyId=***, secretAccessKey=***, format="
        + format
        + ", postgres="
        + postgres
        + "]";
  }
}
