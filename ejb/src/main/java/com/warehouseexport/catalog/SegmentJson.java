package com.warehouseexport.catalog;

import com.warehouseexport.core.segment.SegmentCondition;
import com.warehouseexport.core.segment.SegmentDefinition;
import com.warehouseexport.core.segment.SegmentOperator;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.tracking.AttributeJson;
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

  private SegmentJson() {}

  /** Validates; returns the conditions as compact JSON, or throws naming the offending field. */
  public static String validate(String segmentId, String name, JsonArray conditions) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidInputException("name", "the segment name must be 1 to 200 characters");
    }
    if (name.contains(",")) {
      throw new InvalidInputException("name", "segment names may not contain commas");
    }
    definition(segmentId, name, conditions);
    return conditions.toString();
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
        array.forEach(v -> list.add(AttributeJson.toValue(v)));
      } else if (values != null && values.getValueType() != JsonValue.ValueType.NULL) {
        throw new InvalidInputException(field + ".values", "values must be an array");
      }
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
