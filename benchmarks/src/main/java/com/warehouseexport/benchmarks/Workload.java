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

  /** Days of history {@link #historyEvents} generates at most (days 1 … this before the as-of). */
  static final int HISTORY_DAYS = 1000;

  /**
   * The history benchmark's usage pattern, for companies {@code [fromCompany, toCompany)} and only
   * the days {@code nearest … farthest} before {@code asOfDay} (1 = the day before). Each company's
   * whole {@link #HISTORY_DAYS}-day pattern comes from its own random stream ({@code seed}, company
   * index), walked oldest day first, so a day's items are the same whichever range is asked for:
   * the 100-day environment's items are exactly the 1,000-day environment's last 100 days.
   *
   * <p>Per company (features by company index {@code c}): feature {@code c % 8} on ~45 % of days
   * and {@code c + 1} on ~25 % of days (every fourth company stops using it 15–74 days before the
   * as-of day), {@code c + 3} and {@code c + 5} on ~10 % of days each, all over the history;
   * feature {@code c + 6} adopted 850–1,000 days before and churned 150–600 days before (~60 % of
   * the days in between), so its First Used and STARS state exist only in the long history; one
   * usage event per used day (user 1–3 of the company) and feedback on feature {@code c % 8} on
   * ~1.2 % of days. About 1,230 usage days and 12 feedback items per company over 1,000 days.
   */
  static List<List<byte[]>> historyEvents(
      String prefix,
      int fromCompany,
      int toCompany,
      int threads,
      int batch,
      LocalDate asOfDay,
      int nearest,
      int farthest,
      long seed) {
    List<Batcher> batchers = batchers(threads, batch);
    for (int c = fromCompany; c < toCompany; c++) {
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
      Batcher b = batchers.get(c % threads);
      int heavy = c % FEATURES;
      int medium = (c + 1) % FEATURES;
      int[] light = {(c + 3) % FEATURES, (c + 5) % FEATURES};
      int churned = (c + 6) % FEATURES;
      int mediumStop = c % 4 == 0 ? 15 + random.nextInt(60) : 0;
      int adopted = 850 + random.nextInt(151);
      int churnedAt = 150 + random.nextInt(451);
      for (int d = HISTORY_DAYS; d >= 1; d--) {
        LocalDate day = asOfDay.minusDays(d);
        boolean emit = d >= nearest && d <= farthest;
        if (random.nextDouble() < 0.45) {
          add(b, emit, prefix, c, heavy, day, random);
        }
        if (random.nextDouble() < 0.25 && d > mediumStop) {
          add(b, emit, prefix, c, medium, day, random);
        }
        for (int f : light) {
          if (random.nextDouble() < 0.10) {
            add(b, emit, prefix, c, f, day, random);
          }
        }
        if (random.nextDouble() < 0.60 && d <= adopted && d >= churnedAt) {
          add(b, emit, prefix, c, churned, day, random);
        }
        if (random.nextDouble() < 0.012) {
          int user = random.nextInt(3);
          int score = 1 + random.nextInt(5);
          long at = millis(day, random);
          if (emit) {
            b.add(
                "{\"type\":\"feedback\",\"featureKey\":\""
                    + featureKey(heavy)
                    + "\",\"userId\":\""
                    + userId(prefix, c, user)
                    + "\",\"companyId\":\""
                    + companyId(prefix, c)
                    + "\",\"score\":"
                    + score
                    + ",\"comment\":\"history\",\"timestamp\":\""
                    + Instant.ofEpochMilli(at)
                    + "\"}");
          }
        }
      }
    }
    return bodies(batchers);
  }

  /** One usage event (random user 1–3, random time of the day), drawn always, kept if emit. */
  private static void add(
      Batcher b,
      boolean emit,
      String prefix,
      int c,
      int feature,
      LocalDate day,
      SplittableRandom random) {
    int user = random.nextInt(3);
    long at = millis(day, random);
    if (emit) {
      b.add(event(prefix, c, feature, user, at));
    }
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
