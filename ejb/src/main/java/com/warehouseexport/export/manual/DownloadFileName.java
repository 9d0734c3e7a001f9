package com.warehouseexport.export.manual;

import com.warehouseexport.export.history.ExportExecution;
import com.warehouseexport.tenancy.Environment;
import java.time.ZoneOffset;

/** The file name a downloaded export gets: environment, aggregation and as-of date. */
public final class DownloadFileName {

  private DownloadFileName() {}

  public static String of(Environment environment, ExportExecution e) {
    String slug =
        environment.getName().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    String date = e.asOf() == null ? "" : "-" + e.asOf().atZone(ZoneOffset.UTC).toLocalDate();
    return "company-usage-"
        + (slug.isEmpty() ? "env" : slug)
        + "-"
        + environment.getId()
        + "-"
        + e.aggregation()
        + date
        + ".csv";
  }
}
