package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Late, repeated and old tracking data (issue 20, PRODUCT.md §2 and §13): links arriving after the
 * events they precede give the export of in-order arrival; a bulk call re-sent (twice at once, then
 * again) is stored once; purging raw events changes no export.
 */
@ExtendWith(ArquillianExtension.class)
class LateDataIT {

  private static final String AS_OF = "2026-06-01T00:00:00Z";
  private static final LocalDate TODAY = LocalDate.parse("2026-06-01");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  private static String ts(int daysAgo, int hour) {
    return TODAY.minusDays(daysAgo) + String.format("T%02d:00:00Z", hour);
  }

  private static String company(String id, String name, String user, String at) {
    return "{\"type\":\"company\",\"companyId\":\""
        + id
        + "\""
        + (name == null ? "" : ",\"attributes\":{\"name\":\"" + name + "\"}")
        + (user == null ? "" : ",\"userId\":\"" + user + "\"")
        + ",\"timestamp\":\""
        + at
        + "\"}";
  }

  private static String event(String feature, String user, String at) {
    return "{\"type\":\"event\",\"event\":\""
        + feature
        + "\",\"userId\":\""
        + user
        + "\",\"timestamp\":\""
        + at
        + "\"}";
  }

  private static String feedback(String feature, String user, int score, String at) {
    return "{\"type\":\"feedback\",\"featureKey\":\""
        + feature
        + "\",\"userId\":\""
        + user
        + "\",\"score\":"
        + score
        + ",\"timestamp\":\""
        + at
        + "\"}";
  }

  /**
   * u1 is linked to alpha 20 days ago and moves to beta 10 days ago; u2 is linked to gamma 15 days
   * ago. Their events and feedback carry no companyId: they follow the links.
   */
  private static List<String> links() {
    return List.of(
        company("alpha", "Alpha", "u1", ts(20, 9)),
        company("beta", "Beta", null, ts(25, 9)),
        company("beta", null, "u1", ts(10, 9)),
        company("gamma", "Gamma", "u2", ts(15, 9)));
  }

  private static List<String> usage() {
    List<String> items = new ArrayList<>();
    for (int d = 19; d >= 1; d--) {
      items.add(event("reports", "u1", ts(d, 12)));
      if (d % 2 == 0) {
        items.add(event("alerts", "u1", ts(d, 13)));
      }
    }
    items.add(event("reports", "u1", ts(10, 9))); // at the very instant of the move: beta's
    items.add(event("reports", "u1", ts(10, 8))); // an hour before it: alpha's
    for (int d = 17; d >= 2; d--) {
      items.add(event("reports", "u2", ts(d, 7))); // before gamma's link at 15: unattributed
    }
    items.add(feedback("reports", "u1", 2, ts(12, 10)));
    items.add(feedback("reports", "u1", 5, ts(3, 10)));
    items.add(feedback("alerts", "u2", 4, ts(11, 10)));
    items.add(feedback("alerts", "u2", 1, ts(16, 10)));
    return items;
  }

  private static String bulk(List<String> items) {
    return "[" + String.join(",", items) + "]";
  }

  private void send(Api.Tenant tenant, List<String> items) {
    Api.Answer answer = api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", bulk(items));
    assertEquals(200, answer.status(), answer.body());
    assertEquals(0, answer.json().getInt("rejected"), answer.body());
  }

  private byte[] export(Api.Tenant tenant) {
    long execution =
        api.startExport(
            tenant.environmentId(),
            "{\"aggregation\":\"30-days-daily\",\"asOf\":\"" + AS_OF + "\"}");
    JsonObject status = api.awaitExport(execution);
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    return api.downloadCsv(execution);
  }

  private Api.Tenant tenant(String name) {
    return api.newTenant(name + " " + UUID.randomUUID(), "PRO");
  }

