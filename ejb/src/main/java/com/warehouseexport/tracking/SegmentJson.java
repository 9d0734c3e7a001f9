package com.warehouseexport.tracking;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/** Validates the JSON form of a segment's conditions, as the provisioning API receives it. */
public final class SegmentJson {

  static final List<String> OPERATORS =
      List.of(
          "is",
          "is not",
          "contains",
          "not contains",
          "any of",
          "none of",
          "has any value",
          "has no value",
          "greater than",
          "less than",
          "is true",
          "is false");

  private SegmentJson() {}

  /** Returns the conditions as compact JSON, or throws naming the offending field. */
  public static String validate(String segmentId, String name, JsonArray conditions) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidInputException("name", "the segment name must be 1 to 200 characters");
    }
    if (name.contains(",")) {
      throw new InvalidInputException("name", "segment names may not contain commas");
    }
    if (conditions == null) {
      throw new InvalidInputException("conditions", "conditions must be an array");
    }
    for (int i = 0; i < conditions.size(); i++) {
      String field = "conditions[" + i + "]";
      if (!(conditions.get(i) instanceof JsonObject condition)) {
        throw new InvalidInputException(field, field + " must be an object");
      }
      if (!(condition.get("attribute") instanceof JsonString attribute)
          || attribute.getString().isBlank()) {
        throw new InvalidInputException(field + ".attribute", "attribute is required");
      }
      if (!(condition.get("operator") instanceof JsonString operator)
          || !OPERATORS.contains(operator.getString())) {
        throw new InvalidInputException(
            field + ".operator", "operator must be one of: " + String.join(", ", OPERATORS));
      }
      String op = operator.getString();
      boolean needsValues = op.equals("any of") || op.equals("none of");
      boolean needsValue =
          List.of("is", "is not", "contains", "not contains", "greater than", "less than")
              .contains(op);
      JsonValue value = condition.get("value");
      JsonValue values = condition.get("values");
      if (needsValues && !(values instanceof JsonArray)) {
        throw new InvalidInputException(
            field + ".values", "'" + op + "' needs \"values\": an array of values");
      }
      if (needsValue && (value == null || value.getValueType() == JsonValue.ValueType.NULL)) {
        throw new InvalidInputException(field + ".value", "'" + op + "' needs a \"value\"");
      }
      if ((op.equals("greater than") || op.equals("less than"))
          && value.getValueType() != JsonValue.ValueType.NUMBER) {
        throw new InvalidInputException(field + ".value", "'" + op + "' needs a numeric value");
      }
    }
    return conditions.toString();
  }
}
