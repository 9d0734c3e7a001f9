package com.warehouseexport.export;

import com.warehouseexport.core.schedule.Cadence;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of one environment's automatic export to one destination ({@code s3} or {@code
 * postgresql}, PRODUCT.md §11: one destination of each kind): the unit that is claimed, started,
 * retried and delivered exactly once.
 */
public record PeriodId(long environmentId, String destination, Cadence cadence, LocalDate period) {

  public PeriodId {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(period, "period");
  }

  @Override
  public String toString() {
    return environmentId + " " + destination + " " + cadence.id() + " " + period;
  }
}
