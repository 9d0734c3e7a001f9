package com.warehouseexport.export.automatic;

import java.time.LocalDate;

/**
 * CDI event: automatic export of an environment paused itself ({@link AutoPause}) after {@code
 * failures} consecutive periods failed for good, the last being {@code period} with {@code error}.
 * Fired once per pause, outside any transaction.
 */
public record AutomaticExportPaused(
    long environmentId, LocalDate period, int failures, String reason, String error) {}
