package com.warehouseexport.export.manual;

import com.warehouseexport.cluster.ClusterSettings;
import com.warehouseexport.platform.ServerSettings;

/**
 * Fairness between tenants and between manual and automatic exports (PRODUCT.md §9): at most {@code
 * EXPORT_MANUAL_PER_ENVIRONMENT} (2) manual exports of one environment run at once, across all
 * nodes; and one node runs at most {@code BATCH_MAX_THREADS − EXPORT_RESERVED_FOR_SCHEDULE} (6 − 2
 * = 4, at least 1) manual exports, so the remaining threads of the batch pool stay free for the
 * automatic exports (the scheduler counts every running export against the pool).
 */
public final class ManualExportLimits {

  /** Seconds a refused caller is asked to wait ({@code Retry-After}). */
  public static final long RETRY_AFTER_SECONDS = 30;

  private ManualExportLimits() {}

  /** Running manual exports allowed per environment (at least 1). */
  public static int perEnvironment() {
    return positive("EXPORT_MANUAL_PER_ENVIRONMENT", "warehouse.export.manual-per-environment", 2);
  }

  /** Batch threads per node kept for the automatic exports (at least 0). */
  public static int reservedForSchedule() {
    String value =
        ServerSettings.value(
            "EXPORT_RESERVED_FOR_SCHEDULE", "warehouse.export.reserved-for-schedule");
    try {
      return value == null ? 2 : Math.max(0, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "EXPORT_RESERVED_FOR_SCHEDULE must be a number, was '" + value + "'");
    }
  }

  /** Running manual exports allowed on this node: the pool minus the reserve, at least 1. */
  public static int perNode() {
    return Math.max(1, ClusterSettings.exportCapacity() - reservedForSchedule());
  }

  private static int positive(String env, String property, int fallback) {
    String value = ServerSettings.value(env, property);
    try {
      return value == null ? fallback : Math.max(1, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(env + " must be a number, was '" + value + "'");
    }
  }
}
