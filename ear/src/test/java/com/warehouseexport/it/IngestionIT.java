package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tracking data in, through the real server into the real database. */
@ExtendWith(ArquillianExtension.class)
class IngestionIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;
  private Api.Tenant tenant;

  @BeforeEach
  void tenant() {
    api = new Api(base);
    tenant = api.newTenant("Ingestion " + UUID.randomUUID(), "PRO");
  }

  @Test
  void backDatedHistoryIsRolledUpPerCompanyFeatureAndDay() throws Exception {
    Api.Answer company =
        api.withKey(
            tenant.ingestionKey(),
            "/api/v1/track/company",
            """
            {"companyId":"acme","userId":"u1","attributes":{"name":"Acme, Inc.","seats":12},
             "timestamp":"2025-03-01T10:00:00Z"}""");
    assertEquals(202, company.status(), company.body());
    for (String ts :
        List.of("2025-03-01T11:00:00Z", "2025-03-01T09:30:00Z", "2025-03-03T23:59:59.999Z")) {
      Api.Answer event =
          api.withKey(
              tenant.ingestionKey(),
              "/api/v1/track/event",
              "{\"event\":\"dashboards\",\"userId\":\"u1\",\"companyId\":\"acme\",\"timestamp\":\""
                  + ts
                  + "\"}");
      assertEquals(202, event.status(), event.body());
    }
    long env = tenant.environmentId();
    long march1 = LocalDate.parse("2025-03-01").toEpochDay();
    Stored stored = Stored.of(api, env);
    assertEquals(2, stored.usageCount("acme", "dashboards", march1));
    assertEquals(
        Instant.parse("2025-03-01T09:30:00Z").toEpochMilli(), stored.usageFirstAt("acme", march1));
    assertEquals(1, stored.usageCount("acme", null, march1 + 2));
    // First/Last Seen span the company call and every attributed event.
    assertEquals(
        Instant.parse("2025-03-01T09:30:00Z").toEpochMilli(),
        stored.company("acme").getJsonNumber("firstSeenAt").longValue());
    assertEquals(
        Instant.parse("2025-03-03T23:59:59.999Z").toEpochMilli(),
        stored.company("acme").getJsonNumber("lastSeenAt").longValue());
    // The unknown event name registered a feature named after its key.
    JsonObject environment = api.asOperator("GET", "/api/v1/environments/" + env, null).json();
    JsonArray features = environment.getJsonArray("features");
    assertEquals(1, features.size());
    assertEquals("dashboards", features.getJsonObject(0).getString("name"));
    assertTrue(features.getJsonObject(0).getBoolean("autoRegistered"));
  }

  @Test
  void eventsWithoutCompanyGoToTheUsersCompanyAtThatTime() throws Exception {
    String bulk =
        """
        [
         {"type":"event","event":"alerts","userId":"u9","timestamp":"2025-05-01T08:00:00Z"},
         {"type":"company","companyId":"first","userId":"u9","timestamp":"2025-05-01T09:00:00Z"},
         {"type":"event","event":"alerts","userId":"u9","timestamp":"2025-05-02T08:00:00Z"},
         {"type":"company","companyId":"second","userId":"u9","timestamp":"2025-05-03T09:00:00Z"},
         {"type":"event","event":"alerts","userId":"u9","timestamp":"2025-05-04T08:00:00Z"},
         {"type":"feedback","featureKey":"alerts","userId":"u9","score":4,"timestamp":"2025-05-04T09:00:00Z"}
        ]""";
    Api.Answer answer = api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", bulk);
    assertEquals(200, answer.status(), answer.body());
    assertEquals(6, answer.json().getInt("accepted"));
    // A back-dated event for May 2nd, ingested later, still goes to the company of that time.
    api.withKey(
        tenant.ingestionKey(),
        "/api/v1/track/event",
        "{\"event\":\"alerts\",\"userId\":\"u9\",\"timestamp\":\"2025-05-02T12:00:00Z\"}");
    long env = tenant.environmentId();
    Stored stored = Stored.of(api, env);
    assertNull(
        stored.eventCompany(Instant.parse("2025-05-01T08:00:00Z").toEpochMilli()),
        "an event before any link is stored but not attributed");
    assertEquals(2, stored.usageCount("first", null, LocalDate.parse("2025-05-02").toEpochDay()));
    assertEquals(1, stored.usageCount("second", null, LocalDate.parse("2025-05-04").toEpochDay()));
    assertEquals("second", stored.feedbackCompany("u9"));
    assertEquals(0, stored.usageRowsOn(LocalDate.parse("2025-05-01").toEpochDay()));
  }

  @Test
  void bulkReportsEachItemAndStoresNothingOfARejectedOne() throws Exception {
    String bulk =
        """
        [
         {"type":"company","companyId":"ok-1","timestamp":"2025-06-01T00:00:00Z"},
         {"type":"event","event":"alerts","companyId":"bad-1","timestamp":"2025-06-01T00:00:00Z"},
         {"type":"feedback","featureKey":"alerts","userId":"u","companyId":"bad-2","score":9},
         {"type":"teleport","companyId":"bad-3"},
         {"type":"event","event":"alerts","userId":"u","companyId":"ok-2","timestamp":"yesterday"},
         {"type":"event","event":"alerts","userId":"u","companyId":"ok-3"}
        ]""";
    Api.Answer answer = api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", bulk);
    assertEquals(200, answer.status(), answer.body());
    JsonObject json = answer.json();
    assertEquals(2, json.getInt("accepted"));
    assertEquals(4, json.getInt("rejected"));
    JsonArray results = json.getJsonArray("results");
    assertEquals("accepted", results.getJsonObject(0).getString("status"));
    assertEquals("userId", results.getJsonObject(1).getString("field"));
    assertEquals("score", results.getJsonObject(2).getString("field"));
    assertEquals("type", results.getJsonObject(3).getString("field"));
    assertEquals("timestamp", results.getJsonObject(4).getString("field"));
    assertEquals("accepted", results.getJsonObject(5).getString("status"));
    Stored stored = Stored.of(api, tenant.environmentId());
    assertEquals(0, stored.companies(id -> id.startsWith("bad-")));
    assertEquals(0, stored.companies(id -> id.equals("ok-2")));
    assertEquals(2, stored.companies(id -> id.startsWith("ok-")));
  }

  @Test
  void badInputAnswersWithAClearError() {
    Api.Answer missing =
        api.withKey(tenant.ingestionKey(), "/api/v1/track/event", "{\"event\":\"x\"}");
    assertEquals(400, missing.status());
    assertEquals("userId", missing.json().getString("field"));
    assertTrue(missing.json().getString("error").contains("userId"));

    Api.Answer notJson = api.withKey(tenant.ingestionKey(), "/api/v1/track/user", "{nope");
    assertEquals(400, notJson.status());
    assertTrue(notJson.json().getString("error").contains("JSON"));

    Api.Answer wrongKey = api.withKey("wx_wrong", "/api/v1/track/user", "{\"userId\":\"u\"}");
    assertEquals(401, wrongKey.status());
    assertTrue(wrongKey.json().getString("error").contains("ingestion key"));

    Api.Answer noKey = api.send("POST", "/api/v1/track/user", "{\"userId\":\"u\"}", null);
    assertEquals(401, noKey.status());

    String huge = "{\"userId\":\"u\",\"attributes\":{\"blob\":\"" + "x".repeat(200_000) + "\"}}";
    Api.Answer tooBig = api.withKey(tenant.ingestionKey(), "/api/v1/track/user", huge);
    assertEquals(413, tooBig.status());
    assertTrue(tooBig.json().getString("error").contains("larger than"));
  }

  @Test
  void concurrentIngestionOfOneCompanyLosesNoCounts() throws Exception {
    int threads = 8;
    int requestsPerThread = 25;
    int eventsPerRequest = 20;
    String item =
        "{\"type\":\"event\",\"event\":\"funnels\",\"userId\":\"u1\",\"companyId\":\"hot\","
            + "\"timestamp\":\"2025-07-01T12:00:00Z\"}";
    String body =
        "[" + String.join(",", java.util.Collections.nCopies(eventsPerRequest, item)) + "]";
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  int accepted = 0;
                  for (int r = 0; r < requestsPerThread; r++) {
                    Api.Answer a = api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", body);
                    if (a.status() != 200) {
                      throw new IllegalStateException(a.status() + " " + a.body());
                    }
                    accepted += a.json().getInt("accepted");
                  }
                  return accepted;
                }));
      }
      int accepted = 0;
      for (Future<Integer> f : results) {
        accepted += f.get(5, TimeUnit.MINUTES);
      }
      assertEquals(threads * requestsPerThread * eventsPerRequest, accepted);
    } finally {
      pool.shutdownNow();
    }
    Stored stored = Stored.of(api, tenant.environmentId());
    assertEquals(threads * requestsPerThread * eventsPerRequest, stored.usageCount("hot"));
    assertEquals(threads * requestsPerThread * eventsPerRequest, stored.events("hot"));
  }
}
