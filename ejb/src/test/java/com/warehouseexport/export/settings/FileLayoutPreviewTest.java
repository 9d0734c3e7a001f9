package com.warehouseexport.export.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The file layout shown next to the settings form, from the real key builder. */
class FileLayoutPreviewTest {

  @Test
  void dailyCsvUnderThePrefix() {
    assertEquals(
        "s3://b/exports/company-usage/daily/date=YYYY-MM-DD/company-usage-prod-1-YYYY-MM-DD.csv",
        FileLayoutPreview.of("b", "/exports/", "daily", "csv", "prod-1"));
  }

  @Test
  void weeklyGzipWithoutPrefixOrBucket() {
    assertEquals(
        "…/company-usage/weekly/date=YYYY-MM-DD/company-usage-prod-1-YYYY-MM-DD.csv.gz",
        FileLayoutPreview.of(" ", null, "weekly", "csv.gz", "prod-1"));
  }

  @Test
  void parquetAndUnknownValuesFallBackToTheDefaults() {
    assertEquals(
        "…/a/b/company-usage/daily/date=YYYY-MM-DD/company-usage-e-2-YYYY-MM-DD.parquet",
        FileLayoutPreview.of(null, "a/b", null, "parquet", "e-2"));
    assertEquals(
        "…/company-usage/daily/date=YYYY-MM-DD/company-usage-e-2-YYYY-MM-DD.csv",
        FileLayoutPreview.of(null, "", "hourly", "xlsx", "e-2"));
  }

  @Test
  void awsTakesBucketAndPrefixFromTheUrl() {
    assertEquals(
        "s3://my-bucket/warehouse/company-usage/daily/date=YYYY-MM-DD/company-usage-p-3-YYYY-MM-DD.csv",
        FileLayoutPreview.ofAwsUrl(
            "https://my-bucket.s3.eu-west-1.amazonaws.com/warehouse", "daily", "csv", "p-3"));
    assertEquals(
        "…/company-usage/daily/date=YYYY-MM-DD/company-usage-p-3-YYYY-MM-DD.csv",
        FileLayoutPreview.ofAwsUrl("not a url", "daily", "csv", "p-3"));
  }
}
