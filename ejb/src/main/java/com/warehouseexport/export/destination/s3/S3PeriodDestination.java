package com.warehouseexport.export.destination.s3;

import com.warehouseexport.core.csv.GzipCompressingInputStream;
import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.parquet.CsvToParquet;
import com.warehouseexport.core.parquet.ParquetCompression;
import com.warehouseexport.core.s3.ObjectKeys;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.PeriodId;
import com.warehouseexport.export.PublishedExport;
import com.warehouseexport.export.destination.DeliveryFailedException;
import com.warehouseexport.export.destination.DestinationCheck;
import com.warehouseexport.export.destination.DestinationSettings;
import com.warehouseexport.export.destination.FinishedPeriod;
import com.warehouseexport.export.destination.PeriodDestination;
import com.warehouseexport.export.s3.ExportManifest;
import com.warehouseexport.export.s3.S3AccessException;
import com.warehouseexport.export.s3.S3Gateway;
import com.warehouseexport.export.s3.UploadResult;
import com.warehouseexport.export.s3.WriteProbe;
import com.warehouseexport.export.settings.ExportDestination;
import com.warehouseexport.export.settings.ExportSettings;
import com.warehouseexport.export.settings.ExportSettingsService;
import com.warehouseexport.export.settings.SettingsRejectedException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The customer's S3-compatible bucket. A period is streamed to it as a multipart upload (aborted on
 * failure, so no partial object is ever visible) under its deterministic key — a re-run replaces
 * the object — compressed on the fly when the format says so (csv.gz), or written as Parquet from
 * the finished CSV first (parquet) — and its manifest is written last.
 */
@ApplicationScoped
public class S3PeriodDestination implements PeriodDestination {

  @EJB private ExportSettingsService settings;
  @EJB private BucketAccess bucketAccess;

  public S3PeriodDestination() {}

  /** With these settings and bucket access (tests). */
  S3PeriodDestination(ExportSettingsService settings, BucketAccess bucketAccess) {
    this.settings = settings;
    this.bucketAccess = bucketAccess;
  }

  @Override
  public String kind() {
    return ExportJob.DESTINATION_S3;
  }

  @Override
  public void validate(DestinationSettings destination) {
    ExportDestination bucket = (ExportDestination) destination;
    bucketAccess.validate(bucket.location(), bucket.credentials());
  }

  /** The write probe with the settings to save; throws when it could not write. */
  @Override
  public DestinationCheck check(DestinationSettings destination) {
    ExportDestination bucket = (ExportDestination) destination;
    WriteProbe.Report report = bucketAccess.probe(bucket.location(), bucket.credentials());
    if (!report.written()) {
      throw new SettingsRejectedException(report.field(), report.message());
    }
    return check(report);
  }

  /** The write probe with the saved settings. */
  @Override
  public DestinationCheck sendTestFile(long environmentId) {
    ExportDestination target = settings.destination(environmentId);
    return check(bucketAccess.probe(target.location(), target.credentials()));
  }

  static DestinationCheck check(WriteProbe.Report report) {
    return new DestinationCheck(
        report.level().id(),
        report.step() == null ? null : report.step().name().toLowerCase(java.util.Locale.ROOT),
        report.field(),
        report.message());
  }

  @Override
  public PublishedExport deliver(FinishedPeriod period)
      throws DeliveryFailedException, IOException {
    PeriodId id = period.id();
    ExportDestination target = settings.destination(id.environmentId());
    String prefix = target.location().keyPrefix();
    OutputFormat format = target.format();
    String dataKey =
        ObjectKeys.dataKey(prefix, target.objectSlug(), id.cadence(), id.period(), format);
    String manifestKey =
        ObjectKeys.manifestKey(prefix, target.objectSlug(), id.cadence(), id.period());
    Path parquet = format.parquet() ? parquetFile(period) : null;
    try (S3Gateway gateway = bucketAccess.open(target);
        InputStream in = stored(parquet != null ? parquet : period.file(), format)) {
      UploadResult uploaded = gateway.upload(dataKey, in, format.contentType());
      ExportManifest manifest =
          ExportManifest.of(
              id.environmentId(),
              id.cadence(),
              id.period(),
              period.asOf(),
              period.rows(),
              uploaded,
              format,
              Instant.now());
      gateway.putSmall(manifestKey, manifest.toJsonBytes(), ExportManifest.CONTENT_TYPE);
      return new PublishedExport(
          period.rows(), uploaded.bytes(), uploaded.sha256(), dataKey, manifestKey);
    } catch (S3AccessException e) {
      throw new DeliveryFailedException("Uploading to the bucket failed: " + e.getMessage(), e);
    } finally {
      if (parquet != null) {
        Files.deleteIfExists(parquet);
      }
    }
  }

  /**
   * The period's Parquet file, written from its finished CSV part file next to it (a temp file,
   * deleted after the upload). A Parquet file cannot be appended to, so it is always written whole
   * from the checkpointed CSV: a delivery that fails half-way writes it again (docs/parquet.md).
   */
  private static Path parquetFile(FinishedPeriod period) throws IOException {
    Path csv = period.file();
    Path parquet = csv.resolveSibling(csv.getFileName() + ".parquet.tmp");
    boolean done = false;
    try {
      long rows = CsvToParquet.convert(csv, parquet, ParquetCompression.ZSTD);
      if (rows != period.rows()) {
        throw new IOException(
            "the export file holds " + rows + " rows, its job counted " + period.rows());
      }
      done = true;
      return parquet;
    } finally {
      if (!done) {
        Files.deleteIfExists(parquet);
      }
    }
  }

  @Override
  public String describe(PeriodId id) {
    ExportSettings s = settings.settings(id.environmentId()).orElse(null);
    if (s == null || !s.hasBucket()) {
      return "s3 (no bucket configured for environment " + id.environmentId() + ")";
    }
    S3Location location = ExportSettingsService.storedLocation(s);
    return "s3://"
        + location.bucket()
        + "/"
        + ObjectKeys.dataKey(
            location.keyPrefix(),
            s.getObjectSlug(),
            id.cadence(),
            id.period(),
            OutputFormat.fromId(s.getOutputFormat()));
  }

  /**
   * The bytes to upload: the file as it is, or compressed on the fly while the multipart upload
   * pulls from it (memory stays at a buffer or two, whatever the size).
   */
  private static InputStream stored(Path file, OutputFormat format) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return format.compressed() ? new GzipCompressingInputStream(in) : in;
  }
}
