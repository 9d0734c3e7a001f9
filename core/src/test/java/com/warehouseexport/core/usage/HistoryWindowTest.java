package com.warehouseexport.core.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The window an export reads day by day, and the proof that it is enough: for random histories of
 * up to three years, the rows computed from the windowed history (what the reader streams: days
 * from the window's first day on, before it only the first and the last day, and the first adoption
 * day as ingestion keeps it) equal the rows computed from the whole history, for every aggregation,
 * as of several instants, with several adoption thresholds.
 */
class HistoryWindowTest {

  private static final Instant AS_OF = Instant.parse("2026-11-18T09:30:00Z");

  @Test
  void eightyFourDaysBeforeTheEarliestDataPointOrTheLongestAdoptionWindow() {
    List<DataPoint> snapshot = Aggregation.SNAPSHOT.dataPoints(AS_OF);
    assertEquals(LocalDate.of(2026, 8, 27), HistoryWindow.firstDay(snapshot, 28));
    assertEquals(LocalDate.of(2026, 11, 18).minusDays(83), HistoryWindow.firstDay(snapshot, 84));
    assertEquals(LocalDate.of(2026, 11, 18).minusDays(199), HistoryWindow.firstDay(snapshot, 200));
    List<DataPoint> weekly = Aggregation.MONTHS_6_WEEKLY.dataPoints(AS_OF);
    LocalDate firstSunday = weekly.get(0).date();
    assertEquals(DayOfWeek.SUNDAY, firstSunday.getDayOfWeek());
    assertEquals(firstSunday.minusDays(83), HistoryWindow.firstDay(weekly, 28));
    assertThrows(IllegalArgumentException.class, () -> HistoryWindow.firstDay(List.of(), 28));
  }

  @Test
  void rowsFromTheWindowedHistoryEqualRowsFromTheWholeHistory() {
    // Each set's longest adoption window sets the window, so each set is tight for its own
    // longest look-back: 84 days (Frequency) in the first, the adoption window in the others.
    List<List<FeatureDefinition>> featureSets =
        List.of(
            List.of(
                FeatureDefinition.withDefaults("a", "A"),
                new FeatureDefinition("b", "B", 1, 1),
                new FeatureDefinition("c", "C", 3, 7)),
            List.of(new FeatureDefinition("d", "D", 10, 120)),
            List.of(new FeatureDefinition("e", "E", 20, 366)));
    SplittableRandom random = new SplittableRandom(20261203);
    int compared = 0;
    for (List<FeatureDefinition> features : featureSets) {
      int maxWindow =
          features.stream().mapToInt(FeatureDefinition::adoptionWindowDays).max().orElseThrow();
      for (int company = 0; company < 200; company++) {
        CompanyHistory whole = randomCompany(random, company, features);
        for (Aggregation aggregation : Aggregation.values()) {
          for (Instant asOf :
              new Instant[] {AS_OF, AS_OF.minusSeconds(86_400L * random.nextInt(400))}) {
            List<DataPoint> points = aggregation.dataPoints(asOf);
            LocalDate firstDay = HistoryWindow.firstDay(points, maxWindow);
            LocalDate firstPoint = points.get(0).date();
            CompanyHistory windowed = windowed(whole, features, firstDay, firstPoint);
            assertEquals(
                CompanyUsageCalculator.rows(whole, features, points),
                CompanyUsageCalculator.rows(windowed, features, points),
                "company " + company + ", " + aggregation + " as of " + asOf);
            compared++;
          }
        }
      }
    }
    assertEquals(3 * 200 * Aggregation.values().length * 2, compared);
  }

  /** What the reader streams for a windowed export: see the class comment. */
  private static CompanyHistory windowed(
      CompanyHistory whole,
      List<FeatureDefinition> features,
      LocalDate firstDay,
      LocalDate firstPoint) {
    Map<String, FeatureActivity> activity = new TreeMap<>();
    for (FeatureDefinition f : features) {
      FeatureActivity a = whole.activity(f.key());
      if (a.usageDays().isEmpty() && a.feedback().isEmpty()) {
        continue;
      }
      long[] days = a.usageDays().stream().mapToLong(d -> d.day().toEpochDay()).toArray();
      long adopted = Adoption.firstAdoptionDay(days, f.adoptionDays(), f.adoptionWindowDays());
      activity.put(
          f.key(),
          new FeatureActivity(
              keepEnds(a.usageDays(), UsageDay::day, firstDay, firstPoint, UsageDay::new),
              a.feedback(),
              new FeatureActivity.KnownAdoption(
                  adopted == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(adopted))));
    }
    return new CompanyHistory(
        whole.companyId(),
        whole.companyName(),
        keepEnds(whole.seenDays(), SeenDay::day, firstDay, null, SeenDay::new),
        whole.segments(),
        activity);
  }

