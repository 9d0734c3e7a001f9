package com.warehouseexport.export;

import com.warehouseexport.core.schedule.Cadence;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of one environment's automatic export: the unit that is claimed, started, retried and
 * delivered exactly once.
 */
public record PeriodId(long environmentId, Cadence cadence, LocalDate period) {

  public PeriodId {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(period, "period");
  }

  @Override
  public String toString() {
    return environmentId + " " + cadence.id() + " " + period;
  }
}
