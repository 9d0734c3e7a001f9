package com.warehouseexport.export.automatic;

import java.time.LocalDate;

/**
 * CDI event: a claimed period reached a final outcome — it landed, or it failed for good (the
 * give-up horizon passed). Fired once per outcome (by whoever won the state change), outside any
 * transaction, after the state is committed. Observers (auto-pause, alerts) must not throw.
 *
 * @param error the last attempt's error as admins see it (null when it landed)
 */
public record PeriodOutcome(
    long environmentId,
    String destination,
    String cadence,
    LocalDate period,
    long executionId,
    boolean landed,
    String error) {}
