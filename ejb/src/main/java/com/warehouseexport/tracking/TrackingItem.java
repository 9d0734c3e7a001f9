package com.warehouseexport.tracking;

import java.time.Instant;
import java.util.Map;

/**
 * One validated ingestion call. Attribute values are kept as JSON text (one entry per key) so that
 * strings, numbers and booleans keep their type for segment evaluation.
 */
public sealed interface TrackingItem {

  Instant timestamp();

  /** {@code POST /track/company}: attributes of a company, optionally linking a user to it. */
  record CompanyCall(
      String companyId, Map<String, String> attributes, String userId, Instant timestamp)
      implements TrackingItem {}

  /** {@code POST /track/user}: attributes of a user. */
  record UserCall(String userId, Map<String, String> attributes, Instant timestamp)
      implements TrackingItem {}

  /** {@code POST /track/event}: an event; its name equal to a feature key is a usage. */
  record EventCall(
      String event, String userId, String companyId, String attributesJson, Instant timestamp)
      implements TrackingItem {}

  /** {@code POST /track/feedback}: a score (1–5, optional) and/or a comment on a feature. */
  record FeedbackCall(
      String featureKey,
      String userId,
      String companyId,
      Integer score,
      String comment,
      Instant timestamp)
      implements TrackingItem {}
}
