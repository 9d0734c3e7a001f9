package com.warehouseexport.core.csv;

import java.util.Locale;

/**
 * How an export is stored (PRODUCT.md §5, §11): plain CSV, gzip-compressed CSV, or Parquet. A CSV
 * object's content type is {@code text/csv} either way and no {@code Content-Encoding} is set, so a
 * loader gets the stored bytes as they are; the key's extension and the manifest's {@code format}
 * and {@code compression} say which. A Parquet file is made from the finished CSV part file ({@code
 * com.warehouseexport.core.parquet.CsvToParquet}, docs/parquet.md).
 */
public enum OutputFormat {
  /** Plain CSV, key ending {@code .csv} (the default). */
  CSV("csv", ".csv", "none"),
  /** gzip-compressed CSV, key ending {@code .csv.gz}. */
  CSV_GZ("csv.gz", ".csv.gz", "gzip"),
  /** Parquet with zstd-compressed pages, key ending {@code .parquet}. */
  PARQUET("parquet", ".parquet", "zstd");

  /** The content type of a stored CSV or csv.gz object. */
  public static final String CSV_CONTENT_TYPE = "text/csv; charset=UTF-8";

  /** The content type of a Parquet file (IANA registration of 2024). */
  public static final String PARQUET_CONTENT_TYPE = "application/vnd.apache.parquet";

  private final String id;
  private final String extension;
  private final String compression;

  OutputFormat(String id, String extension, String compression) {
    this.id = id;
    this.extension = extension;
    this.compression = compression;
  }

  /**
   * The id used in settings, the API and manifests: {@code csv}, {@code csv.gz} or {@code parquet}.
   */
  public String id() {
    return id;
  }

  /** The file extension, with its dot. */
  public String extension() {
    return extension;
  }

  /** The manifest's {@code compression}: {@code none}, {@code gzip} or {@code zstd}. */
  public String compression() {
    return compression;
  }

  /** True for the gzip-compressed CSV (compressed as a whole stream while it is stored). */
  public boolean compressed() {
    return this == CSV_GZ;
  }

  /** True for Parquet (written from the finished CSV part file). */
  public boolean parquet() {
    return this == PARQUET;
  }

  /** The content type of the stored object (the gzip variant is stored as {@code text/csv}). */
  public String contentType() {
    return this == PARQUET ? PARQUET_CONTENT_TYPE : CSV_CONTENT_TYPE;
  }

  /**
   * The format named by {@code id} ({@code csv}, {@code csv.gz}, {@code parquet}; {@code gzip} and
   * {@code gz} are accepted for {@code csv.gz}); null or blank means {@link #CSV}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static OutputFormat fromId(String id) {
    if (id == null || id.isBlank()) {
      return CSV;
    }
    switch (id.strip().toLowerCase(Locale.ROOT)) {
      case "csv":
        return CSV;
      case "csv.gz":
      case "gzip":
      case "gz":
        return CSV_GZ;
      case "parquet":
        return PARQUET;
      default:
        throw new IllegalArgumentException("format must be csv, csv.gz or parquet");
    }
  }
}
