package com.warehouseexport.core.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code FeatureTimeline.Snapshot.frequency} counts all windows in one pass; it must classify
 * exactly as counting the usage days of each window of PRODUCT.md §3 separately does, for usage
 * anywhere around the window edges and with usage after the data point not yet counted.
 */
class FeatureTimelineFrequencyTest {

  private static final FeatureDefinition FEATURE = FeatureDefinition.withDefaults("f", "F");

  @Test
  void theQuarterIsTheTwelveWeeklyBlocks() {
    assertEquals(
        FeatureTimeline.MONTHLY_BLOCKS * FeatureTimeline.BLOCK_DAYS,
        FeatureTimeline.QUARTERLY_WINDOW_DAYS);
  }

  @Test
  void equalsCountingEachWindowSeparately() {
    Random random = new Random(7);
    LocalDate origin = LocalDate.of(2026, 1, 1);
    int[] seen = new int[Frequency.values().length];
    for (int history = 0; history < 3000; history++) {
      // dense or sparse usage over 200 days, so every class and every block edge occurs
      int density = 1 + random.nextInt(12);
      TreeSet<Integer> days = new TreeSet<>();
      for (int d = 0; d < 200; d++) {
        if (random.nextInt(density) == 0) {
          days.add(d);
        }
      }
      List<UsageDay> usage = new ArrayList<>();
      for (int d : days) {
        usage.add(
            UsageDay.of(
                origin
                    .plusDays(d)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant()
                    .plusSeconds(random.nextInt(86_400))));
      }
      FeatureTimeline timeline =
          new FeatureTimeline(new FeatureActivity(usage, List.of()), FEATURE);
      for (int point = 0; point < 220; point += 1 + random.nextInt(9)) {
        LocalDate date = origin.plusDays(point);
        Frequency expected = reference(days, point);
        Frequency actual = timeline.at(DataPoint.endOfDay(date)).frequency();
        assertEquals(expected, actual, "usage days " + days + ", point day " + point);
        seen[actual.ordinal()]++;
      }
    }
    for (Frequency f : Frequency.values()) {
      // the histories above reach every class, so the comparison covered each branch
      assertTrue(seen[f.ordinal()] > 0, f + " occurred");
    }
  }

  /** PRODUCT.md §3 Frequency, one window at a time, over the usage days up to the point. */
  private static Frequency reference(TreeSet<Integer> days, int point) {
    if (count(days, point - 13, point) >= 8) {
      return Frequency.DAILY;
    }
    if (blocks(days, point, 4) >= 3) {
      return Frequency.WEEKLY;
    }
    if (blocks(days, point, 12) >= 7) {
      return Frequency.MONTHLY;
    }
    if (count(days, point - 83, point) > 0) {
      return Frequency.QUARTERLY;
    }
    return Frequency.INACTIVE;
  }

  private static int blocks(TreeSet<Integer> days, int point, int blocks) {
    int withUsage = 0;
    for (int b = 0; b < blocks; b++) {
      if (count(days, point - 7 * b - 6, point - 7 * b) > 0) {
        withUsage++;
      }
    }
    return withUsage;
  }

  private static int count(TreeSet<Integer> days, int from, int to) {
    return days.subSet(from, true, to, true).size();
  }
}
