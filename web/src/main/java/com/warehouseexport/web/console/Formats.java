package com.warehouseexport.web.console;

import com.warehouseexport.core.usage.Aggregation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the console writes sizes, durations, instants and aggregations (pure, unit-tested). */
public final class Formats {

  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter INSTANT_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Formats() {}

  /** 0 B, 999 B, 1.0 kB, 12.3 MB … (decimal units, as browsers show downloads). */
  public static String bytes(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double value = bytes;
    int unit = -1;
    while (value >= 999.95 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** 0.4 s, 12 s, 3 min 05 s, 2 h 03 min; null for an unknown duration. */
  public static String duration(Duration d) {
    if (d == null || d.isNegative()) {
      return null;
    }
    long millis = d.toMillis();
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = d.toSeconds();
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }

  /** The duration between two instants; an open end counts until {@code now}. */
  public static Duration between(Instant start, Instant end, Instant now) {
    if (start == null) {
      return null;
    }
    return Duration.between(start, end == null ? now : end);
  }

  public static String instant(Instant instant) {
    return instant == null ? "" : INSTANT.format(instant);
  }

  /**
   * To the second, where runs minutes apart or seconds long must be told apart (a run's times and
   * attempts): 2026-12-06 20:07:05 UTC; "" for null.
   */
  public static String instantSeconds(Instant instant) {
    return instant == null ? "" : INSTANT_SECONDS.format(instant);
  }

  /** ISO-8601 for a {@code <time datetime>} attribute; "" for null. */
  public static String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  /** 12,345 */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** The console label of an aggregation id; the id itself if unknown (e.g. null → ""). */
  public static String aggregation(String id) {
    if (id == null) {
      return "";
    }
    try {
      return Aggregation.fromId(id).label();
    } catch (IllegalArgumentException e) {
      return id;
    }
  }

  /** Batch status names as people read them: COMPLETED → Completed. */
  public static String status(String status) {
    if (status == null || status.isEmpty()) {
      return "";
    }
    return status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT);
  }

  /**
   * "2026-11-20, 2026-11-21 and 2026-11-22" (more than 5: the first, "…", the last and a count).
   */
  static String periods(List<java.time.LocalDate> periods) {
    if (periods.size() > 5) {
      return periods.get(0)
          + " … "
          + periods.get(periods.size() - 1)
          + " ("
          + periods.size()
          + " periods)";
    }
    return list(periods.stream().map(Object::toString).toList());
  }

  /** "a", "a and b", "a, b and c": items as a sentence lists them. */
  static String list(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  /**
   * A path cut after each slash ({@code s3://b/exports/x.csv} → {@code s3:/}, {@code /}, {@code
   * b/}, {@code exports/}, {@code x.csv}), so a narrow screen wraps it at a folder.
   */
  static List<String> cutAfterSlashes(String path) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', from)) {
      parts.add(path.substring(from, slash + 1));
      from = slash + 1;
    }
    if (from < path.length()) {
      parts.add(path.substring(from));
    }
    return parts;
  }
}
