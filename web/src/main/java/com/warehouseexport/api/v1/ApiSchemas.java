package com.warehouseexport.api.v1;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Shapes of the JSON bodies for the OpenAPI document only: the resources read and write JSON-P
 * objects, which the generator cannot describe, so operations point at these classes with
 * {@code @Schema(implementation = …)}. Never instantiated.
 */
public final class ApiSchemas {

  private ApiSchemas() {}

  @Schema(name = "ExportStart", description = "Start a manual export (a download)")
  public static final class ExportStart {
    @Schema(
        required = true,
        enumeration = {"snapshot", "30-days-daily", "3-months-weekly", "6-months-weekly"})
    public String aggregation;

    @Schema(
        format = "date-time",
        description = "Operators only: export as of this instant (2000-01-01 … now)")
    public String asOf;

    @Schema(description = "Prefix formula-like cells with ' (default false)")
    public Boolean spreadsheetSafe;
  }

  @Schema(name = "ExportStarted", description = "An export was started (202, Location: its status)")
  public static final class ExportStarted {
    public long executionId;

    @Schema(enumeration = "STARTING")
    public String status;

    public String statusUrl;
  }

  @Schema(name = "ExportStatus", description = "One export execution (a JBeret job execution)")
  public static final class ExportStatus {
    public long executionId;
    public long environmentId;
    public String aggregation;

    @Schema(format = "date-time", nullable = true)
    public String asOf;

    @Schema(
        enumeration = {
          "STARTING",
          "STARTED",
          "STOPPING",
          "STOPPED",
          "FAILED",
          "COMPLETED",
          "ABANDONED"
        })
    public String status;

    public long rowsWritten;
    public long bytes;

    @Schema(description = "Percent of companies done, 0–100")
    public int progress;

    @Schema(nullable = true)
    public String error;

    @Schema(format = "date-time", nullable = true)
    public String startedAt;

    @Schema(format = "date-time", nullable = true)
    public String endedAt;

    @Schema(
        enumeration = {"download", "s3", "postgresql"},
        nullable = true)
    public String destination;

    @Schema(format = "date", nullable = true, description = "Automatic exports: the period")
    public String period;

    @Schema(nullable = true)
    public String requestedBy;

    @Schema(nullable = true, description = "The node that ran it")
    public String node;

    @Schema(description = "Completed downloads: where to get the CSV")
    public String csvUrl;
  }

  @Schema(name = "ExportSettings", description = "Automatic export settings of an environment")
  public static final class ExportSettings {
    public boolean enabled;

    @Schema(enumeration = {"daily", "weekly"})
    public String cadence;

    @Schema(enumeration = {"AWS", "GCP", "CUSTOM"})
    public String provider;

    @Schema(description = "AWS: https://<bucket>.s3.<region>.amazonaws.com/<prefix>")
    public String bucketUrl;

    public String bucket;
    public String region;
    public String key;

    @Schema(description = "CUSTOM: the S3-compatible endpoint (https://, or an allow-listed host)")
    public String endpoint;

    @Schema(writeOnly = true, description = "Write-only; omitted = keep the stored one")
    public String accessKeyId;

    @Schema(writeOnly = true, description = "Write-only, never returned; omitted = keep")
    public String secretAccessKey;

    @Schema(readOnly = true)
    public boolean configured;

    @Schema(readOnly = true)
    public boolean secretAccessKeySet;

    @Schema(readOnly = true, description = "The first characters of the stored access key id")
    public String accessKeyIdHint;

    @Schema(
        readOnly = true,
        nullable = true,
        description =
            "PUT answers only: what the write probe proved (null when switched off); a warning"
                + " still saved",
        implementation = DestinationActionsResource.DestinationCheckSchema.class)
    public Object check;

    @Schema(
        description =
            "Where automatic exports go. Absent or {\"kind\":\"s3\"}: the bucket of the"
                + " top-level fields. {\"kind\":\"postgresql\", …}: a PostgreSQL table"
                + " (Enterprise); the bucket fields are then ignored and a stored bucket is kept.")
    public PostgresDestination destination;
  }

  @Schema(
      name = "PostgresDestination",
      description =
          "A PostgreSQL table destination (docs/schema.md). Answers carry kind, host, port,"
              + " database, schema, table, user, passwordSet and tlsMode; never the password.")
  public static final class PostgresDestination {
    @Schema(enumeration = {"s3", "postgresql"})
    public String kind;

    @Schema(description = "DNS name or IP address; the SSRF guard applies")
    public String host;

    @Schema(description = "Default 5432")
    public Integer port;

    public String database;

    @Schema(description = "Default public")
    public String schema;

    @Schema(description = "Default company_usage; created on the first delivery")
    public String table;

    public String user;

    @Schema(
        writeOnly = true,
        description =
            "Write-only, never returned; omitted = keep the stored one (same host and user only)")
    public String password;

    @Schema(readOnly = true)
    public Boolean passwordSet;

    @Schema(
        enumeration = {"require", "disable"},
        description = "Default require; disable only for hosts on POSTGRES_TLS_DISABLE_ALLOWLIST")
    public String tlsMode;
  }

  @Schema(name = "ConnectionTest", description = "A successful Test connection")
  public static final class ConnectionTest {
    public boolean ok;
    public String message;
  }

