package com.warehouseexport.export.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Automatic export settings of one environment. The access key id and secret are stored only as
 * AES-256-GCM tokens (see {@link MasterKeys}); nothing here ever holds them in clear.
 */
@Entity
@Table(name = "export_settings")
public class ExportSettings {

  @Id
  @Column(name = "environment_id")
  private Long environmentId;

  @Column(nullable = false)
  private boolean enabled;

  @Column(nullable = false, length = 10)
  private String cadence;

  @Column(nullable = false, length = 10)
  private String provider;

  @Column(name = "bucket_url", length = 1000)
  private String bucketUrl;

  @Column(nullable = false, length = 255)
  private String bucket;

  @Column(nullable = false, length = 64)
  private String region;

  @Column(name = "key_prefix", nullable = false, length = 600)
  private String keyPrefix;

  @Column(length = 1000)
  private String endpoint;

  @Column(name = "access_key_id_enc", nullable = false, length = 2000)
  private String accessKeyIdEncrypted;

  @Column(name = "secret_access_key_enc", nullable = false, length = 2000)
  private String secretAccessKeyEncrypted;

  @Column(name = "access_key_id_hint", nullable = false, length = 20)
  private String accessKeyIdHint;

  @Column(name = "object_slug", nullable = false, length = 100)
  private String objectSlug;

  @Column(name = "first_period", nullable = false)
  private int firstPeriod;

  @Column(name = "output_format", nullable = false, length = 8)
  private String outputFormat = "csv";

  @Column(name = "updated_at", nullable = false)
  private long updatedAt;

  @Column(name = "updated_by", length = 100)
  private String updatedBy;

  protected ExportSettings() {}

  public ExportSettings(long environmentId, String objectSlug, LocalDate firstPeriod) {
    this.environmentId = environmentId;
    this.objectSlug = objectSlug;
    this.firstPeriod = (int) firstPeriod.toEpochDay();
  }

  /** Replaces the destination; secrets are passed already encrypted. */
  public void update(
      boolean enabled,
      String cadence,
      String provider,
      String bucketUrl,
      String bucket,
      String region,
      String keyPrefix,
      String endpoint,
      Instant at,
      String by) {
    this.enabled = enabled;
    this.cadence = cadence;
    this.provider = provider;
    this.bucketUrl = bucketUrl;
    this.bucket = bucket;
    this.region = region;
    this.keyPrefix = keyPrefix;
    this.endpoint = endpoint;
    this.updatedAt = at.toEpochMilli();
    this.updatedBy = by;
  }

  public void replaceCredentials(String accessKeyIdEncrypted, String secretEncrypted, String hint) {
    this.accessKeyIdEncrypted = accessKeyIdEncrypted;
    this.secretAccessKeyEncrypted = secretEncrypted;
    this.accessKeyIdHint = hint;
  }

  /** {@code csv} or {@code csv.gz}. */
  public String getOutputFormat() {
    return outputFormat == null ? "csv" : outputFormat;
  }

  public void changeOutputFormat(String outputFormat) {
    this.outputFormat = outputFormat;
  }

  public void startPeriodsFrom(LocalDate firstPeriod) {
    this.firstPeriod = (int) firstPeriod.toEpochDay();
  }

  public Long getEnvironmentId() {
    return environmentId;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public String getCadence() {
    return cadence;
  }

  public String getProvider() {
    return provider;
  }

  public String getBucketUrl() {
    return bucketUrl;
  }

  public String getBucket() {
    return bucket;
  }

  public String getRegion() {
    return region;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public String getAccessKeyIdEncrypted() {
    return accessKeyIdEncrypted;
  }

  public String getSecretAccessKeyEncrypted() {
    return secretAccessKeyEncrypted;
  }

  public String getAccessKeyIdHint() {
    return accessKeyIdHint;
  }

  public String getObjectSlug() {
    return objectSlug;
  }

  public LocalDate getFirstPeriod() {
    return LocalDate.ofEpochDay(firstPeriod);
  }

  public Instant getUpdatedAt() {
    return Instant.ofEpochMilli(updatedAt);
  }

  public String getUpdatedBy() {
    return updatedBy;
  }
}
