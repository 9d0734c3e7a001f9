package com.warehouseexport.tracking;

import com.warehouseexport.core.input.TextRules;
import com.warehouseexport.core.input.TimeBounds;
import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON body of an ingestion call into a {@link TrackingItem}, or says what is wrong: ids,
 * keys, attribute names and string values hold no control characters ({@link TextRules}; comments
 * may hold tab, CR and LF), timestamps lie within {@link TimeBounds}, and the company attribute
 * {@code name} is a string or null.
 */
public final class TrackingItemParser {

  public static final int MAX_ID_LENGTH = 500;
  public static final int MAX_KEY_LENGTH = 200;
  public static final int MAX_ATTRIBUTE_JSON = 10_000;
  public static final int MAX_COMMENT_LENGTH = 5_000;
  public static final int MAX_MESSAGE_ID_LENGTH = 200;
  public static final Set<String> TYPES = Set.of("company", "user", "event", "feedback");

  private TrackingItemParser() {}

  /**
   * Parses one item of the given type ({@code company}, {@code user}, {@code event}, {@code
   * feedback}); {@code now} is the default timestamp.
   */
  public static TrackingItem parse(String type, JsonObject body, Instant now) {
    if (type == null || !TYPES.contains(type)) {
      throw new InvalidInputException("type", "type must be one of company, user, event, feedback");
    }
    Instant timestamp = timestamp(body, now);
    return switch (type) {
      case "company" ->
          new TrackingItem.CompanyCall(
              requiredId(body, "companyId"),
              attributes(body),
              optionalId(body, "userId"),
              timestamp);
      case "user" ->
          new TrackingItem.UserCall(requiredId(body, "userId"), attributes(body), timestamp);
      case "event" ->
          new TrackingItem.EventCall(
              requiredKey(body, "event"),
              requiredId(body, "userId"),
              optionalId(body, "companyId"),
              attributesJson(body),
              timestamp);
      default ->
          new TrackingItem.FeedbackCall(
              requiredKey(body, "featureKey"),
              requiredId(body, "userId"),
              optionalId(body, "companyId"),
              score(body),
              comment(body),
              timestamp);
    };
  }

  /**
   * The item's optional {@code messageId} (PRODUCT.md §2: a client retry of the same item carries
   * the same one), validated like an id: a non-blank string or number of at most {@value
   * #MAX_MESSAGE_ID_LENGTH} characters without control characters; null when absent.
   */
  public static String messageId(JsonObject body) {
    return string(body, "messageId", MAX_MESSAGE_ID_LENGTH);
  }

