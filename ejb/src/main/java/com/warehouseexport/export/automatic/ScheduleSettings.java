package com.warehouseexport.export.automatic;

import com.warehouseexport.core.schedule.ExportSchedule;
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

  /** Failed automatic runs of a period are retried this many times in all. */
  public static int maxAttempts() {
    String value = setting("EXPORT_MAX_ATTEMPTS", "warehouse.export.max-attempts");
    return value == null ? 3 : Math.max(1, Integer.parseInt(value));
  }

  static String setting(String env, String property) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      value = System.getProperty(property);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
