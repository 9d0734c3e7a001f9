package com.warehouseexport.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.StarsState;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetSafeTest {

  @ParameterizedTest
  @ValueSource(strings = {"=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "=", "-"})
  void formulaLikeCellsArePrefixed(String value) {
    assertEquals("'" + value, SpreadsheetSafe.cell(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme", "", " =x", "1-2", "a=b", "'quoted", "\nx", "é=", "2026-01-04"})
  void otherCellsStayAsTheyAre(String value) {
    assertEquals(value, SpreadsheetSafe.cell(value));
  }

  @Test
  void nullStaysNull() {
    assertNull(SpreadsheetSafe.cell(null));
  }

  private static CompanyUsageRow row(String companyId, String name, String segments) {
    return new CompanyUsageRow(
        companyId,
        name,
        "@feature",
        "f",
        LocalDate.of(2026, 1, 4),
        LocalDate.of(2025, 1, 1),
        LocalDate.of(2025, 1, 2),
        LocalDate.of(2025, 1, 1),
        LocalDate.of(2025, 1, 2),
        StarsState.RETAINED,
        Frequency.WEEKLY,
        null,
        0,
        segments,
        "s");
  }

  private static String body(boolean safe, CompanyUsageRow row) throws IOException {
    StringWriter out = new StringWriter();
    try (CompanyUsageCsvWriter writer = new CompanyUsageCsvWriter(out, safe)) {
      writer.write(row);
    }
    return out.toString();
  }

  @Test
  void theWriterPrefixesEveryInterpretedCellOnlyWhenAskedTo() throws IOException {
    CompanyUsageRow row = row("-7", "=HYPERLINK(\"x\",\"y\")", "+a,b");
    String safe = body(true, row);
    assertEquals(
        "'-7,\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",'@feature,f",
        safe.substring(0, safe.indexOf(",2026")));
    assertEquals(",\"'+a,b\",s\n", safe.substring(safe.lastIndexOf(",0,") + 2));
    String raw = body(false, row);
    assertEquals(
        "-7,\"=HYPERLINK(\"\"x\"\",\"\"y\"\")\",@feature,f",
        raw.substring(0, raw.indexOf(",2026")));
    assertEquals(",\"+a,b\",s\n", raw.substring(raw.lastIndexOf(",0,") + 2));
  }

  @Test
  void ordinaryRowsAreByteIdenticalEitherWay() throws IOException {
    CompanyUsageRow row = row("c-1", "Acme, Inc.", "Big");
    String safe = body(true, row).replace("'@feature", "@feature");
    assertEquals(body(false, row), safe);
  }
}
