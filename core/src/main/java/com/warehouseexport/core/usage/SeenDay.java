package com.warehouseexport.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC day on which a company was seen (referenced by a company call or an attributed event or
 * feedback).
 *
 * @param day the UTC day
 * @param firstAt the earliest instant the company was seen that day
 */
public record SeenDay(LocalDate day, Instant firstAt) {

  /** Validates that {@code firstAt} lies within {@code day} (UTC). */
  public SeenDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(firstAt, "firstAt");
    if (!LocalDate.ofInstant(firstAt, ZoneOffset.UTC).equals(day)) {
      throw new IllegalArgumentException(firstAt + " is not within the UTC day " + day);
    }
  }

  /** The seen day of a single instant. */
  public static SeenDay of(Instant at) {
    return new SeenDay(LocalDate.ofInstant(at, ZoneOffset.UTC), at);
  }
}
