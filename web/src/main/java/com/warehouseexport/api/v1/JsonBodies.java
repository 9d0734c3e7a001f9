package com.warehouseexport.api.v1;

import com.warehouseexport.core.input.TextRules;
import com.warehouseexport.errors.InvalidInputException;
import com.warehouseexport.errors.RejectedValueException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reading fields of a JSON request body, with a 400 that names the field when one is wrong: strings
 * are strings without control characters, whole numbers fit an {@code int}, booleans are {@code
 * true} or {@code false} (anything else is a 422, never a silent {@code false}).
 */
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
    String problem = TextRules.problem(field, s.getString(), false);
    if (problem != null) {
      throw new InvalidInputException(field, problem);
    }
    return s.getString();
  }

  /** A boolean field: absent or null gives {@code absent}; anything but true/false is a 422. */
  static boolean optionalBoolean(JsonObject body, String field, boolean absent) {
    if (body == null) {
      throw new InvalidInputException(null, "A JSON object body is required");
    }
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return absent;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw new RejectedValueException(field, field + " must be true or false, not " + value);
  }

  static Integer optionalInt(JsonObject body, String field) {
    JsonValue value = body == null ? null : body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
      throw new InvalidInputException(field, field + " must be a whole number");
    }
    try {
      return n.intValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          field,
          field
              + " must be a whole number between "
              + Integer.MIN_VALUE
              + " and "
              + Integer.MAX_VALUE);
    }
  }
}
