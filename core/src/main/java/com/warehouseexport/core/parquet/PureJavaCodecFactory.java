package com.warehouseexport.core.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression without Hadoop and without native code: aircompressor's pure-Java zstd and
 * snappy (the library Parquet Java itself uses for LZ4_RAW). Parquet Java's own {@code
 * CodecFactory} builds codecs through Hadoop's {@code Configuration} and loads zstd-jni or
 * snappy-java native libraries; neither is wanted in an EAR. Writing only: decompression is left to
 * the readers (DuckDB, warehouses).
 */
final class PureJavaCodecFactory implements CompressionCodecFactory {

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> new Pages(codec, new ZstdCompressor());
      case SNAPPY -> new Pages(codec, new SnappyCompressor());
      default -> throw new IllegalArgumentException("unsupported Parquet compression " + codec);
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("this factory only writes");
  }

  @Override
  public void release() {}

  /** Compresses one page at a time into a reused buffer (pages are at most a few MB). */
  private static final class Pages implements BytesInputCompressor {
    private final CompressionCodecName codec;
    private final Compressor compressor;
    private byte[] buffer = new byte[0];

    Pages(CompressionCodecName codec, Compressor compressor) {
      this.codec = codec;
      this.compressor = compressor;
    }

    @Override
    public BytesInput compress(BytesInput page) throws IOException {
      byte[] input = page.toByteArray();
      int max = compressor.maxCompressedLength(input.length);
      if (buffer.length < max) {
        buffer = new byte[max];
      }
      int length = compressor.compress(input, 0, input.length, buffer, 0, buffer.length);
      return BytesInput.from(Arrays.copyOf(buffer, length));
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {
      buffer = new byte[0];
    }
  }
}
