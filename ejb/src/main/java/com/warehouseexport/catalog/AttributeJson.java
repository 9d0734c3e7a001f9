package com.warehouseexport.catalog;

import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** Attribute values as stored (JSON text) and as segment rules compare them (Java values). */
public final class AttributeJson {

  /**
   * Resolved once: {@code Json.createReader} looks the provider up through the {@code
   * ServiceLoader} on every call, and the export parses every company's attributes.
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  private AttributeJson() {}

  /** String, BigDecimal, Boolean, null; arrays and objects as their JSON text. */
  public static Object toValue(JsonValue value) {
    if (value == null) {
      return null;
    }
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
      default -> value.toString();
    };
  }

  /** The value of a stored attribute's JSON text. */
  public static Object parse(String json) {
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      return toValue(reader.readValue());
    }
  }
}
