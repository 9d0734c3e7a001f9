package com.warehouseexport.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pre-computed, binary-searchable form of one company × feature activity, so that each data point
 * is evaluated in O(log n) instead of rescanning the history.
 */
final class FeatureTimeline {

  static final int DAILY_WINDOW_DAYS = 14;
  static final int DAILY_MIN_USAGE_DAYS = 8;
  static final int BLOCK_DAYS = 7;
  static final int WEEKLY_BLOCKS = 4;
  static final int WEEKLY_MIN_BLOCKS = 3;
  static final int MONTHLY_BLOCKS = 12;
  static final int MONTHLY_MIN_BLOCKS = 7;

  /** {@link #MONTHLY_BLOCKS} blocks of {@link #BLOCK_DAYS} days: {@code frequency} relies on it. */
  static final int QUARTERLY_WINDOW_DAYS = 84;

  private final long[] usageEpochDays;
  private final LocalDate[] usageDates;
  private final Instant[] usageFirstAt;

  /**
   * Epoch day on which the feature was first adopted (using all usage), or MAX_VALUE: derived from
   * the usage days of a whole history, or as ingestion keeps it for a windowed one.
   */
  private final long firstAdoptionEpochDay;

  private final int adoptionDays;
  private final int adoptionWindowDays;

  private final Instant[] feedbackAt;

  /** Sum of the users' latest scores after the first k feedback entries (index k). */
  private final int[] scoreSumAfter;

  /** Number of users with a score after the first k feedback entries (index k). */
  private final int[] scoredUsersAfter;

  FeatureTimeline(FeatureActivity activity, FeatureDefinition feature) {
    List<UsageDay> usage = activity.usageDays();
    usageEpochDays = new long[usage.size()];
    usageDates = new LocalDate[usage.size()];
    usageFirstAt = new Instant[usage.size()];
    for (int i = 0; i < usage.size(); i++) {
      usageDates[i] = usage.get(i).day();
      usageEpochDays[i] = usageDates[i].toEpochDay();
      usageFirstAt[i] = usage.get(i).firstAt();
    }
    adoptionDays = feature.adoptionDays();
    adoptionWindowDays = feature.adoptionWindowDays();
    FeatureActivity.KnownAdoption known = activity.adoption();
    if (known == null) {
      firstAdoptionEpochDay =
          Adoption.firstAdoptionDay(usageEpochDays, adoptionDays, adoptionWindowDays);
    } else {
      firstAdoptionEpochDay =
          known.firstAdoptionDay() == null ? Long.MAX_VALUE : known.firstAdoptionDay().toEpochDay();
    }

    List<FeedbackEntry> feedback = activity.feedback();
    feedbackAt = new Instant[feedback.size()];
    scoreSumAfter = new int[feedback.size() + 1];
    scoredUsersAfter = new int[feedback.size() + 1];
    accumulateScores(feedback);
  }

  /**
   * Satisfaction uses each user's latest <em>score</em>: a feedback entry without a score (a
   * comment only) is counted by Feedback Count but neither sets nor clears the user's score. The
   * conformance fixture confirms this reading.
   */
  private void accumulateScores(List<FeedbackEntry> feedback) {
    Map<String, Integer> latestScoreByUser = new HashMap<>();
    int sum = 0;
    for (int i = 0; i < feedback.size(); i++) {
      FeedbackEntry entry = feedback.get(i);
      feedbackAt[i] = entry.at();
      if (entry.score() != null) {
        Integer previous = latestScoreByUser.put(entry.userId(), entry.score());
        sum += entry.score() - (previous == null ? 0 : previous);
      }
      scoreSumAfter[i + 1] = sum;
      scoredUsersAfter[i + 1] = latestScoreByUser.size();
    }
  }

  /** The usage state of this feature as of {@code point}. */
  Snapshot at(DataPoint point) {
    return new Snapshot(point, SortedSearch.countAtOrBefore(usageFirstAt, point.end()));
  }

  /** Number of feedback entries at or before the point's end. */
  int feedbackCount(DataPoint point) {
    return SortedSearch.countAtOrBefore(feedbackAt, point.end());
  }

  /** Mean of the users' latest scores as of the point, rounded half up; null without scores. */
  Satisfaction satisfaction(DataPoint point) {
    int entries = feedbackCount(point);
    int users = scoredUsersAfter[entries];
    if (users == 0) {
      return null;
    }
    int sum = scoreSumAfter[entries];
    // round half up of sum / users, in integers: floor((2 * sum + users) / (2 * users))
    return Satisfaction.of((2 * sum + users) / (2 * users));
  }

  /** The usage days counted for one data point: the first {@code counted} usage days. */
  final class Snapshot {
    private final long date;
    private final int counted;

    private Snapshot(DataPoint point, int counted) {
      this.date = point.date().toEpochDay();
      this.counted = counted;
    }

    LocalDate firstUsed() {
      return counted == 0 ? null : usageDates[0];
    }

    LocalDate lastUsed() {
      return counted == 0 ? null : usageDates[counted - 1];
    }

    /** Counted usage days in the {@code length} days ending {@code daysBack} days before Date. */
    int usageDaysInWindow(int daysBack, int length) {
      long to = date - daysBack;
      return SortedSearch.countInRange(usageEpochDays, counted, to - length + 1, to);
    }

    StarsState stars() {
      if (counted == 0) {
        return StarsState.NEVER;
      }
      if (usageDaysInWindow(0, adoptionWindowDays) >= adoptionDays) {
        return StarsState.RETAINED;
      }
      // All usage before Date is counted, so an adoption before Date is an adoption "as of" it.
      return firstAdoptionEpochDay < date ? StarsState.CHURNED : StarsState.TRIED;
    }

    /**
     * One backward pass over the counted usage days of the last {@link #QUARTERLY_WINDOW_DAYS}
     * days, which are exactly the {@link #MONTHLY_BLOCKS} seven-day blocks ending on Date: the
     * usage days of the daily window and which blocks have usage. (The same counts as {@link
     * #usageDaysInWindow} per window, without a binary search per block.)
     */
    Frequency frequency() {
      int dailyDays = 0;
      int blocksWithUsage = 0; // bit b: block b (days 7b..7b+6 before Date) has usage
      for (int i = counted - 1; i >= 0; i--) {
        long back = date - usageEpochDays[i];
        if (back < 0) {
          continue; // after Date (a counted day never is: a data point's end lies on its Date)
        }
        if (back >= QUARTERLY_WINDOW_DAYS) {
          break;
        }
        if (back < DAILY_WINDOW_DAYS) {
          dailyDays++;
        }
        blocksWithUsage |= 1 << (int) (back / BLOCK_DAYS);
      }
      if (dailyDays >= DAILY_MIN_USAGE_DAYS) {
        return Frequency.DAILY;
      }
      if (Integer.bitCount(blocksWithUsage & ((1 << WEEKLY_BLOCKS) - 1)) >= WEEKLY_MIN_BLOCKS) {
        return Frequency.WEEKLY;
      }
      if (Integer.bitCount(blocksWithUsage) >= MONTHLY_MIN_BLOCKS) {
        return Frequency.MONTHLY;
      }
      if (blocksWithUsage != 0) {
        return Frequency.QUARTERLY;
      }
      return Frequency.INACTIVE;
    }
  }
}