  @Schema(name = "ExportSettingsStatus", description = "State of the automatic export")
  public static final class ExportSettingsStatus {
    @Schema(enumeration = {"never ran before", "successful", "failed", "paused"})
    public String status;

    public boolean running;

    @Schema(format = "date-time", nullable = true)
    public String lastRunAt;

    @Schema(format = "date-time", nullable = true)
    public String nextRunAt;

    @Schema(nullable = true)
    public String error;

    @Schema(nullable = true, description = "Periods waiting for a retry, and the next attempt")
    public Object retry;

    @Schema(description = "Periods failed for good (ISO dates)")
    public String[] failedPeriods;

    @Schema(description = "Periods that fell out of the look-back window (ISO dates)")
    public String[] missedPeriods;

    @Schema(
        description =
            "A period is queued or starting, or a retry is pending: the status changes by itself"
                + " soon (poll again)")
    public boolean pending;

    @Schema(
        enumeration = {"s3", "postgresql"},
        description = "The destination this status is of (?destination=, default: saved last)")
    public String destination;
  }

  @Schema(name = "ExportCalendar", description = "Delivery calendar of the automatic export")
  public static final class ExportCalendar {
    @Schema(
        enumeration = {"daily", "weekly"},
        nullable = true)
    public String schedule;

    @Schema(description = "One cell per period, oldest first")
    public CalendarCell[] cells;
  }

  @Schema(name = "CalendarCell", description = "One period of the delivery calendar")
  public static final class CalendarCell {
    @Schema(format = "date", description = "The day, or the Sunday ending the Mon–Sun week")
    public String period;

    @Schema(
        enumeration = {
          "landed",
          "exporting",
          "queued",
          "retrying",
          "failed",
          "missed",
          "paused",
          "not-due",
          "not-exported"
        })
    public String state;

    @Schema(description = "The state in words")
    public String label;

    @Schema(nullable = true, description = "The period's latest execution")
    public Long executionId;

    public int attempts;

    @Schema(nullable = true, description = "Error of the latest attempt (retrying, failed)")
    public String error;
  }

  @Schema(name = "BackfillRequest", description = "Backfill a date range")
  public static final class BackfillRequest {
    @Schema(required = true, format = "date")
    public String from;

    @Schema(
        format = "date",
        description =
            "Last day of the range. Without it (deprecated): answered as POST"
                + " …/export-settings/catch-up")
    public String to;
  }

  @Schema(name = "CatchUpRequest", description = "Operators: export missed periods from a date on")
  public static final class CatchUpRequest {
    @Schema(
        required = true,
        format = "date",
        description = "The first period to export (bounded by the look-back window)")
    public String from;
  }

  @Schema(name = "BackfillPreview", description = "What a backfill of a range does")
  public static final class BackfillPreview {
    @Schema(enumeration = {"daily", "weekly"})
    public String schedule;

    @Schema(description = "Every period of the range: {period, action, label}")
    public Object[] periods;

    @Schema(description = "The periods that are (or would be) exported (ISO dates)")
    public String[] toExport;

    @Schema(description = "After a start: {period, executionId (null: queued for the next tick)}")
    public Object[] started;
  }

  @Schema(name = "TokenCreate", description = "Create a personal API token")
  public static final class TokenCreate {
    @Schema(required = true)
    public String name;

    @Schema(format = "date-time", nullable = true)
    public String expiresAt;
  }

  @Schema(name = "TokenCreated", description = "The new token; secret is shown only this once")
  public static final class TokenCreated {
    public long id;
    public String name;

    @Schema(description = "wxp_…: send as Authorization: Bearer")
    public String secret;

    public String hint;

    @Schema(format = "date-time")
    public String createdAt;

    @Schema(format = "date-time", nullable = true)
    public String expiresAt;
  }

  @Schema(
      name = "TrackingItem",
      description =
          "A tracking call: company, user, event or feedback (bulk: an array of items with \"type\")")
  public static final class TrackingItem {
    @Schema(
        enumeration = {"company", "user", "event", "feedback"},
        description = "Bulk only")
    public String type;

    @Schema(description = "company: required; user, event, feedback: optional")
    public String companyId;

    @Schema(description = "user, event, feedback: required; company: optional")
    public String userId;

    @Schema(description = "event: the feature's event key")
    public String event;

    @Schema(description = "feedback: the feature's key")
    public String featureKey;

    @Schema(description = "feedback: the satisfaction score")
    public Integer score;

    @Schema(description = "feedback: free text (tab, CR, LF allowed)")
    public String comment;

    @Schema(format = "date-time", description = "1970-01-01 … now + 24 h; default now")
    public String timestamp;

    public Object attributes;

    @Schema(
        maxLength = 200,
        description =
            "Optional, any item: the same id on a re-sent item makes it a duplicate, accepted and"
                + " ignored (kept as long as raw events, RAW_EVENT_RETENTION)")
    public String messageId;
  }

  @Schema(
      name = "BulkResult",
      description =
          "Per item: accepted, duplicate (a messageId already stored: accepted, not stored again),"
              + " or rejected with the reason")
  public static final class BulkResult {
    public int accepted;
    public int duplicates;
    public int rejected;
    public Object[] results;
  }
}
