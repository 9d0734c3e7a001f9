package com.warehouseexport.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompanyUsageCsvWriterTest {

  private static final String HEADER_LINE =
      "Company ID,Company Name,Feature Name,Feature ID,Date,First Seen,Last Seen,First Used,"
          + "Last Used,STARS State Label,STARS State,Frequency Label,Frequency,"
          + "Satisfaction Label,Satisfaction,Feedback Count,Segment Names,Segment IDs\n";

  private static CompanyUsageRow row(String companyName) {
    return new CompanyUsageRow(
        "c-1",
        companyName,
        "Feature",
        "f",
        LocalDate.of(2026, 1, 4),
        LocalDate.of(2025, 8, 9),
        LocalDate.of(2026, 1, 3),
        LocalDate.of(2025, 8, 10),
        LocalDate.of(2026, 1, 2),
        StarsState.RETAINED,
        Frequency.WEEKLY,
        Satisfaction.SATISFIED,
        12,
        "Big seats,EU",
        "big,eu");
  }

  private static String write(CompanyUsageRow... rows) throws IOException {
    StringWriter out = new StringWriter();
    try (CompanyUsageCsvWriter writer = new CompanyUsageCsvWriter(out)) {
      writer.writeHeader();
      for (CompanyUsageRow row : rows) {
        writer.write(row);
      }
    }
    return out.toString();
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  @Test
  void headerIsExact() throws IOException {
    assertEquals(18, CompanyUsageCsv.HEADER.size());
    assertEquals(HEADER_LINE, write());
    assertEquals("1", CompanyUsageCsv.SCHEMA_VERSION);
  }

  @Test
  void fullRowWithMinimalQuotingAndUnixLineEnds() throws IOException {
    assertEquals(
        HEADER_LINE
            + "c-1,Acme,Feature,f,2026-01-04,2025-08-09,2026-01-03,2025-08-10,2026-01-02,"
            + "retained,3,weekly,2,satisfied,4,12,\"Big seats,EU\",\"big,eu\"\n",
        write(row("Acme")));
  }

  @Test
  void nullsAreEmptyFields() throws IOException {
    CompanyUsageRow row =
        new CompanyUsageRow(
            "c-1",
            null,
            "Feature",
            "f",
            LocalDate.of(2026, 1, 4),
            LocalDate.of(2026, 1, 4),
            LocalDate.of(2026, 1, 4),
            null,
            null,
            StarsState.NEVER,
            Frequency.INACTIVE,
            null,
            0,
            "",
            "");
    assertEquals(
        HEADER_LINE
            + "c-1,,Feature,f,2026-01-04,2026-01-04,2026-01-04,,,never,1,inactive,0,,,0,,\n",
        write(row));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Acme, Inc.",
        "Quote \"Q\" Ltd",
        "\"",
        "Line\nBreak",
        "Carriage\rReturn",
        "CRLF\r\ninside",
        "  spaced  ",
        " ",
        "=SUM(A1)",
        "+1",
        "-1",
        "@cmd",
        "日本株式会社",
        "Ωmega Σ",
        "\uD83D\uDE00 emoji",
        "tab\there",
        "#comment",
        "trailing,"
      })
  void valuesRoundTripUnchanged(String name) throws IOException {
    List<CSVRecord> records = parse(write(row(name)));
    assertEquals(2, records.size());
    assertEquals(name, records.get(1).get(1));
    assertEquals(18, records.get(1).size());
  }

  @Test
  void quotesOnlyWhatNeedsQuoting() throws IOException {
    String csv = write(row("Quote \"Q\" Ltd"), row("=SUM(A1)"), row("  spaced  "), row("a\nb"));
    String[] lines = csv.split("\n", -1);
    assertEquals(true, lines[1].startsWith("c-1,\"Quote \"\"Q\"\" Ltd\",Feature,"));
    assertEquals(true, lines[2].startsWith("c-1,=SUM(A1),Feature,"), "formula kept raw");
    assertEquals(
        true,
        lines[3].startsWith("c-1,\"  spaced  \",Feature,"),
        "surrounding spaces kept, and quoted so trimming readers keep them too");
    assertEquals(true, lines[4].equals("c-1,\"a"));
  }

  @Test
  void emptyNameAndNullNameBothWriteAnEmptyField() throws IOException {
    String empty = write(row(""));
    assertEquals(empty, write(row(null)));
    assertEquals("", parse(empty).get(1).get(1));
  }

  @Test
  void identicalInputGivesIdenticalOutput() throws IOException {
    assertEquals(write(row("x,y"), row("é")), write(row("x,y"), row("é")));
  }
}
