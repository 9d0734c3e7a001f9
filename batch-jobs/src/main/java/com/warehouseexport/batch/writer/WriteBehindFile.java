package com.warehouseexport.batch.writer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Appends to a file channel from one background thread, so that the thread producing the bytes does
 * not wait for {@code write} and {@code fsync}: bytes are copied into one of a few buffers (the
 * producer waits only when all are in flight, so memory stays bounded), and the background thread
 * writes them in order and syncs the file every {@code syncEveryBytes}, while the producer goes on.
 * {@link #durable()} waits until every byte handed over is written and synced: what a checkpoint
 * needs, and then the channel's position is the file's committed length.
 *
 * <p>Not thread-safe: one producer. A write or sync failure of the background thread is thrown by
 * the producer's next call.
 */
final class WriteBehindFile extends OutputStream {

  private final FileChannel channel;
  private final ThreadFactory threads;
  private final BlockingQueue<byte[]> free;
  private final int bufferBytes;
  private final int buffers;
  private final long syncEveryBytes;

  /**
   * The background thread, started when the first buffer fills: a small file (a small environment's
   * export, most of a midnight) is written and synced by the producer at its checkpoint without a
   * thread or more than one buffer (issue 24: the midnight's per-export cost).
   */
  private ExecutorService io;

  /** Buffers allocated so far (at most {@code buffers}). */
  private int allocated;

  private byte[] current;
  private int used;

  /** Bytes written by the background thread since its last sync (background thread only). */
  private long unsynced;

  private volatile IOException failure;
  private boolean closed;

  /**
   * @param channel the file, positioned where writing goes on
   * @param threads makes the one background thread (a managed thread factory in the server)
   * @param bufferBytes size of each buffer
   * @param buffers buffers in flight at most (at least 2)
   * @param syncEveryBytes the background thread syncs after this many bytes
   */
  WriteBehindFile(
      FileChannel channel,
      ThreadFactory threads,
      int bufferBytes,
      int buffers,
      long syncEveryBytes) {
    if (buffers < 2) {
      throw new IllegalArgumentException("buffers < 2");
    }
    this.channel = channel;
    this.threads = threads;
    this.free = new ArrayBlockingQueue<>(buffers);
    this.bufferBytes = bufferBytes;
    this.buffers = buffers;
    this.syncEveryBytes = syncEveryBytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("closed");
    }
    check();
    while (length > 0) {
      if (current == null) {
        current = take();
        used = 0;
      }
      int n = Math.min(length, current.length - used);
      System.arraycopy(bytes, offset, current, used, n);
      used += n;
      offset += n;
      length -= n;
      if (used == current.length) {
        handOver();
      }
    }
  }

  /**
   * Hands the bytes copied so far to the background thread (does not wait for them); before it is
   * started, keeps them for {@link #durable()}.
   */
  @Override
  public void flush() throws IOException {
    check();
    if (io == null) {
      return; // no background thread yet: the bytes wait in the buffer for durable() or a fill
    }
    if (current != null && used > 0) {
      handOver();
    }
  }

  /**
   * Waits until everything handed over is written and synced to the device.
   *
   * @return the channel's position: the file's length up to which it is durable
   */
  long durable() throws IOException {
    if (io == null) { // nothing handed over yet: write what there is here, then sync
      check();
      if (current != null && used > 0) {
        writeOut(current, used, false);
        used = 0;
      }
      check();
      channel.force(false);
      unsynced = 0;
      return channel.position();
    }
    flush();
    await(
        io.submit(
            () -> {
              if (failure == null) {
                try {
                  channel.force(false);
                  unsynced = 0;
                } catch (IOException e) {
                  failure = e;
                }
              }
              return null;
            }));
    check();
    return channel.position();
  }

  /** Stops the background thread after the bytes handed over; does not close the channel. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (failure == null) {
        durable();
      }
    } finally {
      if (io != null) {
        io.shutdown();
        try {
          if (!io.awaitTermination(5, TimeUnit.MINUTES)) {
            io.shutdownNow();
          }
        } catch (InterruptedException e) {
          io.shutdownNow();
          Thread.currentThread().interrupt();
        }
      }
      // the buffers (8 × 256 KB by default) go with the stream, whoever still holds on to it
      free.clear();
      current = null;
    }
    check();
  }

  private void handOver() throws IOException {
    byte[] buffer = current;
    int length = used;
    current = null;
    used = 0;
    if (io == null) {
      io = Executors.newSingleThreadExecutor(threads);
    }
    io.execute(() -> writeOut(buffer, length, true));
  }

  /** On the background thread: writes one buffer, syncs now and then, frees the buffer. */
  private void writeOut(byte[] buffer, int length, boolean release) {
    try {
      if (failure == null) {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        unsynced += length;
        if (unsynced >= syncEveryBytes) {
          channel.force(false);
          unsynced = 0;
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e);
    } finally {
      if (release) {
        free.add(buffer);
      }
    }
  }

  private byte[] take() throws IOException {
    byte[] ready = free.poll();
    if (ready != null) {
      return ready;
    }
    if (allocated < buffers) {
      allocated++;
      return new byte[bufferBytes];
    }
    try {
      byte[] buffer;
      while ((buffer = free.poll(1, TimeUnit.SECONDS)) == null) {
        check();
      }
      return buffer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a write buffer");
    }
  }

  private static void await(Future<?> done) throws IOException {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the file to be synced");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  private void check() throws IOException {
    if (failure != null) {
      throw new IOException("Writing the export file failed: " + failure.getMessage(), failure);
    }
  }
}
