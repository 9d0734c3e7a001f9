package com.warehouseexport.catalog;

import com.warehouseexport.core.input.TextRules;
import com.warehouseexport.core.segment.SegmentCondition;
import com.warehouseexport.core.segment.SegmentDefinition;
import com.warehouseexport.core.segment.SegmentOperator;
import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a segment's conditions ({@code [{"attribute","operator","value"|"values"}]}),
 * turned into the core {@link SegmentDefinition} that evaluates membership.
 */
public final class SegmentJson {

  /** The most conditions one segment may have. */
  public static final int MAX_CONDITIONS = 100;

  /** The most values one {@code any of} / {@code none of} condition may list. */
  public static final int MAX_VALUES = 1_000;

  private SegmentJson() {}

  /** Validates; returns the conditions as compact JSON, or throws naming the offending field. */
  public static String validate(String segmentId, String name, JsonArray conditions) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidInputException("name", "the segment name must be 1 to 200 characters");
    }
    if (name.contains(",")) {
      throw new InvalidInputException("name", "segment names may not contain commas");
    }
    requireClean("name", name);
    definition(segmentId, name, conditions);
    return conditions.toString();
  }

  private static void requireClean(String field, String text) {
    String problem = TextRules.problem(field, text, false);
    if (problem != null) {
      throw new InvalidInputException(field, problem);
    }
  }

  private static void requireCleanValue(String field, JsonValue value) {
    if (value instanceof JsonString s) {
      requireClean(field, s.getString());
    } else if (value != null
        && value.getValueType() != JsonValue.ValueType.NULL
        && !(value instanceof jakarta.json.JsonNumber)
        && value.getValueType() != JsonValue.ValueType.TRUE
        && value.getValueType() != JsonValue.ValueType.FALSE) {
      throw new InvalidInputException(field, field + " must be a string, number, boolean or null");
    }
  }

  /** The definition of a stored segment. */
  public static SegmentDefinition definition(String segmentId, String name, String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return definition(segmentId, name, reader.readArray());
    }
  }

  static SegmentDefinition definition(String segmentId, String name, JsonArray conditions) {
    if (conditions == null) {
      throw new InvalidInputException("conditions", "conditions must be an array");
    }
    if (conditions.size() > MAX_CONDITIONS) {
      throw new InvalidInputException(
          "conditions",
          "a segment may have at most " + MAX_CONDITIONS + " conditions, not " + conditions.size());
    }
    List<SegmentCondition> parsed = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      String field = "conditions[" + i + "]";
      if (!(conditions.get(i) instanceof JsonObject condition)) {
        throw new InvalidInputException(field, field + " must be an object");
      }
      if (!(condition.get("attribute") instanceof JsonString attribute)
          || attribute.getString().isBlank()) {
        throw new InvalidInputException(field + ".attribute", "attribute is required");
      }
      requireClean(field + ".attribute", attribute.getString());
      SegmentOperator operator;
      try {
        operator =
            SegmentOperator.fromLabel(
                condition.get("operator") instanceof JsonString s ? s.getString() : null);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(field + ".operator", e.getMessage());
      }
      JsonValue values = condition.get("values");
      List<Object> list = new ArrayList<>();
      if (values instanceof JsonArray array) {
        if (array.size() > MAX_VALUES) {
          throw new InvalidInputException(
              field + ".values", "a condition may list at most " + MAX_VALUES + " values");
        }
        for (JsonValue v : array) {
          requireCleanValue(field + ".values", v);
          list.add(AttributeJson.toValue(v));
        }
      } else if (values != null && values.getValueType() != JsonValue.ValueType.NULL) {
        throw new InvalidInputException(field + ".values", "values must be an array");
      }
      requireCleanValue(field + ".value", condition.get("value"));
      try {
        parsed.add(
            new SegmentCondition(
                attribute.getString(),
                operator,
                AttributeJson.toValue(condition.get("value")),
                list));
      } catch (IllegalArgumentException e) {
        String which = operator.operand() == SegmentOperator.Operand.LIST ? "values" : "value";
        throw new InvalidInputException(field + "." + which, e.getMessage());
      }
    }
    try {
      return new SegmentDefinition(segmentId, name, parsed);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("name", e.getMessage());
    }
  }
}
