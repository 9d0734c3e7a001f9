package com.warehouseexport.export.settings;

import com.warehouseexport.core.schedule.Cadence;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The schedule of one destination of an environment (PRODUCT.md §11: one of each kind): its kind
 * ({@code s3} or {@code postgresql}), whether automatic export to it is on, its cadence and the
 * first period it may export (the day it was first switched on, or an operator's backfill start).
 */
public record DestinationSchedule(
    String kind, boolean enabled, Cadence cadence, LocalDate firstPeriod) {

  public DestinationSchedule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(firstPeriod, "firstPeriod");
  }
}
