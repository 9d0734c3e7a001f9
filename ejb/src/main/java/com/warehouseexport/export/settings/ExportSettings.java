package com.warehouseexport.export.settings;

import com.warehouseexport.core.schedule.Cadence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Automatic export settings of one environment: its bucket and its PostgreSQL table (PRODUCT.md
 * §11: one destination of each kind), each with its own switch, cadence and first period. The
 * access key id, the secret and the table's password are stored only as AES-256-GCM tokens (see
 * {@link MasterKeys}); nothing here ever holds them in clear.
 */
@Entity
@Table(name = "export_settings")
public class ExportSettings {

  @Id
  @Column(name = "environment_id")
  private Long environmentId;

  /** Automatic export to the bucket is on. */
  @Column(nullable = false)
  private boolean enabled;

  @Column(nullable = false, length = 10)
  private String cadence;

  @Column(length = 10)
  private String provider;

  @Column(name = "bucket_url", length = 1000)
  private String bucketUrl;

  @Column(length = 255)
  private String bucket;

  @Column(length = 64)
  private String region;

  @Column(name = "key_prefix", length = 600)
  private String keyPrefix;

  @Column(length = 1000)
  private String endpoint;

  @Column(name = "access_key_id_enc", length = 2000)
  private String accessKeyIdEncrypted;

  @Column(name = "secret_access_key_enc", length = 2000)
  private String secretAccessKeyEncrypted;

  @Column(name = "access_key_id_hint", length = 20)
  private String accessKeyIdHint;

  @Column(name = "object_slug", nullable = false, length = 100)
  private String objectSlug;

  @Column(name = "first_period", nullable = false)
  private int firstPeriod;

  @Column(name = "output_format", nullable = false, length = 8)
  private String outputFormat = "csv";

  /** {@code s3} or {@code postgresql}: the kind saved last (the console's and API's default). */
  @Column(name = "destination_kind", nullable = false, length = 16)
  private String destinationKind = "s3";

  @Column(name = "pg_host", length = 255)
  private String pgHost;

  @Column(name = "pg_port")
  private Integer pgPort;

  @Column(name = "pg_database", length = 100)
  private String pgDatabase;

  @Column(name = "pg_schema", length = 100)
  private String pgSchema;

  @Column(name = "pg_table", length = 100)
  private String pgTable;

  @Column(name = "pg_user", length = 100)
  private String pgUser;

  /** AES-256-GCM token, like the S3 secret; never in clear. */
  @Column(name = "pg_password_enc", length = 2000)
  private String pgPasswordEncrypted;

  @Column(name = "pg_tls_mode", length = 10)
  private String pgTlsMode;

  /** Automatic export to the table is on (V18). */
  @Column(name = "pg_enabled", nullable = false)
  private boolean pgEnabled;

  @Column(name = "pg_cadence", length = 10)
  private String pgCadence;

  @Column(name = "pg_first_period")
  private Integer pgFirstPeriod;

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

  /** {@code s3} (also for rows written before V16) or {@code postgresql}. */
  public String getDestinationKind() {
    return destinationKind == null ? "s3" : destinationKind;
  }

  /** The bucket was saved last (its settings are set by {@link #update}). */
  public void useBucket(Instant at, String by) {
    this.destinationKind = "s3";
    this.updatedAt = at.toEpochMilli();
    this.updatedBy = by;
  }

  /**
   * Saves the PostgreSQL table destination, switched on or off with its own cadence; the bucket, if
   * any, is untouched. The password is passed already encrypted.
   */
  public void usePostgres(
      boolean enabled,
      String cadence,
      String host,
      int port,
      String database,
      String schema,
      String table,
      String user,
      String passwordEncrypted,
      String tlsMode,
      Instant at,
      String by) {
    this.destinationKind = "postgresql";
    this.pgEnabled = enabled;
    this.pgCadence = cadence;
    if (this.cadence == null) { // a table-only environment (the bucket's column is required)
      this.cadence = cadence;
    }
    this.pgHost = host;
    this.pgPort = port;
    this.pgDatabase = database;
    this.pgSchema = schema;
    this.pgTable = table;
    this.pgUser = user;
    this.pgPasswordEncrypted = passwordEncrypted;
    this.pgTlsMode = tlsMode;
    this.updatedAt = at.toEpochMilli();
    this.updatedBy = by;
  }

  /** Switches automatic export to the destination of {@code kind} off, keeping its settings. */
  public void disable(String kind, Instant at, String by) {
    if (POSTGRESQL.equals(kind)) {
      this.pgEnabled = false;
    } else {
      this.enabled = false;
    }
    this.updatedAt = at.toEpochMilli();
    this.updatedBy = by;
  }

  private static final String S3 = "s3";
  private static final String POSTGRESQL = "postgresql";

  /**
   * The schedule of the destination of {@code kind} ({@code s3} or {@code postgresql}); empty when
   * that kind was never saved.
   */
  public Optional<DestinationSchedule> schedule(String kind) {
    if (S3.equals(kind) && hasBucket()) {
      return Optional.of(
          new DestinationSchedule(S3, enabled, Cadence.fromId(cadence), getFirstPeriod()));
    }
    if (POSTGRESQL.equals(kind) && pgHost != null) {
      return Optional.of(
          new DestinationSchedule(
              POSTGRESQL,
              pgEnabled,
              Cadence.fromId(pgCadence == null ? cadence : pgCadence),
              pgFirstPeriod == null ? getFirstPeriod() : LocalDate.ofEpochDay(pgFirstPeriod)));
    }
    return Optional.empty();
  }

  /** The schedules of the destinations saved, the bucket first. */
  public List<DestinationSchedule> schedules() {
    List<DestinationSchedule> all = new ArrayList<>(2);
    schedule(S3).ifPresent(all::add);
    schedule(POSTGRESQL).ifPresent(all::add);
    return all;
  }

  /** Whether automatic export to the destination of {@code kind} is on. */
  public boolean isEnabled(String kind) {
    return schedule(kind).map(DestinationSchedule::enabled).orElse(false);
  }

  /** Whether automatic export to any destination is on. */
  public boolean anyEnabled() {
    return schedules().stream().anyMatch(DestinationSchedule::enabled);
  }

  /** After a master key rotation. */
  public void replacePostgresPassword(String passwordEncrypted) {
    this.pgPasswordEncrypted = passwordEncrypted;
  }

  /** Whether a bucket was ever saved (a PostgreSQL-only environment has none). */
  public boolean hasBucket() {
    return bucket != null;
  }

  public String getPgHost() {
    return pgHost;
  }

  public Integer getPgPort() {
    return pgPort;
  }

  public String getPgDatabase() {
    return pgDatabase;
  }

  public String getPgSchema() {
    return pgSchema;
  }

  public String getPgTable() {
    return pgTable;
  }

  public String getPgUser() {
    return pgUser;
  }

  public String getPgPasswordEncrypted() {
    return pgPasswordEncrypted;
  }

  public String getPgTlsMode() {
    return pgTlsMode;
  }

  /** The destination of {@code kind} exports periods from {@code firstPeriod} on. */
  public void startPeriodsFrom(String kind, LocalDate firstPeriod) {
    if (POSTGRESQL.equals(kind)) {
      this.pgFirstPeriod = (int) firstPeriod.toEpochDay();
    } else {
      this.firstPeriod = (int) firstPeriod.toEpochDay();
    }
  }

  public Long getEnvironmentId() {
    return environmentId;
  }

  /** Whether automatic export to the bucket is on (see {@link #isEnabled(String)}). */
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

  /** The bucket's first period (see {@link #schedule}). */
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