  /**
   * Days from {@code firstDay} on as they are; of the days before it only the first and the last,
   * at the start of their day (the reader does not read their instants: they precede every point).
   * The last one is left out, as the reader leaves it out, when {@code firstPoint} is given and a
   * day in {@code [firstDay, firstPoint)} exists: that day is counted at every data point, so the
   * last day before the window is never the last one counted.
   */
  private static <T> List<T> keepEnds(
      List<T> days,
      java.util.function.Function<T, LocalDate> day,
      LocalDate firstDay,
      LocalDate firstPoint,
      java.util.function.BiFunction<LocalDate, Instant, T> make) {
    List<T> before = days.stream().filter(d -> day.apply(d).isBefore(firstDay)).toList();
    boolean coveredFromTheWindow =
        firstPoint != null
            && days.stream()
                .anyMatch(
                    d -> !day.apply(d).isBefore(firstDay) && day.apply(d).isBefore(firstPoint));
    List<T> out = new ArrayList<>();
    if (!before.isEmpty()) {
      LocalDate first = day.apply(before.get(0));
      LocalDate last = day.apply(before.get(before.size() - 1));
      out.add(make.apply(first, startOf(first)));
      if (!last.equals(first) && !coveredFromTheWindow) {
        out.add(make.apply(last, startOf(last)));
      }
    }
    days.stream().filter(d -> !day.apply(d).isBefore(firstDay)).forEach(out::add);
    return out;
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Up to three years of history ending shortly after {@link #AS_OF}: bursts of usage, gaps, sparse
   * stretches, feedback; some companies first seen in the last weeks.
   */
  private static CompanyHistory randomCompany(
      SplittableRandom random, int company, List<FeatureDefinition> features) {
    LocalDate end = LocalDate.ofInstant(AS_OF, ZoneOffset.UTC).plusDays(2);
    int span = 1 + random.nextInt(random.nextBoolean() ? 1100 : 150);
    LocalDate start = end.minusDays(span);
    List<SeenDay> seen = new ArrayList<>();
    Map<String, FeatureActivity> activity = new TreeMap<>();
    List<List<UsageDay>> usage = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      usage.add(new ArrayList<>());
    }
    double[] density = new double[features.size()];
    for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
      if (random.nextInt(20) == 0) {
        for (int f = 0; f < features.size(); f++) {
          // regimes: unused, sparse, bursty, daily
          density[f] = new double[] {0, 0.03, 0.3, 0.9}[random.nextInt(4)];
        }
      }
      boolean seenToday = false;
      for (int f = 0; f < features.size(); f++) {
        if (random.nextDouble() < density[f]) {
          usage.get(f).add(new UsageDay(day, instant(random, day)));
          seenToday = true;
        }
      }
      if (seenToday || random.nextInt(10) == 0) {
        seen.add(new SeenDay(day, instant(random, day)));
      }
    }
    for (int f = 0; f < features.size(); f++) {
      List<FeedbackEntry> feedback = new ArrayList<>();
      Instant at = startOf(start);
      for (int i = random.nextInt(4); i > 0; i--) {
        at = at.plusSeconds(random.nextLong(86_400L * Math.max(1, span / 3)));
        feedback.add(
            new FeedbackEntry(
                "user-" + random.nextInt(3),
                at,
                random.nextBoolean() ? 1 + random.nextInt(5) : null));
      }
      if (!usage.get(f).isEmpty() || !feedback.isEmpty()) {
        activity.put(features.get(f).key(), new FeatureActivity(usage.get(f), feedback));
      }
    }
    return new CompanyHistory(
        "company-" + company, "Company " + company, seen, List.of(), activity);
  }

  private static Instant instant(SplittableRandom random, LocalDate day) {
    return startOf(day).plusSeconds(random.nextInt(86_400));
  }
}
