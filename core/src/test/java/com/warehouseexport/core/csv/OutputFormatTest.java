package com.warehouseexport.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputFormatTest {

  @Test
  void idsAndAliases() {
    assertEquals(OutputFormat.CSV, OutputFormat.fromId(null));
    assertEquals(OutputFormat.CSV, OutputFormat.fromId(" "));
    assertEquals(OutputFormat.CSV, OutputFormat.fromId("CSV"));
    assertEquals(OutputFormat.CSV_GZ, OutputFormat.fromId("csv.gz"));
    assertEquals(OutputFormat.CSV_GZ, OutputFormat.fromId("gzip"));
    assertEquals("csv.gz", OutputFormat.CSV_GZ.id());
    assertEquals(".csv.gz", OutputFormat.CSV_GZ.extension());
    assertEquals("gzip", OutputFormat.CSV_GZ.compression());
    assertEquals("none", OutputFormat.CSV.compression());
    assertEquals(OutputFormat.PARQUET, OutputFormat.fromId(" Parquet "));
    assertEquals(".parquet", OutputFormat.PARQUET.extension());
    assertEquals("zstd", OutputFormat.PARQUET.compression());
    assertEquals("application/vnd.apache.parquet", OutputFormat.PARQUET.contentType());
    assertEquals("text/csv; charset=UTF-8", OutputFormat.CSV_GZ.contentType());
    assertTrue(OutputFormat.PARQUET.parquet());
    assertFalse(OutputFormat.PARQUET.compressed());
  }

  @Test
  void anythingElseIsRefusedWithTheAcceptedValues() {
    var e = assertThrows(IllegalArgumentException.class, () -> OutputFormat.fromId("zip"));
    assertEquals("format must be csv, csv.gz or parquet", e.getMessage());
  }
}
