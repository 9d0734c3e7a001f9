package com.warehouseexport.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC day with at least one usage of a feature by a company (one row of the daily rollup).
 *
 * <p>A data point whose end falls within this day counts the day only if {@code firstAt <= end}.
 *
 * @param day the UTC day
 * @param firstAt the earliest usage instant that day
 */
public record UsageDay(LocalDate day, Instant firstAt) {

  /** Validates that {@code firstAt} lies within {@code day} (UTC). */
  public UsageDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(firstAt, "firstAt");
    if (!LocalDate.ofInstant(firstAt, ZoneOffset.UTC).equals(day)) {
      throw new IllegalArgumentException(firstAt + " is not within the UTC day " + day);
    }
  }

  /** The usage day of a single usage instant. */
  public static UsageDay of(Instant at) {
    return new UsageDay(LocalDate.ofInstant(at, ZoneOffset.UTC), at);
  }
}
