package com.warehouseexport.core.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer encodes each distinct cell once and copies it afterwards; its output must equal
 * commons-csv printing every field of every row ({@link CompanyUsageCsvWriter#FORMAT}), for runs of
 * equal and changing values, nulls, and text that needs quoting or the spreadsheet prefix.
 */
class CompanyUsageCsvWriterEquivalenceTest {

  private static final String[] TEXT = {
    "acme", "", " ", "#x", "a,b", "say \"hi\"", "line\nbreak", "cr\r", "trailing ", " leading",
    "=SUM(A1)", "+1", "-2", "@x", "\ttab", "\u00e9t\u00e9", "\ud83d\ude00", "'quoted", "\"", ","
  };

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void equalsCommonsCsvRowByRow(boolean spreadsheetSafe) throws IOException {
    Random random = new Random(42);
    List<CompanyUsageRow> rows = new ArrayList<>();
    for (int company = 0; company < 200; company++) {
      String id = pick(random);
      String name = random.nextInt(5) == 0 ? null : pick(random);
      String segmentNames = random.nextBoolean() ? "" : pick(random);
      String segmentIds = random.nextBoolean() ? "" : pick(random);
      LocalDate firstSeen = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2000));
      for (int feature = 0; feature < 3; feature++) {
        String featureName = pick(random);
        String featureKey = pick(random);
        for (int day = 0; day < 5; day++) {
          boolean used = random.nextBoolean();
          rows.add(
              new CompanyUsageRow(
                  // new String: equal values that are not the same instance
                  random.nextBoolean() ? id : new String(id),
                  name,
                  featureName,
                  featureKey,
                  firstSeen.plusDays(day + random.nextInt(3)),
                  firstSeen,
                  firstSeen.plusDays(random.nextInt(4)),
                  used ? firstSeen.plusDays(1) : null,
                  used ? firstSeen.plusDays(random.nextInt(9)) : null,
                  StarsState.values()[random.nextInt(StarsState.values().length)],
                  Frequency.values()[random.nextInt(Frequency.values().length)],
                  random.nextBoolean()
                      ? null
                      : Satisfaction.values()[random.nextInt(Satisfaction.values().length)],
                  random.nextInt(3) == 0 ? random.nextInt(100_000) : random.nextInt(3),
                  segmentNames,
                  segmentIds));
        }
      }
    }

    StringWriter actual = new StringWriter();
    try (CompanyUsageCsvWriter writer = new CompanyUsageCsvWriter(actual, spreadsheetSafe)) {
      writer.writeHeader();
      for (CompanyUsageRow row : rows) {
        writer.write(row);
      }
    }
    assertEquals(reference(rows, spreadsheetSafe), actual.toString());

    // The byte stream the export's file gets: the same text in UTF-8, whatever the buffer size.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CompanyUsageCsvWriter writer = new CompanyUsageCsvWriter(bytes, spreadsheetSafe)) {
      writer.writeHeader();
      for (CompanyUsageRow row : rows) {
        writer.write(row);
      }
    }
    assertArrayEquals(
        reference(rows, spreadsheetSafe).getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
  }

  private static String pick(Random random) {
    return TEXT[random.nextInt(TEXT.length)];
  }

  /** What printing each row's fields with commons-csv gives. */
  private static String reference(List<CompanyUsageRow> rows, boolean spreadsheetSafe)
      throws IOException {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CompanyUsageCsvWriter.FORMAT)) {
      printer.printRecord(CompanyUsageCsv.HEADER);
      for (CompanyUsageRow row : rows) {
        Satisfaction s = row.satisfaction();
        Object[] fields = {
          row.companyId(),
          row.companyName(),
          row.featureName(),
          row.featureId(),
          date(row.date()),
          date(row.firstSeen()),
          date(row.lastSeen()),
          date(row.firstUsed()),
          date(row.lastUsed()),
          row.stars().label(),
          Integer.toString(row.stars().code()),
          row.frequency().label(),
          Integer.toString(row.frequency().code()),
          s == null ? null : s.label(),
          s == null ? null : Integer.toString(s.code()),
          Integer.toString(row.feedbackCount()),
          row.segmentNames(),
          row.segmentIds()
        };
        if (spreadsheetSafe) {
          for (int i = 0; i < fields.length; i++) {
            if (fields[i] instanceof String value) {
              fields[i] = SpreadsheetSafe.cell(value);
            }
          }
        }
        printer.printRecord(fields);
      }
    }
    return out.toString();
  }

  private static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