  static Instant timestamp(JsonObject body, Instant now) {
    JsonValue value = body.get("timestamp");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return now;
    }
    if (!(value instanceof JsonString text)) {
      throw new InvalidInputException(
          "timestamp", "timestamp must be an ISO-8601 string such as 2026-11-26T08:30:00Z");
    }
    Instant instant = UtcTimestamps.parse(text.getString());
    try {
      if (instant == null) {
        instant = OffsetDateTime.parse(text.getString()).toInstant();
      }
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "timestamp",
          "timestamp '"
              + abbreviate(text.getString())
              + "' is not an ISO-8601 instant with an offset, such as 2026-11-26T08:30:00Z");
    } catch (DateTimeException e) { // beyond Instant's range
      throw new InvalidInputException(
          "timestamp", TimeBounds.trackingTimestampMessage("timestamp"));
    }
    if (!TimeBounds.isTrackingTimestamp(instant, now)) {
      throw new InvalidInputException(
          "timestamp", TimeBounds.trackingTimestampMessage("timestamp"));
    }
    return instant;
  }

  private static String requiredId(JsonObject body, String field) {
    String value = optionalId(body, field);
    if (value == null) {
      throw new InvalidInputException(field, field + " is required");
    }
    return value;
  }

  private static String requiredKey(JsonObject body, String field) {
    String value = string(body, field, MAX_KEY_LENGTH);
    if (value == null) {
      throw new InvalidInputException(field, field + " is required");
    }
    return value;
  }

  private static String optionalId(JsonObject body, String field) {
    return string(body, field, MAX_ID_LENGTH);
  }

  /** A non-blank string (numbers are accepted and kept as their decimal text). */
  private static String string(JsonObject body, String field, int maxLength) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    String text;
    if (value instanceof JsonString s) {
      text = s.getString();
    } else if (value instanceof JsonNumber n) {
      text = n.toString();
    } else {
      throw new InvalidInputException(field, field + " must be a string");
    }
    if (text.isBlank()) {
      throw new InvalidInputException(field, field + " must not be blank");
    }
    if (text.length() > maxLength) {
      throw new InvalidInputException(
          field, field + " is longer than " + maxLength + " characters");
    }
    requireClean(field, text, false);
    return text;
  }

  private static void requireClean(String field, String text, boolean freeText) {
    String problem = TextRules.problem(field, text, freeText);
    if (problem != null) {
      throw new InvalidInputException(field, problem);
    }
  }

  /** Every object key and string inside an attribute value must be clean as well. */
  private static void requireCleanJson(String field, JsonValue value) {
    if (value instanceof JsonString s) {
      requireClean(field, s.getString(), false);
    } else if (value instanceof JsonObject object) {
      for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
        requireClean(field, entry.getKey(), false);
        requireCleanJson(field, entry.getValue());
      }
    } else if (value instanceof jakarta.json.JsonArray array) {
      for (JsonValue item : array) {
        requireCleanJson(field, item);
      }
    }
  }

  private static Map<String, String> attributes(JsonObject body) {
    JsonValue value = body.get("attributes");
    Map<String, String> attributes = new LinkedHashMap<>();
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return attributes;
    }
    if (!(value instanceof JsonObject object)) {
      throw new InvalidInputException("attributes", "attributes must be a JSON object");
    }
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      String key = entry.getKey();
      String field = "attributes." + key;
      if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
        throw new InvalidInputException(
            field, "attribute names must be 1 to " + MAX_KEY_LENGTH + " characters");
      }
      requireClean(field, key, false);
      JsonValue attribute = entry.getValue();
      if (key.equals("name")
          && !(attribute instanceof JsonString)
          && attribute.getValueType() != JsonValue.ValueType.NULL) {
        throw new InvalidInputException(field, "the attribute name must be a string or null");
      }
      String json = attribute.toString();
      if (json.length() > MAX_ATTRIBUTE_JSON) {
        throw new InvalidInputException(
            field, "attribute value is longer than " + MAX_ATTRIBUTE_JSON + " characters");
      }
      requireCleanJson(field, attribute);
      attributes.put(key, json);
    }
    return attributes;
  }

  private static String attributesJson(JsonObject body) {
    JsonValue value = body.get("attributes");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject)) {
      throw new InvalidInputException("attributes", "attributes must be a JSON object");
    }
    String json = value.toString();
    if (json.length() > MAX_ATTRIBUTE_JSON) {
      throw new InvalidInputException(
          "attributes", "attributes are longer than " + MAX_ATTRIBUTE_JSON + " characters");
    }
    for (String key : ((JsonObject) value).keySet()) {
      if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
        throw new InvalidInputException(
            "attributes." + key, "attribute names must be 1 to " + MAX_KEY_LENGTH + " characters");
      }
    }
    requireCleanJson("attributes", value);
    return json;
  }

  private static Integer score(JsonObject body) {
    JsonValue value = body.get("score");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw new InvalidInputException("score", "score must be a whole number from 1 to 5");
    }
    int score;
    try {
      score = number.intValueExact();
    } catch (ArithmeticException e) {
      score = -1;
    }
    if (score < 1 || score > 5) {
      throw new InvalidInputException("score", "score must be a whole number from 1 to 5");
    }
    return score;
  }

  private static String comment(JsonObject body) {
    JsonValue value = body.get("comment");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonString s)) {
      throw new InvalidInputException("comment", "comment must be a string");
    }
    if (s.getString().length() > MAX_COMMENT_LENGTH) {
      throw new InvalidInputException(
          "comment", "comment is longer than " + MAX_COMMENT_LENGTH + " characters");
    }
    requireClean("comment", s.getString(), true);
    return s.getString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
