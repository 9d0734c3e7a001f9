package com.warehouseexport.core.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdoptionTest {

  @Test
  void theFirstDayWithEnoughUsageDaysInTheWindowEndingOnIt() {
    long[] days = {1, 10, 20, 30, 31, 32, 33};
    // 5 days in 28: {10,20,30,31,32} spans 22 days -> adopted on 32
    assertEquals(32, Adoption.firstAdoptionDay(days, 5, 28));
    // 3 days in 3: {30,31,32} -> 32
    assertEquals(32, Adoption.firstAdoptionDay(days, 3, 3));
    // 2 days in 2: {30,31} -> 31
    assertEquals(31, Adoption.firstAdoptionDay(days, 2, 2));
  }

  @Test
  void neverAdoptedGivesMaxValue() {
    assertEquals(Long.MAX_VALUE, Adoption.firstAdoptionDay(new long[] {1, 29, 57}, 2, 28));
    assertEquals(Long.MAX_VALUE, Adoption.firstAdoptionDay(new long[] {}, 1, 1));
  }

  @Test
  void oneUsageDayAdoptsWhenOneIsEnough() {
    assertEquals(7, Adoption.firstAdoptionDay(new long[] {7, 8}, 1, 1));
  }

  @Test
  void notBeforeSkipsEarlierAdoptionsButStillCountsEarlierDaysInTheWindow() {
    long[] days = {1, 2, 3, 50, 60, 61};
    assertEquals(2, Adoption.firstAdoptionDay(days, days.length, 2, 5, Long.MIN_VALUE));
    // from day 4 on: 60 and 61 are two days within 5
    assertEquals(61, Adoption.firstAdoptionDay(days, days.length, 2, 5, 4));
    // day 3 pairs with day 2, which lies before notBefore but inside the window
    assertEquals(3, Adoption.firstAdoptionDay(days, days.length, 2, 5, 3));
  }

  @Test
  void lengthLimitsTheDaysRead() {
    long[] days = {1, 2, 3};
    assertEquals(Long.MAX_VALUE, Adoption.firstAdoptionDay(days, 1, 2, 5, Long.MIN_VALUE));
    assertEquals(2, Adoption.firstAdoptionDay(days, 2, 2, 5, Long.MIN_VALUE));
  }
}
