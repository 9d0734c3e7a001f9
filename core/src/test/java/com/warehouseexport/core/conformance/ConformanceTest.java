package com.warehouseexport.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.warehouseexport.core.csv.CompanyUsageCsvWriter;
import com.warehouseexport.core.segment.SegmentCondition;
import com.warehouseexport.core.segment.SegmentDefinition;
import com.warehouseexport.core.segment.SegmentOperator;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.core.usage.CompanyHistory;
import com.warehouseexport.core.usage.CompanyUsageCalculator;
import com.warehouseexport.core.usage.DataPoint;
import com.warehouseexport.core.usage.FeatureDefinition;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  private static Instant asOf;
  private static List<FeatureDefinition> features;
  private static List<CompanyHistory> companies;

  @BeforeAll
  static void ingest() throws IOException {
    JsonObject dataset;
    try (JsonReader reader = Json.createReader(resource("dataset.json"))) {
      dataset = reader.readObject();
    }
    asOf = Instant.parse(dataset.getString("asOf"));
    features =
        dataset.getJsonArray("features").getValuesAs(JsonObject.class).stream()
            .map(
                f ->
                    new FeatureDefinition(
                        f.getString("key"),
                        f.getString("name"),
                        f.getInt("adoptionDays"),
                        f.getInt("adoptionWindowDays")))
            .toList();
    List<SegmentDefinition> segments =
        dataset.getJsonArray("segments").getValuesAs(JsonObject.class).stream()
            .map(ConformanceTest::segment)
            .toList();
    companies =
        ReferenceIngestion.of(dataset.getJsonArray("items").getValuesAs(JsonObject.class))
            .histories(segments);
  }

  @ParameterizedTest
  @EnumSource(Aggregation.class)
  void exportMatchesExpectedCsv(Aggregation aggregation) throws IOException {
    List<DataPoint> points = aggregation.dataPoints(asOf);
    StringWriter out = new StringWriter();
    try (CompanyUsageCsvWriter writer = new CompanyUsageCsvWriter(out)) {
      writer.writeHeader();
      for (CompanyHistory company : companies) {
        for (var row : CompanyUsageCalculator.rows(company, features, points)) {
          writer.write(row);
        }
      }
    }
    List<List<String>> actual = parse(new StringReader(out.toString()));
    List<List<String>> expected;
    try (Reader reader = resource("expected-" + aggregation.id() + ".csv")) {
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

  private static SegmentDefinition segment(JsonObject json) {
    List<SegmentCondition> conditions = new ArrayList<>();
    for (JsonObject c : json.getJsonArray("conditions").getValuesAs(JsonObject.class)) {
      List<Object> values = new ArrayList<>();
      if (c.containsKey("values")) {
        c.getJsonArray("values").forEach(v -> values.add(javaValue(v)));
      }
      conditions.add(
          new SegmentCondition(
              c.getString("attribute"),
              SegmentOperator.fromLabel(c.getString("operator")),
              c.containsKey("value") ? javaValue(c.get("value")) : null,
              values));
    }
    return new SegmentDefinition(json.getString("id"), json.getString("name"), conditions);
  }

  private static Object javaValue(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      default -> null;
    };
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

  private static Reader resource(String name) {
    InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource /conformance/" + name);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
