package com.warehouseexport.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What ingestion stored for an environment, read through the operator API {@code GET
 * /api/v1/system/environments/{id}/tracking} (the embedded database opens no port for tests to read
 * it directly).
 */
final class Stored {

  private final JsonObject tracking;

  private Stored(JsonObject tracking) {
    this.tracking = tracking;
  }

  static Stored of(Api api, long environmentId) {
    Api.Answer answer =
        api.asOperator("GET", "/api/v1/system/environments/" + environmentId + "/tracking", null);
    if (answer.status() != 200) {
      throw new IllegalStateException(answer.status() + " " + answer.body());
    }
    return new Stored(answer.json());
  }

  /** Sum of {@code usage_count} of a company on a day (of one feature when featureKey != null). */
  long usageCount(String companyId, String featureKey, long epochDay) {
    return sum(
        "usageDays",
        "usageCount",
        r ->
            companyId.equals(text(r, "companyId"))
                && (featureKey == null || featureKey.equals(text(r, "featureKey")))
                && r.getJsonNumber("epochDay").longValue() == epochDay);
  }

  /** Sum of {@code usage_count} of a company over all days and features. */
  long usageCount(String companyId) {
    return sum("usageDays", "usageCount", r -> companyId.equals(text(r, "companyId")));
  }

  /** Rollup rows on a day, of any company. */
  long usageRowsOn(long epochDay) {
    return count("usageDays", r -> r.getJsonNumber("epochDay").longValue() == epochDay);
  }

  /** The earliest {@code first_at} of a company on a day. */
  long usageFirstAt(String companyId, long epochDay) {
    return tracking.getJsonArray("usageDays").stream()
        .map(JsonValue::asJsonObject)
        .filter(
            r ->
                companyId.equals(text(r, "companyId"))
                    && r.getJsonNumber("epochDay").longValue() == epochDay)
        .mapToLong(r -> r.getJsonNumber("firstAt").longValue())
        .min()
        .orElseThrow(() -> new IllegalStateException("no usage of " + companyId));
  }

  JsonObject company(String companyId) {
    return tracking.getJsonArray("companies").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> companyId.equals(text(r, "companyId")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no company " + companyId));
  }

  /** Companies whose id matches. */
  long companies(Predicate<String> companyId) {
    return count("companies", r -> companyId.test(text(r, "companyId")));
  }

  /** The company an event at {@code occurredAt} was attributed to (null: none). */
  String eventCompany(long occurredAt) {
    JsonObject event =
        tracking.getJsonArray("events").stream()
            .map(JsonValue::asJsonObject)
            .filter(r -> r.getJsonNumber("occurredAt").longValue() == occurredAt)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no event at " + occurredAt));
    return text(event, "companyId");
  }

  /** Events attributed to a company. */
  long events(String companyId) {
    return sum("events", "count", r -> Objects.equals(companyId, text(r, "companyId")));
  }

  String feedbackCompany(String userId) {
    return tracking.getJsonArray("feedback").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> userId.equals(text(r, "userId")))
        .map(r -> text(r, "companyId"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no feedback of " + userId));
  }

  private long sum(String list, String field, Predicate<JsonObject> filter) {
    return tracking.getJsonArray(list).stream()
        .map(JsonValue::asJsonObject)
        .filter(filter)
        .mapToLong(r -> r.getJsonNumber(field).longValue())
        .sum();
  }

  private long count(String list, Predicate<JsonObject> filter) {
    return tracking.getJsonArray(list).stream().map(JsonValue::asJsonObject).filter(filter).count();
  }

  private static String text(JsonObject r, String field) {
    return r.isNull(field) ? null : r.getString(field);
  }
}
