package com.warehouseexport.core.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Schedule arithmetic for automatic exports. Everything is in UTC.
 *
 * <ul>
 *   <li>The <b>as-of</b> instant of a period is the first instant after it: {@code period + 1 day}
 *       at 00:00 UTC. Daily: the period is the day that just ended. Weekly: the period is a Sunday
 *       and the as-of instant is the following Monday 00:00 UTC.
 *   <li>The <b>run-at</b> instant is {@code asOf + grace}; the grace delay lets late events arrive.
 *       An export for a period is <em>due</em> once {@code runAt <= now}.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExportSchedule {

  /** The default grace delay between the end of a period and its export: 15 minutes. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);

  private final Duration grace;

  /** A schedule with {@link #DEFAULT_GRACE}. */
  public ExportSchedule() {
    this(DEFAULT_GRACE);
  }

  /**
   * @param grace delay after the as-of instant before the export runs; zero or positive
   * @throws IllegalArgumentException when negative
   */
  public ExportSchedule(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("The grace delay must not be negative: " + grace);
    }
    this.grace = grace;
  }

  public Duration grace() {
    return grace;
  }

  /**
   * The snapshot instant of a period: {@code period + 1 day} at 00:00 UTC.
   *
   * @throws IllegalArgumentException for a weekly period that is not a Sunday
   */
  public Instant asOf(Cadence cadence, LocalDate period) {
    Objects.requireNonNull(cadence, "cadence");
    cadence.requireValidPeriod(period);
    return period.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * When the export of a period runs: {@link #asOf} + grace.
   *
   * @throws IllegalArgumentException for a weekly period that is not a Sunday
   */
  public Instant runAt(Cadence cadence, LocalDate period) {
    return asOf(cadence, period).plus(grace);
  }

  /**
   * The newest period whose {@link #runAt} is at or before {@code now}. Empty only when no such
   * period is representable (dates near {@link LocalDate#MIN}).
   */
  public Optional<LocalDate> latestDuePeriod(Cadence cadence, Instant now) {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(now, "now");
    try {
      // runAt(p) <= now  <=>  (p + 1 day) at 00:00 <= now - grace  <=>  p <= day(now - grace) - 1
      LocalDate lastPossible = LocalDate.ofInstant(now.minus(grace), ZoneOffset.UTC).minusDays(1);
      if (cadence == Cadence.DAILY) {
        return Optional.of(lastPossible);
      }
      return Optional.of(lastPossible.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The earliest {@link #runAt} strictly after {@code now}. */
  public Instant nextRunAt(Cadence cadence, Instant now) {
    LocalDate latest =
        latestDuePeriod(cadence, now)
            .orElseThrow(() -> new IllegalArgumentException("Instant out of range: " + now));
    return runAt(cadence, cadence.next(latest));
  }

  /**
   * The periods that are due and not yet exported, <b>oldest first</b>.
   *
   * <p>Precisely: every period {@code p} of the cadence (weekly: Sundays only) with
   *
   * <ol>
   *   <li>{@code runAt(p) <= now} (it is due),
   *   <li>{@code p >= enabledOn} (weekly: the first Sunday on or after {@code enabledOn}; so
   *       settings saved on a Thursday first export the week ending the coming Sunday, on Monday),
   *   <li>{@code p > lastExported} when {@code lastExported} is not null (a non-Sunday {@code
   *       lastExported} for a weekly cadence, e.g. after switching from daily, means "the first
   *       Sunday after it"),
   *   <li>{@code p} is one of the {@code maxLookBackPeriods} newest due periods: after a longer
   *       outage the older missed periods are skipped, not exported.
   * </ol>
   *
   * The result is empty when nothing is due.
   *
   * @param lastExported the newest period already exported successfully, or null when never
   * @param enabledOn the first eligible period, typically the UTC day the settings were saved
   * @param maxLookBackPeriods at least 1
   * @throws IllegalArgumentException when {@code maxLookBackPeriods < 1}
   */
  public List<LocalDate> duePeriods(
      Cadence cadence,
      Instant now,
      LocalDate lastExported,
      LocalDate enabledOn,
      int maxLookBackPeriods) {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(enabledOn, "enabledOn");
    if (maxLookBackPeriods < 1) {
      throw new IllegalArgumentException(
          "maxLookBackPeriods must be at least 1, was " + maxLookBackPeriods);
    }
    Optional<LocalDate> latestDue = latestDuePeriod(cadence, now);
    if (latestDue.isEmpty()) {
      return List.of();
    }
    LocalDate latest = latestDue.get();

    LocalDate start = alignUp(cadence, enabledOn);
    if (lastExported != null) {
      LocalDate afterLast = alignUp(cadence, lastExported.plusDays(1));
      if (afterLast.isAfter(start)) {
        start = afterLast;
      }
    }
    LocalDate oldestInWindow = oldestInWindow(cadence, now, maxLookBackPeriods).orElseThrow();
    if (oldestInWindow.isAfter(start)) {
      start = oldestInWindow;
    }

    List<LocalDate> periods = new ArrayList<>();
    for (LocalDate p = start; !p.isAfter(latest); p = cadence.next(p)) {
      periods.add(p);
    }
    return List.copyOf(periods);
  }

  /**
   * The oldest period inside the look-back window at {@code now}: the {@code maxLookBackPeriods}-th
   * newest due period; empty when nothing is due.
   */
  public Optional<LocalDate> oldestInWindow(Cadence cadence, Instant now, int maxLookBackPeriods) {
    if (maxLookBackPeriods < 1) {
      throw new IllegalArgumentException(
          "maxLookBackPeriods must be at least 1, was " + maxLookBackPeriods);
    }
    return latestDuePeriod(cadence, now).map(l -> cadence.minus(l, maxLookBackPeriods - 1L));
  }

  /**
   * The periods that {@link #duePeriods} skips because they fell outside the look-back window:
   * eligible (on or after {@code enabledOn}, after {@code lastExported}) and due, but older than
   * the {@code maxLookBackPeriods} newest due periods. Oldest first, at most the {@code limit}
   * newest of them. They are shown to the admin as <em>missed</em>, never silently dropped.
   */
  public List<LocalDate> missedPeriods(
      Cadence cadence,
      Instant now,
      LocalDate lastExported,
      LocalDate enabledOn,
      int maxLookBackPeriods,
      int limit) {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(enabledOn, "enabledOn");
    if (maxLookBackPeriods < 1 || limit < 0) {
      throw new IllegalArgumentException("maxLookBackPeriods >= 1 and limit >= 0 are required");
    }
    Optional<LocalDate> latestDue = latestDuePeriod(cadence, now);
    if (latestDue.isEmpty() || limit == 0) {
      return List.of();
    }
    LocalDate start = alignUp(cadence, enabledOn);
    if (lastExported != null) {
      LocalDate afterLast = alignUp(cadence, lastExported.plusDays(1));
      if (afterLast.isAfter(start)) {
        start = afterLast;
      }
    }
    LocalDate oldestInWindow = cadence.minus(latestDue.get(), maxLookBackPeriods - 1L);
    LocalDate newestMissed = cadence.minus(oldestInWindow, 1);
    LocalDate oldestShown = cadence.minus(newestMissed, limit - 1L);
    if (oldestShown.isAfter(start)) {
      start = oldestShown;
    }
    List<LocalDate> periods = new ArrayList<>();
    for (LocalDate p = start; !p.isAfter(newestMissed); p = cadence.next(p)) {
      periods.add(p);
    }
    return List.copyOf(periods);
  }

  /** The first period of the cadence on or after {@code date}. */
  private static LocalDate alignUp(Cadence cadence, LocalDate date) {
    return cadence == Cadence.DAILY
        ? date
        : date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
  }

  @Override
  public String toString() {
    return "ExportSchedule[grace=" + grace + "]";
  }
}
