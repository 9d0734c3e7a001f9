package com.warehouseexport.core.csv;

import java.util.Locale;

/**
 * How an export's CSV is stored (PRODUCT.md §5): plain, or gzip-compressed. The object's content
 * type is {@code text/csv} either way and no {@code Content-Encoding} is set, so a loader gets the
 * stored bytes as they are; the key's extension and the manifest's {@code compression} say which.
 */
public enum OutputFormat {
  /** Plain CSV, key ending {@code .csv} (the default). */
  CSV("csv", ".csv", "none"),
  /** gzip-compressed CSV, key ending {@code .csv.gz}. */
  CSV_GZ("csv.gz", ".csv.gz", "gzip");

  private final String id;
  private final String extension;
  private final String compression;

  OutputFormat(String id, String extension, String compression) {
    this.id = id;
    this.extension = extension;
    this.compression = compression;
  }

  /** The id used in settings and the API: {@code csv} or {@code csv.gz}. */
  public String id() {
    return id;
  }

  /** The file extension, with its dot. */
  public String extension() {
    return extension;
  }

  /** The manifest's {@code compression}: {@code none} or {@code gzip}. */
  public String compression() {
    return compression;
  }

  public boolean compressed() {
    return this == CSV_GZ;
  }

  /**
   * The format named by {@code id} ({@code csv}, {@code csv.gz}; {@code gzip} and {@code gz} are
   * accepted for the latter); null or blank means {@link #CSV}.
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
      default:
        throw new IllegalArgumentException("format must be csv or csv.gz");
    }
  }
}
