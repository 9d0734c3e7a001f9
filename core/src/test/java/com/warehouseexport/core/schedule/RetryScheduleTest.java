package com.warehouseexport.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private final RetrySchedule defaults =
      new RetrySchedule(
          RetrySchedule.DEFAULT_INITIAL,
          RetrySchedule.DEFAULT_MAX,
          RetrySchedule.DEFAULT_GIVE_UP_AFTER);

  private static final Instant DUE = Instant.parse("2026-11-27T00:15:00Z");

  @Test
  void theHorizonCountsFromTheLaterOfDueTimeAndRequest() {
    Instant request = DUE.plus(Duration.ofDays(30)); // a backfill a month later
    assertEquals(DUE, RetrySchedule.horizonStart(DUE, null), "nobody asked: the due time");
    assertEquals(request, RetrySchedule.horizonStart(DUE, request));
    assertEquals(DUE, RetrySchedule.horizonStart(DUE, DUE.minusSeconds(1)), "asked before due");
    assertEquals(DUE, RetrySchedule.horizonStart(DUE, DUE));
  }

  @Test
  void aBackfillOfAnOldPeriodIsRetriedFor48HoursFromTheRequest() {
    Instant request = DUE.plus(Duration.ofDays(30));
    Instant failed = request.plus(Duration.ofMinutes(5));
    // Counted from the due time it is long past the horizon: one attempt only.
    assertInstanceOf(RetrySchedule.GiveUp.class, defaults.next(DUE, 1, failed, 7));
    // Counted from the request it is retried, until 48 h after the request.
    RetrySchedule.Decision retry =
        defaults.next(RetrySchedule.horizonStart(DUE, request), 1, failed, 7);
    assertInstanceOf(RetrySchedule.RetryAt.class, retry);
    RetrySchedule.Decision late =
        defaults.next(
            RetrySchedule.horizonStart(DUE, request),
            9,
            request.plus(Duration.ofHours(47).plusMinutes(30)),
            7);
    assertEquals(
        new RetrySchedule.GiveUp(request.plus(Duration.ofHours(48))), late, "then it gives up");
  }

  @Test
  void delaysDoubleFromOneMinuteAndAreCappedAtOneHour() {
    assertEquals(Duration.ofMinutes(1), defaults.baseDelay(1));
    assertEquals(Duration.ofMinutes(2), defaults.baseDelay(2));
    assertEquals(Duration.ofMinutes(4), defaults.baseDelay(3));
    assertEquals(Duration.ofMinutes(32), defaults.baseDelay(6));
    assertEquals(Duration.ofHours(1), defaults.baseDelay(7), "64 min is capped at 60");
    assertEquals(Duration.ofHours(1), defaults.baseDelay(50));
    assertEquals(Duration.ofHours(1), defaults.baseDelay(Integer.MAX_VALUE), "no overflow");
  }

  @Test
  void jitterStaysWithinTwentyPercentAndNeverExceedsTheCap() {
    Set<Long> distinct = new HashSet<>();
    for (long seed = 0; seed < 2_000; seed++) {
      long first = defaults.jitteredDelay(1, seed).toMillis();
      assertTrue(first >= 48_000 && first <= 72_000, "about a minute: " + first);
      distinct.add(first);
      long capped = defaults.jitteredDelay(20, seed).toMillis();
      assertTrue(capped >= 48 * 60_000 && capped <= 60 * 60_000, "capped: " + capped);
    }
    assertTrue(distinct.size() > 500, "the jitter spreads retries: " + distinct.size());
  }

  @Test
  void theSameSeedGivesTheSameDecisionOnEveryNode() {
    long seed = RetrySchedule.seed(42, "daily", 20_000, 3);
    assertEquals(defaults.jitteredDelay(3, seed), defaults.jitteredDelay(3, seed));
    assertNotEquals(seed, RetrySchedule.seed(42, "daily", 20_000, 4));
    assertNotEquals(seed, RetrySchedule.seed(43, "daily", 20_000, 3));
  }

  @Test
  void retriesUntilTheHorizonThenGivesUpNamingIt() {
    Instant failed = DUE.plus(Duration.ofMinutes(5));
    RetrySchedule.Decision first = defaults.next(DUE, 1, failed, 7);
    RetrySchedule.RetryAt retry = assertInstanceOf(RetrySchedule.RetryAt.class, first);
    Duration wait = Duration.between(failed, retry.at());
    assertTrue(wait.toSeconds() >= 48 && wait.toSeconds() <= 72, wait.toString());

    Instant lateFailure = DUE.plus(Duration.ofHours(47).plusMinutes(30));
    RetrySchedule.Decision late = defaults.next(DUE, 30, lateFailure, 7);
    RetrySchedule.GiveUp giveUp = assertInstanceOf(RetrySchedule.GiveUp.class, late);
    assertEquals(DUE.plus(Duration.ofHours(48)), giveUp.horizon());

    RetrySchedule.Decision justBefore = defaults.next(DUE, 1, DUE.plus(Duration.ofHours(46)), 7);
    assertInstanceOf(RetrySchedule.RetryAt.class, justBefore);
  }

  @Test
  void aPeriodAlreadyPastTheHorizonGivesUpAfterItsFirstFailure() {
    Instant failed = DUE.plus(Duration.ofDays(5));
    assertInstanceOf(RetrySchedule.GiveUp.class, defaults.next(DUE, 1, failed, 1));
  }

  @Test
  void shortenedSettingsForTests() {
    RetrySchedule quick =
        new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(1));
    assertEquals(Duration.ofSeconds(4), quick.baseDelay(2));
    assertEquals(Duration.ofSeconds(5), quick.baseDelay(3));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetrySchedule(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetrySchedule(Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(-1)));
    assertThrows(IllegalArgumentException.class, () -> defaults.baseDelay(0));
  }
}
