package com.warehouseexport.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * How often an automatic export runs.
 *
 * <p>A <em>period</em> is identified by a {@link LocalDate}:
 *
 * <ul>
 *   <li>{@link #DAILY}: the UTC day that just ended (any date);
 *   <li>{@link #WEEKLY}: the Sunday that just ended (always a Sunday; the week is Monday–Sunday).
 * </ul>
 */
public enum Cadence {
  DAILY("daily"),
  WEEKLY("weekly");

  private final String id;

  Cadence(String id) {
    this.id = id;
  }

  /** The stable lower-case identifier used in settings JSON and object keys. */
  public String id() {
    return id;
  }

  /**
   * Parses an identifier ({@code "daily"} or {@code "weekly"}, case-insensitive, surrounding blanks
   * ignored).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Cadence fromId(String id) {
    if (id != null) {
      String normalized = id.strip().toLowerCase(Locale.ROOT);
      for (Cadence cadence : values()) {
        if (cadence.id.equals(normalized)) {
          return cadence;
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown schedule '" + id + "': expected 'daily' or 'weekly'");
  }

  /** Whether {@code date} can identify a period of this cadence (weekly: a Sunday). */
  public boolean isValidPeriod(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return this == DAILY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /**
   * Throws when {@code date} is not a valid period of this cadence.
   *
   * @return {@code date}
   * @throws IllegalArgumentException for a weekly period that is not a Sunday
   */
  public LocalDate requireValidPeriod(LocalDate date) {
    if (!isValidPeriod(date)) {
      throw new IllegalArgumentException(
          "A weekly period must be a Sunday, but " + date + " is a " + date.getDayOfWeek());
    }
    return date;
  }

  /** The period following {@code period} (one day or one week later). */
  LocalDate next(LocalDate period) {
    return this == DAILY ? period.plusDays(1) : period.plusWeeks(1);
  }

  /** The period {@code count} periods before {@code period}. */
  LocalDate minus(LocalDate period, long count) {
    return this == DAILY ? period.minusDays(count) : period.minusWeeks(count);
  }
}
