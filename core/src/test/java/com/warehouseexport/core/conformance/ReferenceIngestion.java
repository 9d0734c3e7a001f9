package com.warehouseexport.core.conformance;

import com.warehouseexport.core.segment.SegmentDefinition;
import com.warehouseexport.core.usage.CodePointOrder;
import com.warehouseexport.core.usage.CompanyHistory;
import com.warehouseexport.core.usage.FeatureActivity;
import com.warehouseexport.core.usage.FeedbackEntry;
import com.warehouseexport.core.usage.SeenDay;
import com.warehouseexport.core.usage.SegmentRef;
import com.warehouseexport.core.usage.UsageDay;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple, test-only model of ingestion (PRODUCT.md §2) that turns bulk items into
 * {@link CompanyHistory} objects. It keeps every item, including those after the as-of instant: the
 * calculator must filter those itself. Company attributes (and so names and segments) take, per
 * key, the value with the latest timestamp — the values known when the export runs.
 */
final class ReferenceIngestion {

  private record Link(Instant at, int order, String companyId) {}

  private record Stamped(Instant at, int order, Object value) {}

  private final Map<String, List<Link>> linksByUser = new HashMap<>();
  private final Map<String, Map<String, Stamped>> attributesByCompany = new HashMap<>();
  private final Map<String, TreeMap<LocalDate, Instant>> seenByCompany = new HashMap<>();
  private final Map<String, Map<String, TreeMap<LocalDate, Instant>>> usage = new HashMap<>();
  private final Map<String, Map<String, List<FeedbackEntry>>> feedback = new HashMap<>();

  /** Ingests items; they need not be in timestamp order. */
  static ReferenceIngestion of(List<JsonObject> items) {
    ReferenceIngestion ingestion = new ReferenceIngestion();
    // Pass 1: links and attributes, so that attribution only depends on timestamps.
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.get(i);
      if (item.getString("type").equals("company")) {
        ingestion.company(item, i);
      }
    }
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.get(i);
      switch (item.getString("type")) {
        case "event" -> ingestion.event(item, i);
        case "feedback" -> ingestion.feedback(item, i);
        default -> {}
      }
    }
    return ingestion;
  }

  private void company(JsonObject item, int order) {
    String companyId = item.getString("companyId");
    Instant at = Instant.parse(item.getString("timestamp"));
    seen(companyId, at);
    if (item.containsKey("userId")) {
      linksByUser
          .computeIfAbsent(item.getString("userId"), u -> new ArrayList<>())
          .add(new Link(at, order, companyId));
    }
    JsonObject attributes = item.getJsonObject("attributes");
    if (attributes != null) {
      Map<String, Stamped> current =
          attributesByCompany.computeIfAbsent(companyId, c -> new HashMap<>());
      attributes.forEach(
          (key, value) -> {
            Stamped previous = current.get(key);
            if (previous == null || !previous.at().isAfter(at)) {
              current.put(key, new Stamped(at, order, javaValue(value)));
            }
          });
    }
  }

  private void event(JsonObject item, int order) {
    Instant at = Instant.parse(item.getString("timestamp"));
    String companyId = attribute(item, at, order);
    if (companyId == null) {
      return;
    }
    seen(companyId, at);
    usage
        .computeIfAbsent(companyId, c -> new HashMap<>())
        .computeIfAbsent(item.getString("event"), f -> new TreeMap<>())
        .merge(day(at), at, (a, b) -> a.isBefore(b) ? a : b);
  }

  private void feedback(JsonObject item, int order) {
    Instant at = Instant.parse(item.getString("timestamp"));
    String companyId = attribute(item, at, order);
    if (companyId == null) {
      return;
    }
    seen(companyId, at);
    Integer score = item.containsKey("score") ? item.getInt("score") : null;
    feedback
        .computeIfAbsent(companyId, c -> new HashMap<>())
        .computeIfAbsent(item.getString("featureKey"), f -> new ArrayList<>())
        .add(new FeedbackEntry(item.getString("userId"), at, score));
  }

  /** The explicit company, else the user's latest link at or before {@code at}, else null. */
  private String attribute(JsonObject item, Instant at, int order) {
    if (item.containsKey("companyId")) {
      return item.getString("companyId");
    }
    Link latest = null;
    for (Link link : linksByUser.getOrDefault(item.getString("userId"), List.of())) {
      if (!link.at().isAfter(at)
          && (latest == null
              || link.at().isAfter(latest.at())
              || (link.at().equals(latest.at()) && link.order() > latest.order()))) {
        latest = link;
      }
    }
    return latest == null ? null : latest.companyId();
  }

  private void seen(String companyId, Instant at) {
    seenByCompany
        .computeIfAbsent(companyId, c -> new TreeMap<>())
        .merge(day(at), at, (a, b) -> a.isBefore(b) ? a : b);
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static Object javaValue(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
      default -> value.toString();
    };
  }

  /** The histories of all seen companies, ordered by company id in code-point order. */
  List<CompanyHistory> histories(List<SegmentDefinition> segments) {
    List<CompanyHistory> histories = new ArrayList<>();
    seenByCompany.keySet().stream()
        .sorted(CodePointOrder.COMPARATOR)
        .forEach(companyId -> histories.add(history(companyId, segments)));
    return histories;
  }

  private CompanyHistory history(String companyId, List<SegmentDefinition> segments) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributesByCompany
        .getOrDefault(companyId, Map.of())
        .forEach((key, stamped) -> attributes.put(key, stamped.value()));
    Object name = attributes.get("name");
    List<SegmentRef> memberships =
        segments.stream()
            .filter(segment -> segment.matches(attributes))
            .map(segment -> new SegmentRef(segment.id(), segment.name()))
            .toList();
    List<SeenDay> seenDays =
        seenByCompany.get(companyId).entrySet().stream()
            .map(e -> new SeenDay(e.getKey(), e.getValue()))
            .toList();
    Map<String, FeatureActivity> activity = new HashMap<>();
    Map<String, TreeMap<LocalDate, Instant>> usageByFeature =
        usage.getOrDefault(companyId, Map.of());
    Map<String, List<FeedbackEntry>> feedbackByFeature = feedback.getOrDefault(companyId, Map.of());
    for (String feature : union(usageByFeature.keySet(), feedbackByFeature.keySet())) {
      List<UsageDay> days =
          usageByFeature.getOrDefault(feature, new TreeMap<>()).entrySet().stream()
              .map(e -> new UsageDay(e.getKey(), e.getValue()))
              .toList();
      List<FeedbackEntry> entries =
          feedbackByFeature.getOrDefault(feature, List.of()).stream()
              .sorted(Comparator.comparing(FeedbackEntry::at))
              .toList();
      activity.put(feature, new FeatureActivity(days, entries));
    }
    return new CompanyHistory(
        companyId, name == null ? null : name.toString(), seenDays, memberships, activity);
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
