package com.warehouseexport.core.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.warehouseexport.core.conformance.ConformanceFixture;
import com.warehouseexport.core.csv.CompanyUsageCsv;
import com.warehouseexport.core.csv.CompanyUsageCsvReader;
import com.warehouseexport.core.csv.CompanyUsageCsvWriter;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Parquet file against the conformance fixture, read back by DuckDB (JDBC): for every
 * aggregation, written directly from the rows and converted from the exported CSV, with zstd and
 * snappy, its rows equal the fixture's expected CSV column by column, with the documented types and
 * nullability. Runs without Hadoop on the class path (surefire excludes it), as in WildFly.
 */
class CompanyUsageParquetWriterTest {

  /** Columns that may be empty in the CSV, hence OPTIONAL in Parquet (docs/schema.md). */
  private static final Set<String> NULLABLE =
      Set.of(
          "company_name",
          "first_used",
          "last_used",
          "satisfaction_label",
          "satisfaction",
          "segment_names",
          "segment_ids");

  private static final Set<String> DATES =
      Set.of("date", "first_seen", "last_seen", "first_used", "last_used");
  private static final Set<String> INTS =
      Set.of("stars_state", "frequency", "satisfaction", "feedback_count");

  private static ConformanceFixture fixture;
  private static Connection duckdb;

  @TempDir Path dir;

