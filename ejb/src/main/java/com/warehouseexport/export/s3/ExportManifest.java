package com.warehouseexport.export.s3;

import com.warehouseexport.core.csv.CompanyUsageCsv;
import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.schedule.Cadence;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The small JSON document written next to an exported CSV, after it, so that a loader can check
 * that the CSV is complete:
 *
 * <pre>
 * {"schemaVersion":"1","environmentId":12,"cadence":"daily","period":"2026-11-26",
 *  "asOf":"2026-11-27T00:00:00Z","objectKey":"…/company-usage-production-12-2026-11-26.csv",
 *  "rows":1234,"bytes":567890,"sha256":"…","format":"csv","compression":"none",
 *  "contentType":"text/csv; charset=UTF-8","columns":["Company ID",…],
 *  "generatedAt":"2026-11-27T00:15:03Z"}
 * </pre>
 *
 * With the {@code csv.gz} output format the object key ends {@code .csv.gz}, {@code compression} is
 * {@code gzip}, and {@code bytes} and {@code sha256} describe the stored (compressed) bytes. With
 * {@code parquet} the key ends {@code .parquet}, {@code format} is {@code parquet}, {@code
 * compression} {@code zstd} (the pages') and {@code contentType} {@code
 * application/vnd.apache.parquet}; {@code columns} still lists the CSV header names (the Parquet
 * columns are their snake_case forms, docs/schema.md).
 *
 * <p>Instants are ISO-8601 UTC with seconds always present; {@code period} is the ISO date.
 *
 * @param environmentId the exporting environment
 * @param cadence daily or weekly
 * @param period the exported day, or the Sunday ending the exported week
 * @param asOf the snapshot instant
 * @param objectKey the key of the CSV
 * @param rows data rows in the CSV (the header not counted)
 * @param bytes the stored object's size
 * @param sha256 the stored object's lower-case hex SHA-256
 * @param format plain or gzip-compressed CSV, or Parquet
 * @param generatedAt when the export finished
 */
public record ExportManifest(
    long environmentId,
    Cadence cadence,
    LocalDate period,
    Instant asOf,
    String objectKey,
    long rows,
    long bytes,
    String sha256,
    OutputFormat format,
    Instant generatedAt) {

  /**
   * Looked up once: {@code Json.create…} looks the provider up through the service loader on every
   * call, which was 4 % of a small export's batch thread (issue 24 profile).
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  /** The content type of an exported CSV, as recorded in the manifest. */
  public static final String CSV_CONTENT_TYPE = OutputFormat.CSV_CONTENT_TYPE;

  /** The content type of the manifest itself. */
  public static final String CONTENT_TYPE = "application/json";

  public ExportManifest {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(objectKey, "objectKey");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(generatedAt, "generatedAt");
    if (rows < 0 || bytes < 0) {
      throw new IllegalArgumentException("rows and bytes must not be negative");
    }
  }

  /** The manifest of an uploaded CSV. */
  public static ExportManifest of(
      long environmentId,
      Cadence cadence,
      LocalDate period,
      Instant asOf,
      long rows,
      UploadResult upload,
      Instant generatedAt) {
    return of(environmentId, cadence, period, asOf, rows, upload, OutputFormat.CSV, generatedAt);
  }

  /** The manifest of an uploaded object in {@code format}. */
  public static ExportManifest of(
      long environmentId,
      Cadence cadence,
      LocalDate period,
      Instant asOf,
      long rows,
      UploadResult upload,
      OutputFormat format,
      Instant generatedAt) {
    return new ExportManifest(
        environmentId,
        cadence,
        period,
        asOf,
        upload.key(),
        rows,
        upload.bytes(),
        upload.sha256(),
        format,
        generatedAt);
  }

  /** The manifest as a JSON object. */
  public JsonObject toJsonObject() {
    JsonArrayBuilder columns = JSON.createArrayBuilder();
    CompanyUsageCsv.HEADER.forEach(columns::add);
    return JSON.createObjectBuilder()
        .add("schemaVersion", CompanyUsageCsv.SCHEMA_VERSION)
        .add("environmentId", environmentId)
        .add("cadence", cadence.id())
        .add("period", period.toString())
        .add("asOf", DateTimeFormatter.ISO_INSTANT.format(asOf))
        .add("objectKey", objectKey)
        .add("rows", rows)
        .add("bytes", bytes)
        .add("sha256", sha256)
        .add("format", format.id())
        .add("compression", format.compression())
        .add("contentType", format.contentType())
        .add("columns", columns)
        .add("generatedAt", DateTimeFormatter.ISO_INSTANT.format(generatedAt))
        .build();
  }

  /** The manifest as compact JSON text. */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (var writer = JSON.createWriter(out)) {
      writer.writeObject(toJsonObject());
    }
    return out.toString();
  }

  /** {@link #toJson()} in UTF-8, ready for {@link S3Gateway#putSmall}. */
  public byte[] toJsonBytes() {
    return toJson().getBytes(StandardCharsets.UTF_8);
  }
}
