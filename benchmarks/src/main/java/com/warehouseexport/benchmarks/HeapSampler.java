package com.warehouseexport.benchmarks;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Samples the server's heap during a measured section: {@code heap-memory-usage.used} every few
 * hundred milliseconds (a sawtooth: its maximum is dominated by the young generation filling up
 * between collections), plus the memory pools' peak usage since the section started and the heap
 * left after a full GC at its end (what the export actually retains).
 */
final class HeapSampler implements AutoCloseable {

  /** What one section used, in bytes. */
  record Result(
      long maxSampledUsed, long oldGenPeak, long heapAfterGcBefore, long heapAfterGcAfter) {
    String describe() {
      return String.format(
          Locale.ROOT,
          "max sampled heap used %s, old-gen peak %s, heap after full GC before %s / after %s",
          mb(maxSampledUsed),
          mb(oldGenPeak),
          mb(heapAfterGcBefore),
          mb(heapAfterGcAfter));
    }
  }

  static String mb(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
  }

  private final ManagementClient management;
  private final Thread thread;
  private final long heapAfterGcBefore;
  private volatile boolean running = true;
  private volatile long maxUsed = -1;

  HeapSampler(ManagementClient management, long intervalMillis) throws IOException {
    this.management = management;
    management.gc();
    this.heapAfterGcBefore = management.heapUsed();
    for (String pool : pools()) {
      management.execute(
          ManagementClient.platformMbean("reset-peak-usage", "memory-pool", pool).build());
    }
    this.thread =
        new Thread(
            () -> {
              while (running) {
                try {
                  long used = management.heapUsed();
                  if (used > maxUsed) {
                    maxUsed = used;
                  }
                  Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                  return;
                } catch (IOException e) {
                  // a missed sample is not worth failing the benchmark for
                }
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private List<String> pools() throws IOException {
    List<String> names = new ArrayList<>();
    JsonValue result =
        management.execute(
            ManagementClient.platformMbean("read-children-names", "memory-pool", null)
                .add("child-type", "name")
                .build());
    result.asJsonArray().forEach(v -> names.add(((jakarta.json.JsonString) v).getString()));
    return names;
  }

  /** Stops sampling and collects the peaks. */
  Result finish() throws IOException, InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
    long oldGenPeak = -1;
    for (String pool : pools()) {
      if (!pool.toLowerCase(Locale.ROOT).contains("old") && !pool.contains("Tenured")) {
        continue;
      }
      JsonObject resource =
          management
              .execute(
                  ManagementClient.platformMbean("read-resource", "memory-pool", pool)
                      .add("include-runtime", true)
                      .build())
              .asJsonObject();
      JsonValue peak = resource.get("peak-usage");
      if (peak != null && peak.getValueType() == JsonValue.ValueType.OBJECT) {
        oldGenPeak = Math.max(oldGenPeak, peak.asJsonObject().getJsonNumber("used").longValue());
      }
    }
    long sampled = Math.max(maxUsed, management.heapUsed());
    management.gc();
    return new Result(sampled, oldGenPeak, heapAfterGcBefore, management.heapUsed());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