  @Test
  void linksArrivingAfterTheirEventsGiveTheExportOfInOrderArrival() throws Exception {
    // In order: every link before the events it precedes (one call per item, by timestamp).
    Api.Tenant inOrder = tenant("In order");
    List<String> all = new ArrayList<>(links());
    all.addAll(usage());
    all.sort(
        java.util.Comparator.comparing(
            (String item) ->
                Instant.parse(item.replaceAll(".*\"timestamp\":\"([^\"]+)\".*", "$1"))));
    for (String item : all) {
      send(inOrder, List.of(item));
    }
    byte[] expected = export(inOrder);

    // Out of order: alpha's link first, then all usage (u1's all goes to alpha, u2's nowhere),
    // then the move to beta and gamma's link, late.
    Api.Tenant late = tenant("Late links");
    send(late, List.of(links().get(0), links().get(1)));
    send(late, usage());
    byte[] beforeTheLateLinks = export(late);
    assertFalse(
        java.util.Arrays.equals(expected, beforeTheLateLinks),
        "the late links must matter for this test to mean anything");
    send(late, List.of(links().get(3)));
    send(late, List.of(links().get(2)));
    byte[] actual = export(late);

    String csv = new String(expected, StandardCharsets.UTF_8);
    assertEquals(csv, new String(actual, StandardCharsets.UTF_8));
    assertArrayEquals(expected, actual);

    // What in-order arrival gives, spelled out: the move took u1's later usage to beta.
    CSVRecord alphaLast = row(csv, "alpha", "reports", TODAY.minusDays(1));
    assertEquals(TODAY.minusDays(10).toString(), alphaLast.get("Last Used"));
    assertEquals("1", alphaLast.get("Feedback Count"));
    CSVRecord betaLast = row(csv, "beta", "reports", TODAY.minusDays(1));
    assertEquals(TODAY.minusDays(10).toString(), betaLast.get("First Used"));
    assertEquals(TODAY.minusDays(1).toString(), betaLast.get("Last Seen"));
    assertEquals("1", betaLast.get("Feedback Count"));
    CSVRecord gamma = row(csv, "gamma", "alerts", TODAY.minusDays(1));
    assertEquals(
        "1", gamma.get("Feedback Count"), "feedback before gamma's link stays unattributed");
    assertEquals(
        TODAY.minusDays(14).toString(),
        row(csv, "gamma", "reports", TODAY.minusDays(1)).get("First Used"));
  }

