package com.warehouseexport.core.usage;

import java.time.LocalDate;
import java.util.Collection;

/**
 * How far back an export must read usage and seen days day by day. Every column looks back at most
 * {@value FeatureTimeline#QUARTERLY_WINDOW_DAYS} days (Frequency's twelve weekly blocks and
 * quarterly window) or the feature's adoption window (STARS retained) from a data point's Date; of
 * the days before that it needs only the first and the last (First/Last Used, First/Last Seen) and
 * whether and when the feature was first adopted, which ingestion keeps per company × feature.
 */
public final class HistoryWindow {

  private HistoryWindow() {}

  /**
   * The first day whose usage must be read day by day for these data points.
   *
   * @param points the export's data points, at least one
   * @param maxAdoptionWindowDays the longest adoption window among the environment's features
   */
  public static LocalDate firstDay(Collection<DataPoint> points, int maxAdoptionWindowDays) {
    LocalDate earliest =
        points.stream()
            .map(DataPoint::date)
            .min(LocalDate::compareTo)
            .orElseThrow(() -> new IllegalArgumentException("no data points"));
    int lookBack = Math.max(FeatureTimeline.QUARTERLY_WINDOW_DAYS, maxAdoptionWindowDays);
    return earliest.minusDays(lookBack - 1L);
  }
}
