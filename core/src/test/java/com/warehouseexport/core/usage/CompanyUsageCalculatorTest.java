package com.warehouseexport.core.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompanyUsageCalculatorTest {

  /** A Wednesday, far from month and year edges. */
  private static final LocalDate D = LocalDate.of(2025, 6, 18);

  private static final LocalDate FIRST_SEEN = D.minusDays(200);
  private static final FeatureDefinition FEATURE = FeatureDefinition.withDefaults("f", "Feature");

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
  }

  private static Instant noon(LocalDate day) {
    return at(day, 12, 0);
  }

  /** Usage days at noon, {@code daysBack} days before {@link #D}. */
  private static List<UsageDay> usageBack(int... daysBack) {
    return Arrays.stream(daysBack)
        .boxed()
        .sorted((a, b) -> b - a)
        .map(back -> UsageDay.of(noon(D.minusDays(back))))
        .toList();
  }

  private static CompanyHistory company(List<UsageDay> usage, List<FeedbackEntry> feedback) {
    return new CompanyHistory(
        "c1",
        "Company",
        List.of(SeenDay.of(noon(FIRST_SEEN))),
        List.of(),
        Map.of(FEATURE.key(), new FeatureActivity(usage, feedback)));
  }

  private static CompanyUsageRow rowAt(CompanyHistory company, FeatureDefinition f, DataPoint p) {
    List<CompanyUsageRow> rows = CompanyUsageCalculator.rows(company, List.of(f), List.of(p));
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  private static CompanyUsageRow rowOnD(List<UsageDay> usage) {
    return rowAt(company(usage, List.of()), FEATURE, DataPoint.endOfDay(D));
  }

  private static CompanyUsageRow rowOnD(List<UsageDay> usage, List<FeedbackEntry> feedback) {
    return rowAt(company(usage, feedback), FEATURE, DataPoint.endOfDay(D));
  }

  @Nested
  class Stars {

    @Test
    void neverWithoutUsage() {
      CompanyUsageRow row = rowOnD(List.of());
      assertEquals(StarsState.NEVER, row.stars());
      assertNull(row.firstUsed());
      assertNull(row.lastUsed());
      assertEquals(Frequency.INACTIVE, row.frequency());
      assertNull(row.satisfaction());
      assertEquals(0, row.feedbackCount());
    }

    @Test
    void triedWithFourUsageDaysInTheWindow() {
      CompanyUsageRow row = rowOnD(usageBack(0, 1, 2, 27));
      assertEquals(StarsState.TRIED, row.stars());
      assertEquals(D.minusDays(27), row.firstUsed());
      assertEquals(D, row.lastUsed());
    }

    @Test
    void retainedWithFiveUsageDaysWhenTheOldestIsOnTheWindowsFirstDay() {
      assertEquals(StarsState.RETAINED, rowOnD(usageBack(0, 1, 2, 3, 27)).stars());
    }

    @Test
    void notAdoptedWhenTheFifthDayIsJustOutsideTheWindow() {
      // 28 days ending D are D-27..D; D-28 is outside, and no earlier window held 5 days.
      assertEquals(StarsState.TRIED, rowOnD(usageBack(0, 1, 2, 3, 28)).stars());
    }

    @Test
    void adoptionDoesNotNeedUsageOnDate() {
      assertEquals(StarsState.RETAINED, rowOnD(usageBack(5, 6, 7, 8, 9)).stars());
    }

    @Test
    void churnedWhenAdoptedEarlierButNotAtDate() {
      CompanyUsageRow row = rowOnD(usageBack(0, 40, 41, 42, 43, 44));
      assertEquals(StarsState.CHURNED, row.stars());
    }

    @Test
    void churnedOnTheFirstDayTheOldestUsageLeavesTheWindow() {
      // Adopted on D-1 with the window D-28..D-1; on D the usage of D-28 has left the window.
      assertEquals(StarsState.CHURNED, rowOnD(usageBack(1, 2, 3, 4, 28)).stars());
      assertEquals(StarsState.RETAINED, rowOnD(usageBack(1, 2, 3, 4, 27)).stars());
    }

    @Test
    void neverTriedRetainedChurnedOverTime() {
      CompanyHistory company = company(usageBack(30, 29, 28, 27, 26), List.of());
      List<StarsState> states =
          CompanyUsageCalculator.rows(
                  company,
                  List.of(FEATURE),
                  List.of(
                      DataPoint.endOfDay(D.minusDays(31)),
                      DataPoint.endOfDay(D.minusDays(30)),
                      DataPoint.endOfDay(D.minusDays(27)),
                      DataPoint.endOfDay(D.minusDays(26)),
                      DataPoint.endOfDay(D.minusDays(3)), // window D-30..D-3: 5 days
                      DataPoint.endOfDay(D.minusDays(2))))
              .stream()
              .map(CompanyUsageRow::stars)
              .toList();
      assertEquals(
          List.of(
              StarsState.NEVER,
              StarsState.TRIED,
              StarsState.TRIED,
              StarsState.RETAINED,
              StarsState.RETAINED,
              StarsState.CHURNED),
          states);
    }

    @Test
    void usesTheFeaturesOwnThresholds() {
      FeatureDefinition quick = new FeatureDefinition("f", "Quick", 2, 7);
      CompanyHistory adopted = company(usageBack(0, 6), List.of());
      CompanyHistory notAdopted = company(usageBack(0, 7), List.of());
      assertEquals(StarsState.RETAINED, rowAt(adopted, quick, DataPoint.endOfDay(D)).stars());
      assertEquals(StarsState.TRIED, rowAt(notAdopted, quick, DataPoint.endOfDay(D)).stars());
    }

    @Test
    void laterUsageDoesNotCount() {
      CompanyUsageRow row = rowOnD(usageBack(1, 2, 3, 4, -1, -2));
      assertEquals(StarsState.TRIED, row.stars());
      assertEquals(D.minusDays(1), row.lastUsed());
    }
  }

  @Nested
  class FrequencyRules {

    private Frequency frequency(int... daysBack) {
      return rowOnD(usageBack(daysBack)).frequency();
    }

    @Test
    void dailyWithEightUsageDaysInTheLastFourteen() {
      assertEquals(Frequency.DAILY, frequency(IntStream.rangeClosed(6, 13).toArray()));
    }

    @Test
    void notDailyWithSeven() {
      // D-14..D-8 plus D-7: only 7 of them (D-13..D-7) are within the 14 days; 2 blocks used.
      assertEquals(Frequency.QUARTERLY, frequency(IntStream.rangeClosed(7, 14).toArray()));
    }

    @Test
    void weeklyWithUsageInThreeOfTheLastFourBlocks() {
      assertEquals(Frequency.WEEKLY, frequency(0, 7, 14));
      assertEquals(Frequency.WEEKLY, frequency(6, 13, 27));
    }

    @Test
    void notWeeklyWithTwoBlocks() {
      assertEquals(Frequency.QUARTERLY, frequency(0, 7));
      // D-28 is in the fifth block, not in the last four.
      assertEquals(Frequency.QUARTERLY, frequency(28, 13, 6));
    }

    @Test
    void monthlyWithUsageInSevenOfTheLastTwelveBlocks() {
      // blocks 0, 2, 4, 5, 6, 7 and 11 (its oldest day, D-83); only 2 of the first 4
      assertEquals(Frequency.MONTHLY, frequency(0, 14, 28, 35, 42, 49, 83));
    }

    @Test
    void notMonthlyWithSixBlocks() {
      // D-84 is in block 12, outside the last 12 blocks
      assertEquals(Frequency.QUARTERLY, frequency(0, 14, 28, 35, 42, 49, 84));
    }

    @Test
    void quarterlyWithAnyUsageInTheLast84Days() {
      assertEquals(Frequency.QUARTERLY, frequency(83));
    }

    @Test
    void inactiveWhenTheLastUsageIs84DaysBeforeDate() {
      CompanyUsageRow row = rowOnD(usageBack(84));
      assertEquals(Frequency.INACTIVE, row.frequency());
      assertEquals(StarsState.TRIED, row.stars());
    }

    @Test
    void firstMatchWins() {
      // daily and weekly both hold
      assertEquals(Frequency.DAILY, frequency(IntStream.rangeClosed(0, 27).toArray()));
    }
  }

  @Nested
  class SatisfactionAndFeedback {

    private FeedbackEntry fb(String user, int daysBack, Integer score) {
      return new FeedbackEntry(user, noon(D.minusDays(daysBack)), score);
    }

    @ParameterizedTest
    @CsvSource({
      "'3,4', SATISFIED", // 3.5 rounds half up to 4
      "'2,3', NEUTRAL", // 2.5 -> 3
      "'2,2,2,3,3,3,2', DISSATISFIED", // 17/7 = 2.43 -> 2
      "'1,1,2', VERY_DISSATISFIED", // 1.33 -> 1
      "'4,5', VERY_SATISFIED", // 4.5 -> 5
      "'5,4,4', SATISFIED" // 4.33 -> 4
    })
    void meanOfUsersScoresRoundedHalfUp(String scores, Satisfaction expected) {
      List<FeedbackEntry> feedback = new ArrayList<>();
      String[] values = scores.split(",");
      for (int i = 0; i < values.length; i++) {
        feedback.add(fb("u" + i, 10 - i, Integer.valueOf(values[i])));
      }
      CompanyUsageRow row = rowOnD(List.of(), feedback);
      assertEquals(expected, row.satisfaction());
      assertEquals(values.length, row.feedbackCount());
    }

    @Test
    void eachUsersLatestScoreWins() {
      List<FeedbackEntry> feedback = List.of(fb("a", 9, 1), fb("b", 8, 5), fb("a", 7, 5));
      CompanyUsageRow row = rowOnD(List.of(), feedback);
      assertEquals(Satisfaction.VERY_SATISFIED, row.satisfaction());
      assertEquals(3, row.feedbackCount());
    }

    @Test
    void feedbackWithoutScoreCountsButKeepsTheUsersLatestScore() {
      List<FeedbackEntry> feedback = List.of(fb("a", 9, 2), fb("a", 7, null), fb("b", 6, null));
      CompanyUsageRow row = rowOnD(List.of(), feedback);
      assertEquals(Satisfaction.DISSATISFIED, row.satisfaction());
      assertEquals(3, row.feedbackCount());
    }

    @Test
    void onlyUnscoredFeedbackGivesNullSatisfaction() {
      CompanyUsageRow row = rowOnD(List.of(), List.of(fb("a", 3, null)));
      assertNull(row.satisfaction());
      assertEquals(1, row.feedbackCount());
    }

    @Test
    void feedbackAfterDateDoesNotCount() {
      List<FeedbackEntry> feedback = List.of(fb("a", 1, 2), fb("a", -1, 5), fb("b", -2, 5));
      CompanyUsageRow row = rowOnD(List.of(), feedback);
      assertEquals(Satisfaction.DISSATISFIED, row.satisfaction());
      assertEquals(1, row.feedbackCount());
    }

    @Test
    void feedbackAtTheLastMillisecondOfDateCounts() {
      Instant end = DataPoint.endOfDay(D).end();
      List<FeedbackEntry> feedback =
          List.of(new FeedbackEntry("a", end, 4), new FeedbackEntry("b", end.plusMillis(1), 1));
      CompanyUsageRow row = rowOnD(List.of(), feedback);
      assertEquals(Satisfaction.SATISFIED, row.satisfaction());
      assertEquals(1, row.feedbackCount());
    }
  }

  @Nested
  class MidDayAsOf {

    private final Instant asOf = at(D, 9, 15);

    @Test
    void usageLaterTheSameDayDoesNotCount() {
      CompanyHistory company =
          company(List.of(UsageDay.of(noon(D.minusDays(2))), UsageDay.of(at(D, 9, 16))), List.of());
      CompanyUsageRow row = rowAt(company, FEATURE, DataPoint.asOf(asOf));
      assertEquals(D.minusDays(2), row.lastUsed());
      assertEquals(D, row.date());
      CompanyUsageRow endOfDay = rowAt(company, FEATURE, DataPoint.endOfDay(D));
      assertEquals(D, endOfDay.lastUsed());
    }

    @Test
    void usageExactlyAtTheInstantCounts() {
      CompanyHistory company = company(List.of(UsageDay.of(asOf)), List.of());
      assertEquals(D, rowAt(company, FEATURE, DataPoint.asOf(asOf)).firstUsed());
    }

    @Test
    void adoptionCompletedLaterTheSameDayDoesNotCount() {
      List<UsageDay> usage = new ArrayList<>(usageBack(1, 2, 3, 4));
      usage.add(UsageDay.of(at(D, 10, 0)));
      CompanyUsageRow row = rowAt(company(usage, List.of()), FEATURE, DataPoint.asOf(asOf));
      assertEquals(StarsState.TRIED, row.stars());
    }

    @Test
    void seenLaterTheSameDayDoesNotMoveLastSeen() {
      CompanyHistory company =
          new CompanyHistory(
              "c1",
              null,
              List.of(SeenDay.of(noon(D.minusDays(3))), SeenDay.of(at(D, 9, 16))),
              List.of(),
              Map.of());
      CompanyUsageRow row = rowAt(company, FEATURE, DataPoint.asOf(asOf));
      assertEquals(D.minusDays(3), row.firstSeen());
      assertEquals(D.minusDays(3), row.lastSeen());
      assertEquals(D, rowAt(company, FEATURE, DataPoint.endOfDay(D)).lastSeen());
    }
  }

  @Nested
  class RowsAndColumns {

    @Test
    void noRowsForPointsBeforeTheCompanyWasFirstSeen() {
      Instant firstSeen = at(D, 9, 15);
      CompanyHistory company =
          new CompanyHistory("c1", null, List.of(SeenDay.of(firstSeen)), List.of(), Map.of());
      List<DataPoint> points =
          List.of(
              DataPoint.endOfDay(D.minusDays(1)),
              DataPoint.asOf(firstSeen.minusMillis(1)),
              DataPoint.asOf(firstSeen),
              DataPoint.endOfDay(D));
      List<CompanyUsageRow> rows = CompanyUsageCalculator.rows(company, List.of(FEATURE), points);
      assertEquals(2, rows.size());
      assertTrue(rows.stream().allMatch(r -> r.firstSeen().equals(D) && r.lastSeen().equals(D)));
    }

    @Test
    void noRowsForACompanyNeverSeen() {
      CompanyHistory company = new CompanyHistory("c1", null, List.of(), List.of(), Map.of());
      assertEquals(
          List.of(),
          CompanyUsageCalculator.rows(company, List.of(FEATURE), List.of(DataPoint.endOfDay(D))));
    }

    @Test
    void lastSeenIsTheLatestSeenDayUpToDate() {
      CompanyHistory company =
          new CompanyHistory(
              "c1",
              null,
              List.of(
                  SeenDay.of(noon(D.minusDays(10))),
                  SeenDay.of(noon(D.minusDays(4))),
                  SeenDay.of(noon(D.plusDays(1)))),
              List.of(),
              Map.of());
      CompanyUsageRow row = rowAt(company, FEATURE, DataPoint.endOfDay(D));
      assertEquals(D.minusDays(10), row.firstSeen());
      assertEquals(D.minusDays(4), row.lastSeen());
    }

    @Test
    void oneRowPerFeatureOrderedByFeatureIdInCodePointOrderThenDate() {
      List<FeatureDefinition> features =
          List.of(
              FeatureDefinition.withDefaults("b", "B"),
              FeatureDefinition.withDefaults("\uD83D\uDE00", "emoji"),
              FeatureDefinition.withDefaults("\uFB01", "ligature"),
              FeatureDefinition.withDefaults("B", "upper"),
              FeatureDefinition.withDefaults("a", "A"));
      CompanyHistory company =
          new CompanyHistory(
              "c1", "Name", List.of(SeenDay.of(noon(FIRST_SEEN))), List.of(), Map.of());
      List<DataPoint> points = List.of(DataPoint.endOfDay(D), DataPoint.endOfDay(D.minusDays(1)));
      List<CompanyUsageRow> rows = CompanyUsageCalculator.rows(company, features, points);
      assertEquals(
          List.of("B", "B", "a", "a", "b", "b", "\uFB01", "\uFB01", "\uD83D\uDE00", "\uD83D\uDE00"),
          rows.stream().map(CompanyUsageRow::featureId).toList());
      assertEquals(D.minusDays(1), rows.get(0).date());
      assertEquals(D, rows.get(1).date());
      assertEquals("upper", rows.get(0).featureName());
      assertTrue(rows.stream().allMatch(r -> r.stars() == StarsState.NEVER));
      assertTrue(rows.stream().allMatch(r -> r.companyName().equals("Name")));
    }

    @Test
    void segmentsSortedByNameInCodePointOrderWithIdsInTheSameOrder() {
      List<SegmentRef> segments =
          List.of(
              new SegmentRef("s-emoji", "\uD83D\uDE00 fans"),
              new SegmentRef("s-lig", "\uFB01nance"),
              new SegmentRef("s-alpha", "alpha"),
              new SegmentRef("s-umlaut", "\u00C4rger"),
              new SegmentRef("s-zeta", "Zeta"));
      CompanyHistory company =
          new CompanyHistory("c1", null, List.of(SeenDay.of(noon(FIRST_SEEN))), segments, Map.of());
      CompanyUsageRow row = rowAt(company, FEATURE, DataPoint.endOfDay(D));
      assertEquals("Zeta,alpha,\u00C4rger,\uFB01nance,\uD83D\uDE00 fans", row.segmentNames());
      assertEquals("s-zeta,s-alpha,s-umlaut,s-lig,s-emoji", row.segmentIds());
      assertNull(row.companyName());
    }

    @Test
    void noSegmentsGiveEmptyStrings() {
      CompanyUsageRow row = rowOnD(List.of());
      assertEquals("", row.segmentNames());
      assertEquals("", row.segmentIds());
    }
  }
}