  private static CSVRecord row(String csv, String company, String feature, LocalDate date)
      throws Exception {
    try (CSVParser parser =
        CSVParser.parse(
            new StringReader(csv),
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
      for (CSVRecord r : parser) {
        if (r.get("Company ID").equals(company)
            && r.get("Feature ID").equals(feature)
            && r.get("Date").equals(date.toString())) {
          return r;
        }
      }
    }
    throw new AssertionError("no row " + company + " " + feature + " " + date + " in\n" + csv);
  }

  @Test
  void aBulkCallResentTwiceAtOnceAndAgainIsStoredOnce() throws Exception {
    Api.Tenant tenant = tenant("Retries");
    String call =
        "["
            + "{\"type\":\"company\",\"companyId\":\"acme\",\"userId\":\"u\",\"messageId\":\"m-1\","
            + "\"attributes\":{\"name\":\"Acme\"},\"timestamp\":\""
            + ts(5, 8)
            + "\"},"
            + "{\"type\":\"feedback\",\"featureKey\":\"reports\",\"userId\":\"u\",\"score\":5,"
            + "\"messageId\":\"m-2\",\"timestamp\":\""
            + ts(4, 8)
            + "\"},"
            + "{\"type\":\"feedback\",\"featureKey\":\"reports\",\"userId\":\"v\",\"companyId\":"
            + "\"acme\",\"score\":3,\"messageId\":\"m-3\",\"timestamp\":\""
            + ts(4, 9)
            + "\"},"
            + "{\"type\":\"feedback\",\"featureKey\":\"reports\",\"userId\":\"w\",\"companyId\":"
            + "\"acme\",\"score\":1,\"messageId\":\"m-4\",\"timestamp\":\""
            + ts(3, 9)
            + "\"},"
            + "{\"type\":\"event\",\"event\":\"reports\",\"userId\":\"u\",\"messageId\":\"m-5\","
            + "\"timestamp\":\""
            + ts(3, 10)
            + "\"}"
            + "]";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int duplicates = 0;
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Api.Answer>> sent = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        sent.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", call);
                }));
      }
      start.countDown();
      for (Future<Api.Answer> f : sent) {
        Api.Answer answer = f.get(2, TimeUnit.MINUTES);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(5, answer.json().getInt("accepted"), answer.body());
        duplicates += answer.json().getInt("duplicates");
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(5, duplicates, "of the two copies in flight, exactly one was stored");
    Api.Answer third = api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", call);
    assertEquals(5, third.json().getInt("duplicates"), third.body());
    assertEquals(
        "duplicate", third.json().getJsonArray("results").getJsonObject(1).getString("status"));
    Api.Answer single =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/event",
            "{\"event\":\"reports\",\"userId\":\"u\",\"messageId\":\"m-5\",\"timestamp\":\""
                + ts(3, 10)
                + "\"}");
    assertEquals(202, single.status(), single.body());
    assertEquals("duplicate", single.json().getString("status"));

    String csv = new String(export(tenant), StandardCharsets.UTF_8);
    CSVRecord last = row(csv, "acme", "reports", TODAY.minusDays(1));
    assertEquals("3", last.get("Feedback Count"));
    assertEquals("3", last.get("Satisfaction"));
    Stored stored = Stored.of(api, tenant.environmentId());
    assertEquals(1, stored.usageCount("acme"));
    assertEquals(1, stored.events("acme"));
  }

  @Test
  void aLinkAndAnEventOfOneUserArrivingAtOnceAlwaysMeet() throws Exception {
    // Each user's link and event are sent at the same moment on two threads: whichever commits
    // second must see the other (the user's row is locked before the links are read).
    Api.Tenant tenant = tenant("Link and event at once");
    int users = 24;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Api.Answer>> sent = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        CountDownLatch start = new CountDownLatch(1);
        String user = "racer-" + u;
        String link = bulk(List.of(company("hub", null, user, ts(3, 8))));
        String use = bulk(List.of(event("reports", user, ts(3, 9))));
        for (String body : List.of(link, use)) {
          sent.add(
              pool.submit(
                  () -> {
                    start.await();
                    return api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", body);
                  }));
        }
        start.countDown();
      }
      for (Future<Api.Answer> f : sent) {
        Api.Answer answer = f.get(2, TimeUnit.MINUTES);
        assertEquals(200, answer.status(), answer.body());
      }
    } finally {
      pool.shutdownNow();
    }
    Stored stored = Stored.of(api, tenant.environmentId());
    assertEquals(users, stored.usageCount("hub"));
    assertEquals(users, stored.events("hub"));
    assertEquals(0, stored.events(null), "no event left unattributed");
  }

  @Test
  void aMessageIdIsValidatedLikeAnId() {
    Api.Tenant tenant = tenant("Bad messageId");
    Api.Answer answer =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/bulk",
            "[{\"type\":\"user\",\"userId\":\"u\",\"messageId\":\""
                + "m".repeat(201)
                + "\"},{\"type\":\"user\",\"userId\":\"u\",\"messageId\":\"ok\"}]");
    assertEquals(200, answer.status(), answer.body());
    assertEquals(1, answer.json().getInt("rejected"));
    assertEquals(
        "messageId", answer.json().getJsonArray("results").getJsonObject(0).getString("field"));
    assertEquals(
        "accepted", answer.json().getJsonArray("results").getJsonObject(1).getString("status"));
  }

  @Test
  void purgingRawEventsChangesNoExport() throws Exception {
    Api.Tenant tenant = tenant("Retention");
    List<String> items = new ArrayList<>(links());
    items.addAll(usage());
    send(tenant, items);
    byte[] before = export(tenant);
    Stored stored = Stored.of(api, tenant.environmentId());
    assertTrue(stored.events("alpha") > 0);

    // Nothing is old enough yet.
    JsonObject none = purge(tenant, Instant.now().toString());
    assertEquals(0, none.getJsonNumber("events").longValue(), none.toString());

    // 36 days later (default retention P35D) every raw event of the environment goes.
    JsonObject purged = purge(tenant, Instant.now().plus(java.time.Duration.ofDays(36)).toString());
    assertEquals(items.size() - links().size() - 4, purged.getJsonNumber("events").longValue());
    Stored after = Stored.of(api, tenant.environmentId());
    assertEquals(0, after.events("alpha"));
    assertEquals(stored.usageCount("alpha"), after.usageCount("alpha"));
    assertArrayEquals(before, export(tenant));
  }

  private JsonObject purge(Api.Tenant tenant, String now) {
    Api.Answer answer =
        api.asOperator(
            "POST",
            "/api/v1/system/raw-events/purge?environmentId="
                + tenant.environmentId()
                + "&now="
                + now,
            null);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }
}
