package com.warehouseexport.batch;

import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.core.usage.DataPoint;
import com.warehouseexport.export.ExportJob;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/** The job parameters of one export execution, typed. */
public record ExportParameters(
    long environmentId, Aggregation aggregation, Instant asOf, String destination, Properties raw) {

  public static ExportParameters of(JobContext job) {
    Properties p = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
    return new ExportParameters(
        Long.parseLong(p.getProperty(ExportJob.ENVIRONMENT_ID)),
        Aggregation.fromId(p.getProperty(ExportJob.AGGREGATION)),
        Instant.parse(p.getProperty(ExportJob.AS_OF)),
        p.getProperty(ExportJob.DESTINATION, ExportJob.DESTINATION_DOWNLOAD),
        p);
  }

  /**
   * The data points: an automatic export of a period has one, Date = the period, evaluated at the
   * end of that day (= as of 00:00 UTC the next day); a manual export those of its aggregation.
   */
  public List<DataPoint> dataPoints() {
    String period = raw.getProperty(ExportJob.PERIOD);
    if (period != null) {
      return List.of(DataPoint.endOfDay(java.time.LocalDate.parse(period)));
    }
    return aggregation.dataPoints(asOf);
  }

  /** The period (Date) of an automatic export, or null. */
  public java.time.LocalDate period() {
    String period = raw.getProperty(ExportJob.PERIOD);
    return period == null ? null : java.time.LocalDate.parse(period);
  }

  /** The latest instant any data point looks at: nothing after it is read. */
  public Instant lastInstant() {
    return dataPoints().stream().map(DataPoint::end).max(Instant::compareTo).orElse(asOf);
  }

  /**
   * Fault injection for tests: pause this long per company so a test can kill the server mid-export
   * (only when enabled).
   */
  public long pausePerCompanyMillis() {
    if (!Boolean.getBoolean("warehouse.faultInjection")) {
      return 0;
    }
    return Long.parseLong(raw.getProperty("pausePerCompanyMillis", "0"));
  }

  /** Fault injection for tests: fail after this many companies (only when enabled). */
  public long failAfterCompanies() {
    if (!Boolean.getBoolean("warehouse.faultInjection")) {
      return -1;
    }
    return Long.parseLong(raw.getProperty(ExportJob.FAIL_AFTER_COMPANIES, "-1"));
  }
}
