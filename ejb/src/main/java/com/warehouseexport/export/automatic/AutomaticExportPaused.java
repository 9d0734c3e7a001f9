package com.warehouseexport.export.automatic;

import java.time.LocalDate;

/**
 * CDI event: automatic export of an environment to its destination of kind {@code destination}
 * paused itself ({@link AutoPause}) after {@code failures} consecutive periods failed for good, the
 * newest being {@code period}; {@code error} is that of the failure that made it {@code failures}.
 * Fired once per pause, outside any transaction.
 */
public record AutomaticExportPaused(
    long environmentId,
    String destination,
    LocalDate period,
    int failures,
    String reason,
    String error) {}
