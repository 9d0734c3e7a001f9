package com.warehouseexport.api.v1;

import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading fields of a JSON request body, with a 400 that names the field when one is wrong. */
final class JsonBodies {

  private JsonBodies() {}

  static String string(JsonObject body, String field) {
    String value = optionalString(body, field);
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, field + " is required");
    }
    return value;
  }

  static String optionalString(JsonObject body, String field) {
    if (body == null) {
      throw new InvalidInputException(null, "A JSON object body is required");
    }
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonString s)) {
      throw new InvalidInputException(field, field + " must be a string");
    }
    return s.getString();
  }

  static Integer optionalInt(JsonObject body, String field) {
    JsonValue value = body == null ? null : body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
      throw new InvalidInputException(field, field + " must be a whole number");
    }
    return n.intValue();
  }
}
