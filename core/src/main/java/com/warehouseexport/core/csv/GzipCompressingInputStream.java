package com.warehouseexport.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Reads a source stream and yields its gzip-compressed form (RFC 1952: one member, no file name),
 * so that an upload which pulls from an {@link InputStream} compresses on the fly: memory stays at
 * one input buffer and the deflater's window, whatever the size of the source.
 */
public final class GzipCompressingInputStream extends InputStream {

  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };

  private final InputStream source;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final CRC32 crc = new CRC32();
  private final byte[] input = new byte[64 * 1024];
  private final byte[] output = new byte[64 * 1024];
  private int outputStart;
  private int outputEnd;
  private long sourceBytes;
  private boolean headerDone;
  private boolean sourceDone;
  private boolean trailerDone;

  public GzipCompressingInputStream(InputStream source) {
    this.source = source;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (outputStart == outputEnd) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, outputEnd - outputStart);
    System.arraycopy(output, outputStart, b, off, n);
    outputStart += n;
    return n;
  }

  /** Produces more output; false at the end. */
  private boolean fill() throws IOException {
    outputStart = 0;
    outputEnd = 0;
    if (!headerDone) {
      System.arraycopy(HEADER, 0, output, 0, HEADER.length);
      outputEnd = HEADER.length;
      headerDone = true;
      return true;
    }
    if (trailerDone) {
      return false;
    }
    if (!deflater.finished()) {
      if (deflater.needsInput() && !sourceDone) {
        int n = source.read(input);
        if (n < 0) {
          sourceDone = true;
          deflater.finish();
        } else if (n > 0) {
          crc.update(input, 0, n);
          sourceBytes += n;
          deflater.setInput(input, 0, n);
        }
      }
      outputEnd = deflater.deflate(output, 0, output.length, Deflater.NO_FLUSH);
      return true;
    }
    writeIntLe(crc.getValue(), 0);
    writeIntLe(sourceBytes, 4);
    outputEnd = 8;
    trailerDone = true;
    deflater.end();
    return true;
  }

  private void writeIntLe(long value, int at) {
    output[at] = (byte) value;
    output[at + 1] = (byte) (value >>> 8);
    output[at + 2] = (byte) (value >>> 16);
    output[at + 3] = (byte) (value >>> 24);
  }

  /** Bytes read from the source so far (the uncompressed size, once the end is reached). */
  public long sourceBytes() {
    return sourceBytes;
  }

  @Override
  public void close() throws IOException {
    deflater.end();
    source.close();
  }
}
