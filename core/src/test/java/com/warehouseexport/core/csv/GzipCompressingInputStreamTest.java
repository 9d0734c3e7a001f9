package com.warehouseexport.core.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipCompressingInputStreamTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 65_535, 65_536, 65_537, 1_000_000, 5_000_000})
  void decompressesToExactlyTheSourceBytes(int size) throws IOException {
    byte[] source = csvLike(size, size);
    GzipCompressingInputStream gz =
        new GzipCompressingInputStream(new ByteArrayInputStream(source));
    byte[] compressed = gz.readAllBytes();
    assertArrayEquals(source, gunzip(compressed));
    assertEquals(size, gz.sourceBytes());
    if (size > 100_000) {
      assertTrue(compressed.length < size / 3, "CSV compresses: " + compressed.length);
    }
  }

  @Test
  void incompressibleBytesRoundTripToo() throws IOException {
    byte[] random = new byte[300_000];
    new Random(7).nextBytes(random);
    assertArrayEquals(
        random,
        gunzip(new GzipCompressingInputStream(new ByteArrayInputStream(random)).readAllBytes()));
  }

  @Test
  void singleByteReadsGiveTheSameStream() throws IOException {
    byte[] source = csvLike(200_000, 3);
    byte[] bulk = new GzipCompressingInputStream(new ByteArrayInputStream(source)).readAllBytes();
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    try (InputStream in = new GzipCompressingInputStream(new ByteArrayInputStream(source))) {
      for (int b; (b = in.read()) >= 0; ) {
        one.write(b);
      }
    }
    assertArrayEquals(bulk, one.toByteArray());
  }

  @Test
  void startsWithTheGzipMagicNumber() throws IOException {
    byte[] gz =
        new GzipCompressingInputStream(new ByteArrayInputStream(new byte[0])).readAllBytes();
    assertEquals(0x1f, gz[0] & 0xff);
    assertEquals(0x8b, gz[1] & 0xff);
  }

  private static byte[] gunzip(byte[] compressed) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    }
  }

  private static byte[] csvLike(int size, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(size + 100);
    while (text.length() < size) {
      text.append("company-")
          .append(random.nextInt(5000))
          .append(",Acme ")
          .append(random.nextInt(100))
          .append(",reports,2026-11-")
          .append(10 + random.nextInt(20))
          .append(',')
          .append(random.nextInt(1000))
          .append("\r\n");
    }
    return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }
}
