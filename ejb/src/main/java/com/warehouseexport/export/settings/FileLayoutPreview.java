package com.warehouseexport.export.settings;

import com.warehouseexport.core.csv.OutputFormat;
import com.warehouseexport.core.s3.InvalidS3SettingException;
import com.warehouseexport.core.s3.ObjectKeys;
import com.warehouseexport.core.s3.S3Location;
import com.warehouseexport.core.s3.S3LocationParser;
import com.warehouseexport.core.schedule.Cadence;
import java.time.LocalDate;

/**
 * The file layout shown next to the settings form (PRODUCT.md §12): where a period's file will
 * land, built by the real key builder ({@link ObjectKeys#dataKey}) from the form's current prefix,
 * schedule and format, with the date written as {@code YYYY-MM-DD}, e.g. {@code
 * s3://my-bucket/exports/company-usage/daily/date=YYYY-MM-DD/company-usage-production-12-YYYY-MM-DD.csv}.
 * Pure; never throws for what an admin may type.
 */
public final class FileLayoutPreview {

  /** A Sunday, valid for both cadences; replaced by {@link #DATE} in the preview. */
  static final LocalDate SAMPLE = LocalDate.of(1999, 12, 26);

  /** How the date is shown. */
  public static final String DATE = "YYYY-MM-DD";

  private FileLayoutPreview() {}

  /**
   * @param bucket the bucket, or null/blank when not known yet (the key is shown with {@code …/})
   * @param keyPrefix the folder prefix as typed (slashes around it are ignored), or null
   * @param cadence {@code daily} or {@code weekly} (anything else: daily)
   * @param format {@code csv}, {@code csv.gz} or {@code parquet} (anything else: csv)
   * @param slug the environment's slug in file names
   */
  public static String of(
      String bucket, String keyPrefix, String cadence, String format, String slug) {
    Cadence c;
    try {
      c = Cadence.fromId(cadence);
    } catch (IllegalArgumentException | NullPointerException e) {
      c = Cadence.DAILY;
    }
    OutputFormat f;
    try {
      f = OutputFormat.fromId(format);
    } catch (IllegalArgumentException e) {
      f = OutputFormat.CSV;
    }
    String prefix = keyPrefix == null ? "" : keyPrefix.strip();
    while (prefix.startsWith("/")) {
      prefix = prefix.substring(1);
    }
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    String key;
    try {
      key = ObjectKeys.dataKey(prefix, slug, c, SAMPLE, f).replace(SAMPLE.toString(), DATE);
    } catch (IllegalArgumentException e) {
      key = ObjectKeys.dataKey("", slug, c, SAMPLE, f).replace(SAMPLE.toString(), DATE);
    }
    boolean knownBucket = bucket != null && !bucket.isBlank();
    return knownBucket ? "s3://" + bucket.strip() + "/" + key : "…/" + key;
  }

  /** As {@link #of}, with bucket and prefix taken from an AWS bucket URL (if it parses). */
  public static String ofAwsUrl(String bucketUrl, String cadence, String format, String slug) {
    try {
      S3Location location = S3LocationParser.aws(bucketUrl);
      return of(location.bucket(), location.keyPrefix(), cadence, format, slug);
    } catch (InvalidS3SettingException | IllegalArgumentException | NullPointerException e) {
      return of(null, null, cadence, format, slug);
    }
  }
}
