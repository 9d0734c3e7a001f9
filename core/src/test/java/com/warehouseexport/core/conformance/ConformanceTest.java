package com.warehouseexport.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.warehouseexport.core.csv.CompanyUsageCsvWriter;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.core.usage.CompanyUsageRow;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acceptance test against the independent conformance fixture: ingest dataset.json with a test-only
 * reference ingestion, export every aggregation at {@code asOf}, and compare with
 * expected-&lt;aggregation&gt;.csv after parsing both as RFC 4180.
 */
class ConformanceTest {

  private static ConformanceFixture fixture;

  @BeforeAll
  static void ingest() {
    fixture = ConformanceFixture.load();
  }

  @ParameterizedTest
  @EnumSource(Aggregation.class)
  void exportMatchesExpectedCsv(Aggregation aggregation) throws IOException {
    StringWriter out = new StringWriter();
    try (CompanyUsageCsvWriter writer = new CompanyUsageCsvWriter(out)) {
      writer.writeHeader();
      for (CompanyUsageRow row : fixture.rows(aggregation)) {
        writer.write(row);
      }
    }
    List<List<String>> actual = parse(new StringReader(out.toString()));
    List<List<String>> expected;
    try (Reader reader = ConformanceFixture.expectedCsv(aggregation)) {
      expected = parse(reader);
    }
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        fail(
            "record "
                + i
                + " differs\nexpected: "
                + expected.get(i)
                + "\nactual:   "
                + actual.get(i));
      }
    }
    assertEquals(expected.size(), actual.size(), "number of records");
  }

  static List<List<String>> parse(Reader reader) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180)) {
      for (CSVRecord record : parser) {
        records.add(record.toList());
      }
    }
    return records;
  }
}
