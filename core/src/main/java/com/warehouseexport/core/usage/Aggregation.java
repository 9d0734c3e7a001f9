package com.warehouseexport.core.usage;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The manual-export aggregations of PRODUCT.md §3 and the data points each one yields.
 *
 * <p>"Today" is the UTC date of the as-of instant. A Mon–Sun week is complete only when its
 * Sunday's end (23:59:59.999 UTC) is at or before the as-of instant.
 */
public enum Aggregation {
  /** Just today's snapshot: one data point, today, as of the instant. */
  SNAPSHOT("snapshot", "Just today's snapshot"),
  /** The 30 days ending today; past days end at 23:59:59.999 UTC, today ends at the instant. */
  DAYS_30_DAILY("30-days-daily", "30 days, daily granularity"),
  /** The 13 most recent complete Mon–Sun weeks; Date = each Sunday. */
  MONTHS_3_WEEKLY("3-months-weekly", "3 months, weekly granularity"),
  /** The 26 most recent complete Mon–Sun weeks; Date = each Sunday. */
  MONTHS_6_WEEKLY("6-months-weekly", "6 months, weekly granularity");

  private final String id;
  private final String label;

  Aggregation(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The stable id used in APIs and job parameters, e.g. {@code 30-days-daily}. */
  public String id() {
    return id;
  }

  /** The human-readable label shown in the console. */
  public String label() {
    return label;
  }

  /**
   * Looks up an aggregation by {@link #id()}.
   *
   * @throws IllegalArgumentException if the id is unknown; the message lists the valid ids
   */
  public static Aggregation fromId(String id) {
    for (Aggregation aggregation : values()) {
      if (aggregation.id.equals(id)) {
        return aggregation;
      }
    }
    throw new IllegalArgumentException(
        "Unknown aggregation '"
            + id
            + "'; valid values: "
            + Arrays.stream(values()).map(Aggregation::id).collect(Collectors.joining(", ")));
  }

  /** The data points of this aggregation for an export as of {@code asOf}, ascending by date. */
  public List<DataPoint> dataPoints(Instant asOf) {
    LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    return switch (this) {
      case SNAPSHOT -> List.of(DataPoint.asOf(asOf));
      case DAYS_30_DAILY -> daily(today, asOf, 30);
      case MONTHS_3_WEEKLY -> weekly(asOf, 13);
      case MONTHS_6_WEEKLY -> weekly(asOf, 26);
    };
  }

  private static List<DataPoint> daily(LocalDate today, Instant asOf, int days) {
    List<DataPoint> points = new ArrayList<>(days);
    for (int back = days - 1; back > 0; back--) {
      points.add(DataPoint.endOfDay(today.minusDays(back)));
    }
    points.add(DataPoint.asOf(asOf));
    return List.copyOf(points);
  }

  private static List<DataPoint> weekly(Instant asOf, int weeks) {
    LocalDate lastSunday = lastCompleteSunday(asOf);
    List<DataPoint> points = new ArrayList<>(weeks);
    for (int back = weeks - 1; back >= 0; back--) {
      points.add(DataPoint.endOfDay(lastSunday.minusWeeks(back)));
    }
    return List.copyOf(points);
  }

  /** The Sunday of the most recent Mon–Sun week whose end is at or before {@code asOf}. */
  static LocalDate lastCompleteSunday(Instant asOf) {
    LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    if (today.getDayOfWeek() == DayOfWeek.SUNDAY
        && !asOf.isBefore(DataPoint.endOfDay(today).end())) {
      return today;
    }
    int daysSinceSunday = today.getDayOfWeek().getValue() % 7; // Mon=1 .. Sat=6, Sun=0
    return today.minusDays(daysSinceSunday == 0 ? 7 : daysSinceSunday);
  }
}