  @BeforeAll
  static void setUp() throws SQLException {
    fixture = ConformanceFixture.load();
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duckdb.createStatement()) {
      s.execute("SET threads = 1"); // keeps the file's row order in every result
    }
  }

  @AfterAll
  static void tearDown() throws SQLException {
    duckdb.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Aggregation a : Aggregation.values()) {
      cases.add(Arguments.of(a, ParquetCompression.ZSTD, false));
      cases.add(Arguments.of(a, ParquetCompression.SNAPPY, true));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} via CSV: {2}")
  @MethodSource("cases")
  void duckDbReadsTheFixtureRowsWithTypes(
      Aggregation aggregation, ParquetCompression compression, boolean viaCsv) throws Exception {
    Path file = dir.resolve("company-usage.parquet");
    List<CompanyUsageRow> rows = fixture.rows(aggregation);
    if (viaCsv) {
      // the batch path: the checkpointed CSV part file, converted once it is complete
      StringWriter csv = new StringWriter();
      try (CompanyUsageCsvWriter w = new CompanyUsageCsvWriter(csv)) {
        w.writeHeader();
        for (CompanyUsageRow row : rows) {
          w.write(row);
        }
      }
      Path part = dir.resolve("part.csv");
      Files.writeString(part, csv.toString());
      assertEquals(rows.size(), CsvToParquet.convert(part, file, compression));
    } else {
      try (CompanyUsageParquetWriter out = new CompanyUsageParquetWriter(file, compression)) {
        rows.forEach(row -> write(out, row));
      }
    }

    assertSchema(file);
    assertEquals(
        Set.of(compression.name()),
        Set.copyOf(strings("SELECT DISTINCT compression FROM parquet_metadata(?)", file)));
    assertEquals(
        List.of(CompanyUsageCsv.SCHEMA_VERSION),
        strings(
            "SELECT decode(value) FROM parquet_kv_metadata(?) WHERE decode(key) = '"
                + CompanyUsageParquetWriter.SCHEMA_VERSION_KEY
                + "'",
            file));

    List<List<String>> expected;
    try (Reader reader = ConformanceFixture.expectedCsv(aggregation)) {
      expected = parse(reader);
    }
    assertEquals(CompanyUsageCsv.HEADER, expected.get(0));
    assertTrue(expected.size() > 1, "the fixture has rows");
    int i = 1;
    try (PreparedStatement ps = duckdb.prepareStatement("SELECT * FROM read_parquet(?)")) {
      ps.setString(1, file.toString());
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        assertEquals(CompanyUsageParquet.COLUMNS.size(), meta.getColumnCount());
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          String name = meta.getColumnName(c);
          assertEquals(CompanyUsageParquet.COLUMNS.get(c - 1), name);
          String type = DATES.contains(name) ? "DATE" : INTS.contains(name) ? "INTEGER" : "VARCHAR";
          assertEquals(type, meta.getColumnTypeName(c), name);
        }
        while (rs.next()) {
          if (i >= expected.size()) {
            fail("more rows in Parquet than in the CSV (" + (expected.size() - 1) + ")");
          }
          List<String> csvRow = expected.get(i);
          for (int c = 1; c <= CompanyUsageParquet.COLUMNS.size(); c++) {
            String name = CompanyUsageParquet.COLUMNS.get(c - 1);
            String cell = csvRow.get(c - 1);
            Object value = rs.getObject(c);
            String where = "row " + i + " column " + name;
            if (cell.isEmpty()) {
              assertTrue(NULLABLE.contains(name), where + " is empty in a required column");
              assertNull(value, where);
            } else if (DATES.contains(name)) {
              assertEquals(LocalDate.parse(cell), rs.getObject(c, LocalDate.class), where);
            } else if (INTS.contains(name)) {
              assertEquals(Integer.valueOf(cell), value, where);
            } else {
              assertEquals(cell, value, where);
            }
          }
          i++;
        }
      }
    }
    assertEquals(expected.size(), i, "rows");
  }

  /**
   * docs/load/duckdb-parquet.sql on the Parquet file makes the same table, with the same types, as
   * docs/load/duckdb.sql on the fixture's CSV; and the CSV DuckDB writes back from the Parquet file
   * (the documented route into PostgreSQL) has the CSV's records.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Aggregation.class)
  void documentedDuckDbLoadsMatchTheCsvLoad(Aggregation aggregation) throws Exception {
    Path csv = dir.resolve("expected.csv");
    try (Reader in = ConformanceFixture.expectedCsv(aggregation)) {
      Files.writeString(csv, readAll(in));
    }
    // the download path: the CSV streamed in, the Parquet file streamed out
    Path parquet = dir.resolve("company-usage.parquet");
    try (OutputStream out = Files.newOutputStream(parquet)) {
      assertEquals(
          fixture.rows(aggregation).size(),
          CsvToParquet.convert(Files.newInputStream(csv), out, ParquetCompression.ZSTD));
    }
    Path docs = Path.of("..", "docs", "load");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = db.createStatement()) {
      s.execute("SET threads = 1");
      s.execute("CREATE SCHEMA from_csv");
      s.execute("CREATE SCHEMA from_parquet");
      s.execute("USE from_csv");
      s.execute(
          Files.readString(docs.resolve("duckdb.sql")).replace("{{CSV_PATH}}", csv.toString()));
      s.execute("USE from_parquet");
      s.execute(
          Files.readString(docs.resolve("duckdb-parquet.sql"))
              .replace("{{PARQUET_PATH}}", parquet.toString()));
      assertEquals(
          describe(s, "from_csv.company_usage"), describe(s, "from_parquet.company_usage"));
      for (String sql :
          List.of(
              "SELECT count(*) FROM from_csv.company_usage",
              "SELECT count(*) FROM (FROM from_csv.company_usage EXCEPT ALL"
                  + " FROM from_parquet.company_usage)",
              "SELECT count(*) FROM (FROM from_parquet.company_usage EXCEPT ALL"
                  + " FROM from_csv.company_usage)")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          rs.next();
          long n = rs.getLong(1);
          if (sql.contains("EXCEPT")) {
            assertEquals(0, n, sql);
          } else {
            assertTrue(n > 0, "rows loaded");
          }
        }
      }
      Path back = dir.resolve("back.csv");
      s.execute(
          "COPY (FROM read_parquet('"
              + parquet
              + "')) TO '"
              + back
              + "' (FORMAT csv, HEADER true)");
      List<List<String>> expected;
      try (Reader in = ConformanceFixture.expectedCsv(aggregation)) {
        expected = parse(in);
      }
      List<List<String>> actual = parse(Files.newBufferedReader(back));
      assertEquals(CompanyUsageParquet.COLUMNS, actual.get(0));
      assertEquals(expected.subList(1, expected.size()), actual.subList(1, actual.size()));
    }
  }

  private static List<String> describe(Statement s, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("DESCRIBE " + table)) {
      while (rs.next()) {
        columns.add(rs.getString("column_name") + " " + rs.getString("column_type"));
      }
    }
    return columns;
  }

  private static String readAll(Reader in) throws IOException {
    StringWriter out = new StringWriter();
    in.transferTo(out);
    return out.toString();
  }

  @Test
  void rowGroupsAreWrittenAsTheyFillAndTheFileStreams() throws Exception {
    // 300,000 rows: three row groups of ROW_GROUP_ROWS, each flushed before the next is filled
    Path file = dir.resolve("big.parquet");
    CountingStream counting = new CountingStream(Files.newOutputStream(file));
    long writtenBeforeClose;
    int rows = 300_000;
    try (CompanyUsageParquetWriter out =
        new CompanyUsageParquetWriter(counting, ParquetCompression.ZSTD)) {
      LocalDate day = LocalDate.of(2026, 11, 1);
      for (int n = 0; n < rows; n++) {
        out.write(
            new CompanyUsageRow(
                String.format("company-%08d", n),
                n % 7 == 0 ? null : "Company " + n,
                "Feature",
                "feature-" + (n % 13),
                day.plusDays(n % 30),
                day.minusDays(n % 400),
                day.plusDays(n % 30),
                n % 3 == 0 ? null : day.minusDays(n % 50),
                n % 3 == 0 ? null : day.plusDays(n % 30),
                StarsState.values()[n % 4],
                Frequency.values()[n % 5],
                n % 2 == 0 ? null : Satisfaction.of(1 + n % 5),
                n % 17,
                n % 5 == 0 ? "" : "Segment " + (n % 11),
                n % 5 == 0 ? "" : "s" + (n % 11)));
      }
      writtenBeforeClose = counting.count;
    }
    long rowGroups =
        Long.parseLong(
            strings("SELECT count(DISTINCT row_group_id) FROM parquet_metadata(?)", file)
                .iterator()
                .next());
    assertEquals(
        (rows + CompanyUsageParquetWriter.ROW_GROUP_ROWS - 1)
            / CompanyUsageParquetWriter.ROW_GROUP_ROWS,
        rowGroups);
    assertTrue(
        writtenBeforeClose >= Files.size(file) / rowGroups,
        "a row group reached the stream before close: " + writtenBeforeClose);
    assertEquals(
        List.of(Integer.toString(rows)), strings("SELECT count(*) FROM read_parquet(?)", file));
    assertEquals(
        List.of("1"),
        strings(
            "SELECT count(*) FROM read_parquet(?) WHERE company_id = 'company-00000007'"
                + " AND company_name IS NULL AND segment_names = 'Segment 7'",
            file));
  }

  @Test
  void theCsvReaderRefusesAnotherHeaderAndAMismatchedCode() throws IOException {
    assertThrows(
        IllegalArgumentException.class, () -> new CompanyUsageCsvReader(new StringReader("a,b\n")));
    StringWriter csv = new StringWriter();
    try (CompanyUsageCsvWriter w = new CompanyUsageCsvWriter(csv)) {
      w.writeHeader();
    }
    String row = "c,,F,f,2026-11-01,2026-11-01,2026-11-01,,,never,2,inactive,0,,,0,,\n";
    try (CompanyUsageCsvReader in = new CompanyUsageCsvReader(new StringReader(csv + row))) {
      assertThrows(IllegalArgumentException.class, in::next);
    }
  }

  private void assertSchema(Path file) throws SQLException {
    Map<String, String> repetition = new HashMap<>();
    Map<String, String> physical = new HashMap<>();
    try (PreparedStatement ps =
        duckdb.prepareStatement(
            "SELECT name, type, repetition_type FROM parquet_schema(?) WHERE type IS NOT NULL")) {
      ps.setString(1, file.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          physical.put(rs.getString(1), rs.getString(2));
          repetition.put(rs.getString(1), rs.getString(3));
        }
      }
    }
    assertEquals(Set.copyOf(CompanyUsageParquet.COLUMNS), repetition.keySet());
    for (String column : CompanyUsageParquet.COLUMNS) {
      assertEquals(
          NULLABLE.contains(column) ? "OPTIONAL" : "REQUIRED", repetition.get(column), column);
      assertEquals(
          DATES.contains(column) || INTS.contains(column) ? "INT32" : "BYTE_ARRAY",
          physical.get(column),
          column);
    }
  }

  private static List<String> strings(String sql, Path file) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement ps = duckdb.prepareStatement(sql)) {
      ps.setString(1, file.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
    }
    return values;
  }

  private static void write(CompanyUsageParquetWriter out, CompanyUsageRow row) {
    try {
      out.write(row);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<List<String>> parse(Reader reader) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180)) {
      for (CSVRecord record : parser) {
        records.add(record.toList());
      }
    }
    return records;
  }

  private static final class CountingStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
