package com.warehouseexport.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One data point of an export: the row's Date and the inclusive instant at which all "as of"
 * columns are evaluated.
 *
 * <p>For a past day the end is 23:59:59.999 UTC of that day; for a snapshot it is the as-of instant
 * itself. Tracking timestamps are assumed to have millisecond precision.
 *
 * @param date the data point's Date (UTC)
 * @param end the inclusive evaluation instant; its UTC date must equal {@code date}
 */
public record DataPoint(LocalDate date, Instant end) {

  /** Validates that {@code end} lies within the UTC day {@code date}. */
  public DataPoint {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(end, "end");
    if (!LocalDate.ofInstant(end, ZoneOffset.UTC).equals(date)) {
      throw new IllegalArgumentException("end " + end + " is not within the UTC day " + date);
    }
  }

  /** The data point for a whole UTC day: end = 23:59:59.999 UTC of {@code date}. */
  public static DataPoint endOfDay(LocalDate date) {
    Instant end = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    return new DataPoint(date, end);
  }

  /** The data point for a snapshot at {@code instant}: Date = its UTC date, end = instant. */
  public static DataPoint asOf(Instant instant) {
    return new DataPoint(LocalDate.ofInstant(instant, ZoneOffset.UTC), instant);
  }

  /** Whether something that happened at {@code t} counts for this data point ({@code t <= end}). */
  public boolean includes(Instant t) {
    return !t.isAfter(end);
  }
}
