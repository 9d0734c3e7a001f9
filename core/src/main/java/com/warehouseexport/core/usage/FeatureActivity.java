package com.warehouseexport.core.usage;

import java.util.List;

/**
 * What a company did with one feature.
 *
 * @param usageDays the usage days, strictly ascending by day
 * @param feedback the feedback entries, ascending by {@code at}
 */
public record FeatureActivity(List<UsageDay> usageDays, List<FeedbackEntry> feedback) {

  private static final FeatureActivity NONE = new FeatureActivity(List.of(), List.of());

  /** Copies the lists and validates their order. */
  public FeatureActivity {
    usageDays = List.copyOf(usageDays);
    feedback = List.copyOf(feedback);
    for (int i = 1; i < usageDays.size(); i++) {
      if (!usageDays.get(i - 1).day().isBefore(usageDays.get(i).day())) {
        throw new IllegalArgumentException("usageDays must be strictly ascending by day");
      }
    }
    for (int i = 1; i < feedback.size(); i++) {
      if (feedback.get(i - 1).at().isAfter(feedback.get(i).at())) {
        throw new IllegalArgumentException("feedback must be ascending by instant");
      }
    }
  }

  /** No usage and no feedback. */
  public static FeatureActivity none() {
    return NONE;
  }
}
