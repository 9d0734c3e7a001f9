package com.warehouseexport.core.csv;

import java.util.List;

/** The company-usage CSV schema of PRODUCT.md §3. */
public final class CompanyUsageCsv {

  /** The exact header row, in column order (18 columns). */
  public static final List<String> HEADER =
      List.of(
          "Company ID",
          "Company Name",
          "Feature Name",
          "Feature ID",
          "Date",
          "First Seen",
          "Last Seen",
          "First Used",
          "Last Used",
          "STARS State Label",
          "STARS State",
          "Frequency Label",
          "Frequency",
          "Satisfaction Label",
          "Satisfaction",
          "Feedback Count",
          "Segment Names",
          "Segment IDs");

  /** The schema version written into export manifests; bump on any column change. */
  public static final String SCHEMA_VERSION = "1";

  private CompanyUsageCsv() {}
}
