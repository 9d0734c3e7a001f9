package com.warehouseexport.export;

import com.warehouseexport.core.usage.Aggregation;
import java.time.Instant;

/**
 * What to export: an environment, an aggregation, the as-of instant and where the file goes. {@code
 * period}/{@code cadence} are set for automatic exports (the Date the file is named after).
 */
public record ExportRequest(
    long environmentId,
    Aggregation aggregation,
    Instant asOf,
    String destination,
    String cadence,
    String period,
    String requestedBy) {

  public static ExportRequest download(
      long environmentId, Aggregation aggregation, Instant asOf, String requestedBy) {
    return new ExportRequest(
        environmentId, aggregation, asOf, ExportJob.DESTINATION_DOWNLOAD, null, null, requestedBy);
  }
}
