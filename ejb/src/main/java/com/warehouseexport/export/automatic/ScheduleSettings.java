package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import java.time.Duration;

/**
 * Server configuration of the automatic export schedule: grace delay after midnight UTC ({@code
 * EXPORT_GRACE} / {@code warehouse.export.grace}, ISO-8601 duration, default PT15M) and how many
 * missed periods are caught up at most ({@code EXPORT_LOOKBACK_PERIODS} / {@code
 * warehouse.export.lookback-periods}, default 14).
 */
public final class ScheduleSettings {

  private ScheduleSettings() {}

  public static ExportSchedule schedule() {
    String grace = setting("EXPORT_GRACE", "warehouse.export.grace");
    return new ExportSchedule(grace == null ? ExportSchedule.DEFAULT_GRACE : Duration.parse(grace));
  }

  public static int lookBackPeriods() {
    String value = setting("EXPORT_LOOKBACK_PERIODS", "warehouse.export.lookback-periods");
    return value == null ? 14 : Math.max(1, Integer.parseInt(value));
  }

  /**
   * Retries of a failed period: first after {@code EXPORT_RETRY_INITIAL} (PT1M), doubling, at most
   * {@code EXPORT_RETRY_MAX} (PT1H) apart, until {@code EXPORT_GIVE_UP_AFTER} (PT48H) past due.
   */
  public static RetrySchedule retrySchedule() {
    return new RetrySchedule(
        duration(
            "EXPORT_RETRY_INITIAL",
            "warehouse.export.retry-initial",
            RetrySchedule.DEFAULT_INITIAL),
        duration("EXPORT_RETRY_MAX", "warehouse.export.retry-max", RetrySchedule.DEFAULT_MAX),
        duration(
            "EXPORT_GIVE_UP_AFTER",
            "warehouse.export.give-up-after",
            RetrySchedule.DEFAULT_GIVE_UP_AFTER));
  }

  /**
   * How long a claim may stay without a started execution before the next tick (on any node) starts
   * it ({@code EXPORT_CLAIM_DEADLINE}, default PT2M): a crash between claim and start.
   */
  public static Duration claimDeadline() {
    return duration(
        "EXPORT_CLAIM_DEADLINE", "warehouse.export.claim-deadline", Duration.ofMinutes(2));
  }

  /** How often every node runs its own scheduler tick ({@code EXPORT_TICK_INTERVAL}, PT30S). */
  public static Duration tickInterval() {
    return duration(
        "EXPORT_TICK_INTERVAL", "warehouse.export.tick-interval", Duration.ofSeconds(30));
  }

  static Duration duration(String env, String property, Duration fallback) {
    String value = setting(env, property);
    if (value == null) {
      return fallback;
    }
    try {
      return Duration.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalStateException(
          env + " must be an ISO-8601 duration such as PT1M, was '" + value + "'", e);
    }
  }

  static String setting(String env, String property) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      value = System.getProperty(property);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
