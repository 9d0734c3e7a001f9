package com.warehouseexport.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  }

  @Test
  void anythingElseIsRefusedWithTheAcceptedValues() {
    var e = assertThrows(IllegalArgumentException.class, () -> OutputFormat.fromId("zip"));
    assertEquals("format must be csv or csv.gz", e.getMessage());
  }
}
