package com.warehouseexport.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingBatchTest {

  private static final Instant D1 = Instant.parse("2026-11-01T10:00:00Z");
  private static final long DAY1 = LocalDate.parse("2026-11-01").toEpochDay();

  private final Map<String, UserLinks> stored = new HashMap<>();
  private final List<String> linkLookups = new ArrayList<>();
  private final TrackingBatch batch =
      new TrackingBatch(
          user -> {
            linkLookups.add(user);
            return stored.computeIfAbsent(user, u -> new UserLinks());
          });

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static TrackingItem.CompanyCall company(
      String id, Map<String, String> attributes, String user, String at) {
    return new TrackingItem.CompanyCall(id, attributes, user, at(at));
  }

  private static TrackingItem.EventCall event(
      String event, String user, String company, String at) {
    return new TrackingItem.EventCall(event, user, company, null, at(at));
  }

  private static TrackingItem.FeedbackCall feedback(
      String feature, String user, String company, Integer score, String at) {
    return new TrackingItem.FeedbackCall(feature, user, company, score, "c", at(at));
  }

  @Test
  void companySpansCoverEveryReferenceInAnyOrder() {
    batch.add(company("acme", Map.of(), null, "2026-11-05T00:00:00Z"));
    batch.add(event("reports", "u", "acme", "2026-11-01T10:00:00Z"));
    batch.add(feedback("reports", "u", "acme", 3, "2026-11-09T23:59:59.999Z"));
    batch.add(company("acme", Map.of(), null, "2026-11-03T00:00:00Z"));
    assertEquals(
        new TrackingBatch.Span(ms("2026-11-01T10:00:00Z"), ms("2026-11-09T23:59:59.999Z")),
        batch.companies.get("acme"));
  }

  @Test
  void companyDaysAreUtcDaysWithTheEarliestInstantOfEach() {
    batch.add(company("acme", Map.of(), null, "2026-11-01T23:59:59.999Z"));
    batch.add(company("acme", Map.of(), null, "2026-11-01T00:00:00Z"));
    batch.add(company("acme", Map.of(), null, "2026-11-02T00:00:00Z"));
    assertEquals(
        Map.of(
            new TrackingBatch.DayKey("acme", DAY1),
                new TrackingBatch.DaySeen(ms("2026-11-01T00:00:00Z"), 2),
            new TrackingBatch.DayKey("acme", DAY1 + 1),
                new TrackingBatch.DaySeen(ms("2026-11-02T00:00:00Z"), 1)),
        batch.companyDays);
  }

  @Test
  void daysBeforeTheEpochRoundDown() {
    assertEquals(-1, TrackingBatch.day(-1));
    assertEquals(0, TrackingBatch.day(0));
    assertEquals(LocalDate.parse("1969-12-31"), TrackingBatch.date(TrackingBatch.day(-1)));
  }

  @Test
  void theLatestAttributeWinsRegardlessOfArrivalOrder() {
    batch.add(company("acme", Map.of("name", "\"New\""), null, "2026-11-05T00:00:00Z"));
    batch.add(company("acme", Map.of("name", "\"Old\""), null, "2026-11-01T00:00:00Z"));
    batch.add(company("acme", Map.of("plan", "\"pro\""), null, "2026-11-02T00:00:00Z"));
    assertEquals(
        new TrackingBatch.AttributeValue("\"New\"", ms("2026-11-05T00:00:00Z")),
        batch.companyAttributes.get(new TrackingBatch.AttributeKey("acme", "name")));
    assertEquals(
        "\"pro\"",
        batch.companyAttributes.get(new TrackingBatch.AttributeKey("acme", "plan")).json());
  }

  @Test
  void onATimestampTieTheAttributeReceivedLastWins() {
    batch.add(company("acme", Map.of("name", "\"First\""), null, "2026-11-05T00:00:00Z"));
    batch.add(company("acme", Map.of("name", "\"Second\""), null, "2026-11-05T00:00:00Z"));
    assertEquals(
        "\"Second\"",
        batch.companyAttributes.get(new TrackingBatch.AttributeKey("acme", "name")).json());
  }

  @Test
  void userAttributesAndSpansAreKeptApartFromCompanies() {
    batch.add(
        new TrackingItem.UserCall("u", Map.of("email", "\"a@b\""), at("2026-11-02T00:00:00Z")));
    batch.add(
        new TrackingItem.UserCall("u", Map.of("email", "\"old@b\""), at("2026-11-01T00:00:00Z")));
    assertEquals(
        "\"a@b\"", batch.userAttributes.get(new TrackingBatch.AttributeKey("u", "email")).json());
    assertEquals(
        new TrackingBatch.Span(ms("2026-11-01T00:00:00Z"), ms("2026-11-02T00:00:00Z")),
        batch.users.get("u"));
    assertTrue(batch.companies.isEmpty());
    assertTrue(batch.companyAttributes.isEmpty());
  }

  @Test
  void eventsWithoutCompanyUseTheDefaultCompanyAtTheirTime() {
    batch.add(company("acme", Map.of(), "u", "2026-11-01T00:00:00Z"));
    batch.add(company("globex", Map.of(), "u", "2026-11-03T00:00:00Z"));
    batch.add(event("reports", "u", null, "2026-11-02T00:00:00Z"));
    batch.add(event("reports", "u", null, "2026-11-03T00:00:00Z"));
    batch.add(event("reports", "u", "initech", "2026-11-02T00:00:00Z"));
    assertEquals(
        List.of("acme", "globex", "initech"),
        batch.events.stream().map(TrackingBatch.EventRow::companyId).toList());
    assertEquals(
        List.of(
            new TrackingBatch.Link("u", "acme", ms("2026-11-01T00:00:00Z")),
            new TrackingBatch.Link("u", "globex", ms("2026-11-03T00:00:00Z"))),
        batch.newLinks);
  }

  @Test
  void storedLinksAreLoadedOncePerUserAndUsed() {
    UserLinks known = new UserLinks();
    known.link("acme", at("2026-10-01T00:00:00Z"));
    stored.put("u", known);
    batch.add(event("reports", "u", null, "2026-11-01T00:00:00Z"));
    batch.add(feedback("reports", "u", null, 4, "2026-11-01T00:00:00Z"));
    batch.add(company("acme", Map.of(), "u", "2026-10-01T00:00:00Z"));
    assertEquals(List.of("u"), linkLookups);
    assertEquals("acme", batch.events.get(0).companyId());
    assertEquals("acme", batch.feedback.get(0).companyId());
    assertTrue(batch.newLinks.isEmpty(), "an already stored link is not inserted again");
  }

  @Test
  void unattributedEventsAndFeedbackAreStoredButCountNothing() {
    batch.add(event("reports", "lonely", null, "2026-11-01T10:00:00Z"));
    batch.add(feedback("reports", "lonely", null, 5, "2026-11-01T10:00:00Z"));
    assertEquals(1, batch.events.size());
    assertNull(batch.events.get(0).companyId());
    assertEquals(1, batch.feedback.size());
    assertNull(batch.feedback.get(0).companyId());
    assertTrue(batch.usage.isEmpty());
    assertTrue(batch.companies.isEmpty());
    assertTrue(batch.companyDays.isEmpty());
    assertEquals(Set.of("reports"), batch.featureKeys);
    assertEquals(
        new TrackingBatch.Span(ms("2026-11-01T10:00:00Z"), ms("2026-11-01T10:00:00Z")),
        batch.users.get("lonely"));
  }

  @Test
  void featureKeysComeFromEventsAndFeedback() {
    batch.add(event("reports", "u", "acme", "2026-11-01T10:00:00Z"));
    batch.add(feedback("alerts", "u", "acme", null, "2026-11-01T10:00:00Z"));
    batch.add(event("reports", "u", "acme", "2026-11-02T10:00:00Z"));
    assertEquals(Set.of("reports", "alerts"), batch.featureKeys);
    assertTrue(
        batch.usage.keySet().stream().allMatch(k -> k.featureKey().equals("reports")),
        "feedback is not a usage");
  }

  @Test
  void usageIsCountedPerCompanyFeatureAndUtcDay() {
    batch.add(event("reports", "u", "acme", "2026-11-01T23:00:00Z"));
    batch.add(event("reports", "u", "acme", "2026-11-01T01:00:00Z"));
    batch.add(event("reports", "v", "acme", "2026-11-01T12:00:00Z"));
    batch.add(event("reports", "u", "acme", "2026-11-02T00:00:00Z"));
    batch.add(event("alerts", "u", "acme", "2026-11-01T05:00:00Z"));
    batch.add(event("reports", "u", "globex", "2026-11-01T05:00:00Z"));
    Map<TrackingBatch.UsageKey, TrackingBatch.Usage> expected = new HashMap<>();
    expected.put(
        new TrackingBatch.UsageKey("acme", "reports", DAY1),
        new TrackingBatch.Usage(3, ms("2026-11-01T01:00:00Z"), ms("2026-11-01T23:00:00Z")));
    expected.put(
        new TrackingBatch.UsageKey("acme", "reports", DAY1 + 1),
        new TrackingBatch.Usage(1, ms("2026-11-02T00:00:00Z"), ms("2026-11-02T00:00:00Z")));
    expected.put(
        new TrackingBatch.UsageKey("acme", "alerts", DAY1),
        new TrackingBatch.Usage(1, ms("2026-11-01T05:00:00Z"), ms("2026-11-01T05:00:00Z")));
    expected.put(
        new TrackingBatch.UsageKey("globex", "reports", DAY1),
        new TrackingBatch.Usage(1, ms("2026-11-01T05:00:00Z"), ms("2026-11-01T05:00:00Z")));
    assertEquals(expected, batch.usage);
  }

  @Test
  void rowKeysAreSortedSoWritersLockInTheSameOrder() {
    batch.add(event("b", "u", "c2", "2026-11-02T00:00:00Z"));
    batch.add(event("a", "u", "c2", "2026-11-02T00:00:00Z"));
    batch.add(event("a", "u", "c2", "2026-11-01T00:00:00Z"));
    batch.add(event("z", "u", "c1", "2026-11-03T00:00:00Z"));
    assertEquals(
        List.of(
            new TrackingBatch.UsageKey("c1", "z", DAY1 + 2),
            new TrackingBatch.UsageKey("c2", "a", DAY1),
            new TrackingBatch.UsageKey("c2", "a", DAY1 + 1),
            new TrackingBatch.UsageKey("c2", "b", DAY1 + 1)),
        List.copyOf(batch.usage.keySet()));
    assertEquals(List.of("c1", "c2"), List.copyOf(batch.companies.keySet()));
  }

  @Test
  void eventRowsKeepTheirAttributesAndTime() {
    batch.add(new TrackingItem.EventCall("reports", "u", "acme", "{\"a\":1}", D1));
    assertEquals(
        new TrackingBatch.EventRow("reports", "u", "acme", D1.toEpochMilli(), "{\"a\":1}", false),
        batch.events.get(0));
    batch.add(new TrackingItem.EventCall("reports", "u", null, null, D1));
    assertTrue(batch.events.get(1).byLink(), "sent without companyId: follows the links");
  }

  @Test
  void aRequestsOwnLinksAttributeItsEventsWhateverTheirOrderInIt() {
    batch.addAll(
        List.of(
            event("reports", "u", null, "2026-11-01T11:00:00Z"),
            feedback("reports", "u", null, 4, "2026-11-01T12:00:00Z"),
            company("acme", Map.of(), "u", "2026-11-01T10:00:00Z")));
    assertEquals("acme", batch.events.get(0).companyId());
    assertEquals("acme", batch.feedback.get(0).companyId());
    assertEquals(1, batch.usage.get(new TrackingBatch.UsageKey("acme", "reports", DAY1)).count());
  }

  @Test
  void aMovedEventLeavesItsOldCompanyAndArrivesAtTheNewOne() {
    long t = ms("2026-11-02T09:00:00Z");
    batch.reattribute(
        List.of(
            new LateLinks.Move(
                new LateLinks.StoredRow(LateLinks.Kind.EVENT, 7, "reports", "u", "a", t), "b"),
            new LateLinks.Move(
                new LateLinks.StoredRow(LateLinks.Kind.FEEDBACK, 8, "reports", "u", "a", t), "b"),
            new LateLinks.Move(
                new LateLinks.StoredRow(LateLinks.Kind.EVENT, 9, "reports", "u", null, t), "b")));
    TrackingBatch.UsageKey oldKey = new TrackingBatch.UsageKey("a", "reports", DAY1 + 1);
    TrackingBatch.UsageKey newKey = new TrackingBatch.UsageKey("b", "reports", DAY1 + 1);
    assertEquals(-1, batch.usage.get(oldKey).count());
    assertEquals(new TrackingBatch.Usage(2, t, t), batch.usage.get(newKey));
    assertEquals(-2, batch.companyDays.get(new TrackingBatch.DayKey("a", DAY1 + 1)).sightings());
    assertEquals(
        new TrackingBatch.DaySeen(t, 3),
        batch.companyDays.get(new TrackingBatch.DayKey("b", DAY1 + 1)));
    assertEquals(new TrackingBatch.Span(t, t), batch.companies.get("b"));
    assertNull(batch.companies.get("a"), "the old company's first seen never moves");
    assertEquals(List.of(oldKey), List.copyOf(batch.shrunkUsage.keySet()));
    assertEquals(3, batch.moves.size());
  }

  @Test
  void userSpansCoverEveryItemThatNamesAUser() {
    assertEquals(
        Map.of(
            "u", new TrackingBatch.Span(ms("2026-11-01T00:00:00Z"), ms("2026-11-03T00:00:00Z")),
            "v", new TrackingBatch.Span(ms("2026-11-02T00:00:00Z"), ms("2026-11-02T00:00:00Z"))),
        TrackingBatch.userSpans(
            List.of(
                event("reports", "u", null, "2026-11-03T00:00:00Z"),
                company("acme", Map.of(), "u", "2026-11-01T00:00:00Z"),
                company("acme", Map.of(), null, "2026-11-05T00:00:00Z"),
                new TrackingItem.UserCall("v", Map.of(), at("2026-11-02T00:00:00Z")))));
  }

  @Test
  void usersNeedingLinksAreThoseThatLinkOrNeedADefaultCompany() {
    List<TrackingItem> items =
        List.of(
            company("acme", Map.of(), "linker", "2026-11-01T00:00:00Z"),
            company("acme", Map.of(), null, "2026-11-01T00:00:00Z"),
            event("reports", "explicit", "acme", "2026-11-01T00:00:00Z"),
            event("reports", "implicit", null, "2026-11-01T00:00:00Z"),
            feedback("reports", "fb-explicit", "acme", 1, "2026-11-01T00:00:00Z"),
            feedback("reports", "fb-implicit", null, 1, "2026-11-01T00:00:00Z"),
            new TrackingItem.UserCall("plain", Map.of(), D1));
    assertEquals(
        Set.of("linker", "implicit", "fb-implicit"), TrackingBatch.usersNeedingLinks(items));
  }
}
