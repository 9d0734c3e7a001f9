package com.warehouseexport.export.settings;

/**
 * Settings as an admin submits them (API JSON or console form). {@code secretAccessKey} and {@code
 * accessKeyId} null or blank mean "keep the stored one"; {@code format} null means {@code csv}.
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
    String format) {

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
        + "]";
  }
}
