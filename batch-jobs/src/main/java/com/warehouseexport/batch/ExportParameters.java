package com.warehouseexport.batch;

import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.core.usage.DataPoint;
import com.warehouseexport.export.ExportJob;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The job parameters of one export execution, typed. Built from the strings the job XML injects
 * into each artifact ({@code @Inject @BatchProperty}); never read from the job operator.
 *
 * @param environmentId the environment to export
 * @param aggregation the manual aggregation (an automatic export passes one too; its period wins)
 * @param asOf the instant the export is evaluated at
 * @param period the Date of an automatic export, or null for a manual one
 */
public record ExportParameters(
    long environmentId, Aggregation aggregation, Instant asOf, LocalDate period) {

  /**
   * Parses the injected values.
   *
   * @param environmentId required, a number
   * @param aggregation required, an {@link Aggregation#id()}
   * @param asOf required, an ISO-8601 instant
   * @param period optional (null or blank: a manual export), an ISO-8601 date
   * @throws IllegalArgumentException if a required value is missing or a value is malformed
   */
  public static ExportParameters parse(
      String environmentId, String aggregation, String asOf, String period) {
    return new ExportParameters(
        Long.parseLong(required(ExportJob.ENVIRONMENT_ID, environmentId)),
        Aggregation.fromId(required(ExportJob.AGGREGATION, aggregation)),
        Instant.parse(required(ExportJob.AS_OF, asOf)),
        period == null || period.isBlank() ? null : LocalDate.parse(period));
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("The job parameter " + name + " is missing");
    }
    return value;
  }

  /**
   * The data points: an automatic export of a period has one, Date = the period, evaluated at the
   * end of that day (= as of 00:00 UTC the next day); a manual export those of its aggregation.
   */
  public List<DataPoint> dataPoints() {
    if (period != null) {
      return List.of(DataPoint.endOfDay(period));
    }
    return aggregation.dataPoints(asOf);
  }

  /** The latest instant any data point looks at: nothing after it is read. */
  public Instant lastInstant() {
    return dataPoints().stream().map(DataPoint::end).max(Instant::compareTo).orElse(asOf);
  }
}
