package com.warehouseexport.core.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The page compression of an export's Parquet file; zstd unless snappy is asked for. */
public enum ParquetCompression {
  /** Zstandard (the default): smaller files, every current warehouse reads it. */
  ZSTD(CompressionCodecName.ZSTD),
  /** Snappy: for readers too old for zstd. */
  SNAPPY(CompressionCodecName.SNAPPY);

  private final CompressionCodecName codec;

  ParquetCompression(CompressionCodecName codec) {
    this.codec = codec;
  }

  CompressionCodecName codec() {
    return codec;
  }

  /** The name written into manifests: {@code zstd} or {@code snappy}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
