package com.warehouseexport.core.conformance;

import com.warehouseexport.core.segment.SegmentCondition;
import com.warehouseexport.core.segment.SegmentDefinition;
import com.warehouseexport.core.segment.SegmentOperator;
import com.warehouseexport.core.usage.Aggregation;
import com.warehouseexport.core.usage.CompanyHistory;
import com.warehouseexport.core.usage.CompanyUsageCalculator;
import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.FeatureDefinition;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance fixture (dataset.json) ingested by the test-only {@link ReferenceIngestion}: the
 * rows of every aggregation at the fixture's {@code asOf}, and the expected CSVs.
 */
public final class ConformanceFixture {

  private final Instant asOf;
  private final List<FeatureDefinition> features;
  private final List<CompanyHistory> companies;

  private ConformanceFixture(
      Instant asOf, List<FeatureDefinition> features, List<CompanyHistory> companies) {
    this.asOf = asOf;
    this.features = features;
    this.companies = companies;
  }

  /** Reads and ingests dataset.json. */
  public static ConformanceFixture load() {
    JsonObject dataset;
    try (JsonReader reader = Json.createReader(resource("dataset.json"))) {
      dataset = reader.readObject();
    }
    List<FeatureDefinition> features =
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
            .map(ConformanceFixture::segment)
            .toList();
    List<CompanyHistory> companies =
        ReferenceIngestion.of(dataset.getJsonArray("items").getValuesAs(JsonObject.class))
            .histories(segments);
    return new ConformanceFixture(Instant.parse(dataset.getString("asOf")), features, companies);
  }

  /** The rows of one aggregation, in export order. */
  public List<CompanyUsageRow> rows(Aggregation aggregation) {
    var points = aggregation.dataPoints(asOf);
    List<CompanyUsageRow> rows = new ArrayList<>();
    for (CompanyHistory company : companies) {
      rows.addAll(CompanyUsageCalculator.rows(company, features, points));
    }
    return rows;
  }

  /** The fixture's expected-&lt;aggregation&gt;.csv. */
  public static Reader expectedCsv(Aggregation aggregation) {
    return resource("expected-" + aggregation.id() + ".csv");
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

  static Reader resource(String name) {
    InputStream in = ConformanceFixture.class.getResourceAsStream("/conformance/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource /conformance/" + name);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
