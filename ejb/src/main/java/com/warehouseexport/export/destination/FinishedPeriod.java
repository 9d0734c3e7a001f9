package com.warehouseexport.export.destination;

import com.warehouseexport.export.PeriodId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * The finished file of one period, ready for delivery.
 *
 * @param asOf the instant the export was evaluated at
 * @param rows data rows in the file
 * @param file the finished (uncompressed) CSV on this node's disk
 */
public record FinishedPeriod(PeriodId id, Instant asOf, long rows, Path file) {

  public FinishedPeriod {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(file, "file");
  }
}
