package com.warehouseexport.core.usage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the CSV needs to know about one company.
 *
 * <p>{@code companyName} and {@code segments} are the values known when the export runs; all other
 * data is filtered by each data point's end by {@link CompanyUsageCalculator}.
 *
 * @param companyId the company id
 * @param companyName the latest {@code name} attribute, or null
 * @param seenDays the days the company was seen, strictly ascending by day
 * @param segments the segments the company currently belongs to, any order
 * @param activityByFeatureKey activity per feature key; a missing key means no activity
 */
public record CompanyHistory(
    String companyId,
    String companyName,
    List<SeenDay> seenDays,
    List<SegmentRef> segments,
    Map<String, FeatureActivity> activityByFeatureKey) {

  /** Copies the collections and validates the order of {@code seenDays}. */
  public CompanyHistory {
    Objects.requireNonNull(companyId, "companyId");
    seenDays = List.copyOf(seenDays);
    segments = List.copyOf(segments);
    activityByFeatureKey = Map.copyOf(activityByFeatureKey);
    for (int i = 1; i < seenDays.size(); i++) {
      if (!seenDays.get(i - 1).day().isBefore(seenDays.get(i).day())) {
        throw new IllegalArgumentException("seenDays must be strictly ascending by day");
      }
    }
  }

  /** The activity for a feature key, {@link FeatureActivity#none()} when there is none. */
  public FeatureActivity activity(String featureKey) {
    return activityByFeatureKey.getOrDefault(featureKey, FeatureActivity.none());
  }
}
