package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.ExportSchedule;
import com.warehouseexport.core.schedule.RetrySchedule;
import com.warehouseexport.platform.ServerSettings;
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
    String grace = ServerSettings.value("EXPORT_GRACE", "warehouse.export.grace");
    return new ExportSchedule(grace == null ? ExportSchedule.DEFAULT_GRACE : Duration.parse(grace));
  }

  public static int lookBackPeriods() {
    String value =
        ServerSettings.value("EXPORT_LOOKBACK_PERIODS", "warehouse.export.lookback-periods");
    return value == null ? 14 : Math.max(1, Integer.parseInt(value));
  }

  /**
   * Retries of a failed period: first after {@code EXPORT_RETRY_INITIAL} (PT1M), doubling, at most
   * {@code EXPORT_RETRY_MAX} (PT1H) apart, until {@code EXPORT_GIVE_UP_AFTER} (PT48H) past due.
   */
  public static RetrySchedule retrySchedule() {
    return new RetrySchedule(
        ServerSettings.duration(
            "EXPORT_RETRY_INITIAL",
            "warehouse.export.retry-initial",
            RetrySchedule.DEFAULT_INITIAL),
        ServerSettings.duration(
            "EXPORT_RETRY_MAX", "warehouse.export.retry-max", RetrySchedule.DEFAULT_MAX),
        ServerSettings.duration(
            "EXPORT_GIVE_UP_AFTER",
            "warehouse.export.give-up-after",
            RetrySchedule.DEFAULT_GIVE_UP_AFTER));
  }

  /**
   * How long a claim may stay without a started execution before the next tick (on any node) starts
   * it ({@code EXPORT_CLAIM_DEADLINE}, default PT2M): a crash between claim and start.
   */
  public static Duration claimDeadline() {
    return ServerSettings.duration(
        "EXPORT_CLAIM_DEADLINE", "warehouse.export.claim-deadline", Duration.ofMinutes(2));
  }

  /** How often every node runs its own scheduler tick ({@code EXPORT_TICK_INTERVAL}, PT30S). */
  public static Duration tickInterval() {
    return ServerSettings.duration(
        "EXPORT_TICK_INTERVAL", "warehouse.export.tick-interval", Duration.ofSeconds(30));
  }
}
