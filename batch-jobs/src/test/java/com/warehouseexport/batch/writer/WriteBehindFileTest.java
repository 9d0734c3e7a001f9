package com.warehouseexport.batch.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background writer keeps the bytes and their order whatever the sizes of the writes and
 * buffers, {@code durable()} returns the length written so far, and a failure of the background
 * thread reaches the producer.
 */
class WriteBehindFileTest {

  @TempDir Path dir;

  @Test
  void writesEveryByteInOrderAndDurableIsTheLengthSoFar() throws IOException {
    Path path = dir.resolve("part.csv");
    Files.write(path, "old header\nkept".getBytes()); // a restart continues after byte 11
    Random random = new Random(3);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write("old header\n".getBytes());
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      channel.truncate(11);
      channel.position(11);
      WriteBehindFile file =
          new WriteBehindFile(channel, Executors.defaultThreadFactory(), 64, 3, 100);
      for (int chunk = 0; chunk < 50; chunk++) {
        for (int write = random.nextInt(20); write > 0; write--) {
          byte[] bytes = new byte[random.nextInt(300)]; // shorter and longer than a buffer
          random.nextBytes(bytes);
          int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
          file.write(bytes, offset, bytes.length - offset);
          expected.write(bytes, offset, bytes.length - offset);
        }
        if (random.nextBoolean()) {
          file.flush(); // hands over a part-filled buffer
        }
        assertEquals(expected.size(), file.durable());
        assertEquals(expected.size(), Files.size(path));
      }
      file.write('!');
      expected.write('!');
      file.close();
    }
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(path));
  }

  @Test
  void aFailedBackgroundWriteIsThrownToTheProducer() throws IOException {
    Path path = dir.resolve("part.csv");
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    WriteBehindFile file = new WriteBehindFile(channel, Executors.defaultThreadFactory(), 16, 2, 1);
    file.write(new byte[10], 0, 10);
    assertEquals(10, file.durable());
    channel.close(); // the disk goes away
    file.write(new byte[40], 0, 40);
    assertThrows(IOException.class, file::durable);
    assertThrows(IOException.class, () -> file.write(new byte[1], 0, 1));
    assertThrows(IOException.class, file::close);
  }

  @Test
  void aSmallFileIsWrittenWithoutAThreadAndALargerOneStartsOne() throws IOException {
    Path path = dir.resolve("small.csv");
    java.util.concurrent.atomic.AtomicInteger started =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ThreadFactory counting =
        r -> {
          started.incrementAndGet();
          return new Thread(r);
        };
    try (FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      WriteBehindFile file = new WriteBehindFile(channel, counting, 64, 3, 100);
      file.write("header\nrow\n".getBytes());
      file.flush(); // a small export's chunk: flushed, then its checkpoint
      assertEquals(11, file.durable());
      assertEquals(11, Files.size(path));
      file.write("second row\n".getBytes());
      assertEquals(22, file.durable());
      assertEquals(0, started.get(), "no background thread for bytes that never filled a buffer");
      byte[] more = new byte[200]; // fills buffers: the background thread takes over
      java.util.Arrays.fill(more, (byte) 'x');
      file.write(more);
      assertEquals(222, file.durable());
      file.close();
      assertEquals(1, started.get());
    }
    byte[] expected = new byte[222];
    System.arraycopy("header\nrow\nsecond row\n".getBytes(), 0, expected, 0, 22);
    java.util.Arrays.fill(expected, 22, 222, (byte) 'x');
    assertArrayEquals(expected, Files.readAllBytes(path));
  }
}
