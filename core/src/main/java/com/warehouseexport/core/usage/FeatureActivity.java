package com.warehouseexport.core.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * What a company did with one feature.
 *
 * @param usageDays the usage days, strictly ascending by day
 * @param feedback the feedback entries, ascending by {@code at}
 * @param adoption null when {@code usageDays} is the whole history; otherwise the history is
 *     windowed (see {@link HistoryWindow}): before the window's first day {@code usageDays} holds
 *     only the first and the last usage day, and {@code adoption} says when the feature was first
 *     adopted, which can no longer be derived from the days
 */
public record FeatureActivity(
    List<UsageDay> usageDays, List<FeedbackEntry> feedback, KnownAdoption adoption) {

  private static final FeatureActivity NONE = new FeatureActivity(List.of(), List.of());

  /**
   * The first adoption day as ingestion keeps it (computed from the whole history with the
   * feature's current thresholds).
   *
   * @param firstAdoptionDay the first adoption day, or null if the feature was never adopted
   */
  public record KnownAdoption(LocalDate firstAdoptionDay) {}

  /** A whole history: the first adoption day is derived from {@code usageDays}. */
  public FeatureActivity(List<UsageDay> usageDays, List<FeedbackEntry> feedback) {
    this(usageDays, feedback, null);
  }

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
