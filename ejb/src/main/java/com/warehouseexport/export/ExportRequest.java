package com.warehouseexport.export;

import com.warehouseexport.core.usage.Aggregation;
import java.time.Instant;

/**
 * What to export: an environment, an aggregation, the as-of instant and where the file goes. {@code
 * period}/{@code cadence} are set for automatic exports (the Date the file is named after); {@code
 * spreadsheetSafe} only for downloads (bucket exports are always raw).
 */
public record ExportRequest(
    long environmentId,
    Aggregation aggregation,
    Instant asOf,
    String destination,
    String cadence,
    String period,
    String requestedBy,
    boolean spreadsheetSafe) {

  /** A raw download. */
  public static ExportRequest download(
      long environmentId, Aggregation aggregation, Instant asOf, String requestedBy) {
    return download(environmentId, aggregation, asOf, requestedBy, false);
  }

  /** A download, spreadsheet-safe or raw. */
  public static ExportRequest download(
      long environmentId,
      Aggregation aggregation,
      Instant asOf,
      String requestedBy,
      boolean spreadsheetSafe) {
    return new ExportRequest(
        environmentId,
        aggregation,
        asOf,
        ExportJob.DESTINATION_DOWNLOAD,
        null,
        null,
        requestedBy,
        spreadsheetSafe);
  }
}
