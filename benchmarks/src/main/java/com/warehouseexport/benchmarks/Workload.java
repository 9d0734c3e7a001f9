package com.warehouseexport.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic bulk bodies for the benchmarks. Companies are partitioned over the client threads
 * ({@code company % threads == thread}), as a real sender sharded by customer would do, so threads
 * do not contend on the same companies' rollup rows.
 */
final class Workload {

  static final String[] FEATURE_NAMES = {
    "Dashboards", "CSV export", "Send to Slack", "Alerts",
    "Saved views", "Funnels", "Cohorts", "Annotations"
  };
  static final int FEATURES = FEATURE_NAMES.length;
  private static final String[] PLANS = {"free", "pro", "enterprise"};
  private static final String[] REGIONS = {"de", "fr", "se", "us", "gb", "jp"};

  private Workload() {}

  static String featureKey(int f) {
    return FEATURE_NAMES[f].toLowerCase().replace(' ', '-');
  }

  static String companyId(String prefix, int c) {
    return String.format("%s-%06d", prefix, c + 1);
  }

  static String userId(String prefix, int c, int u) {
    return String.format("u-%s-%06d-%d", prefix, c + 1, u + 1);
  }

  /** Collects items into bulk bodies of at most {@code batch} items. */
  static final class Batcher {
    private final int batch;
    private final List<byte[]> bodies = new ArrayList<>();
    private StringBuilder current = new StringBuilder();
    private int count;
    private long items;

    Batcher(int batch) {
      this.batch = batch;
    }

    void add(String item) {
      current.append(count == 0 ? '[' : ',').append(item);
      count++;
      items++;
      if (count == batch) {
        flush();
      }
    }

    List<byte[]> finish() {
      flush();
      return bodies;
    }

    long items() {
      return items;
    }

    private void flush() {
      if (count > 0) {
        bodies.add(current.append(']').toString().getBytes(StandardCharsets.UTF_8));
        current = new StringBuilder(current.length());
        count = 0;
      }
    }
  }

  static List<Batcher> batchers(int threads, int batch) {
    List<Batcher> list = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      list.add(new Batcher(batch));
    }
    return list;
  }

  static List<List<byte[]>> bodies(List<Batcher> batchers) {
    List<List<byte[]>> out = new ArrayList<>();
    batchers.forEach(b -> out.add(b.finish()));
    return out;
  }

  /** One company call per company (name and attributes), seen on a day in [from, from+9]. */
  static List<List<byte[]>> companies(
      String prefix, int companies, int threads, int batch, LocalDate from, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Batcher> batchers = batchers(threads, batch);
    for (int c = 0; c < companies; c++) {
      long at = millis(from.plusDays(random.nextInt(10)), random);
      batchers
          .get(c % threads)
          .add(
              "{\"type\":\"company\",\"companyId\":\""
                  + companyId(prefix, c)
                  + "\",\"userId\":\""
                  + userId(prefix, c, 0)
                  + "\",\"attributes\":{\"name\":\"Company "
                  + (c + 1)
                  + (c % 5 == 0 ? ", Inc." : " GmbH")
                  + "\",\"plan\":\""
                  + PLANS[c % PLANS.length]
                  + "\",\"region\":\""
                  + REGIONS[c % REGIONS.length]
                  + "\",\"seats\":"
                  + (5 + random.nextInt(300))
                  + "},\"timestamp\":\""
                  + Instant.ofEpochMilli(at)
                  + "\"}");
    }
    return bodies(batchers);
  }

  /**
   * Ingestion benchmark events: {@code events} usage events of random companies (of the sending
   * thread's share), features and users, on random days among the {@code days} ending {@code
   * lastDay}.
   */
  static List<List<byte[]>> randomEvents(
      String prefix,
      int companies,
      int threads,
      int batch,
      int events,
      LocalDate lastDay,
      int days,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Batcher> batchers = batchers(threads, batch);
    for (int i = 0; i < events; i++) {
      int t = i % threads;
      int share = (companies - t + threads - 1) / threads;
      int c = t + threads * random.nextInt(share);
      long at = millis(lastDay.minusDays(random.nextInt(days)), random);
      batchers.get(t).add(event(prefix, c, random.nextInt(FEATURES), random.nextInt(3), at));
    }
    return bodies(batchers);
  }

  /**
   * Export dataset: per company a heavy feature (12 usages in the last 30 days: mostly adopted),
   * two light ones (6 usages each in the last 90 days: tried or churned), one feedback; the other
   * five features are never used. 26 items per company, all before {@code asOfDay}.
   */
  static List<List<byte[]>> exportEvents(
      String prefix, int companies, int threads, int batch, LocalDate asOfDay, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Batcher> batchers = batchers(threads, batch);
    for (int c = 0; c < companies; c++) {
      Batcher b = batchers.get(c % threads);
      int heavy = c % FEATURES;
      for (int i = 0; i < 12; i++) {
        b.add(
            event(
                prefix,
                c,
                heavy,
                i % 2,
                millis(asOfDay.minusDays(1 + random.nextInt(30)), random)));
      }
      for (int light : new int[] {(c + 3) % FEATURES, (c + 5) % FEATURES}) {
        for (int i = 0; i < 6; i++) {
          b.add(
              event(
                  prefix, c, light, 0, millis(asOfDay.minusDays(1 + random.nextInt(90)), random)));
        }
      }
      b.add(
          "{\"type\":\"feedback\",\"featureKey\":\""
              + featureKey(heavy)
              + "\",\"userId\":\""
              + userId(prefix, c, 0)
              + "\",\"companyId\":\""
              + companyId(prefix, c)
              + "\",\"score\":"
              + (1 + random.nextInt(5))
              + ",\"comment\":\"ok, \\\"fine\\\"\",\"timestamp\":\""
              + Instant.ofEpochMilli(millis(asOfDay.minusDays(1 + random.nextInt(20)), random))
              + "\"}");
    }
    return bodies(batchers);
  }

  private static String event(String prefix, int c, int feature, int user, long at) {
    return "{\"type\":\"event\",\"event\":\""
        + featureKey(feature)
        + "\",\"userId\":\""
        + userId(prefix, c, user)
        + "\",\"companyId\":\""
        + companyId(prefix, c)
        + "\",\"timestamp\":\""
        + Instant.ofEpochMilli(at)
        + "\"}";
  }

  private static long millis(LocalDate day, SplittableRandom random) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
        + 1_000L * (60 + random.nextInt(86_000));
  }

  static long count(List<List<byte[]>> bodies, int batch) {
    return bodies.stream().mapToLong(List::size).sum() * batch;
  }
}
