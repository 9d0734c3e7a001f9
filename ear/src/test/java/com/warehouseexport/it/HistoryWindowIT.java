package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 item 4: an export reads usage day by day only from its window on, and takes what it
 * needs from before (first/last day, first adoption) from the per company × feature summary that
 * ingestion keeps. Three years of random history, exported with every aggregation:
 *
 * <ul>
 *   <li>sent in chronological order with the final thresholds, and sent shuffled (back-dated
 *       batches, four at a time) with other thresholds that are changed afterwards, give
 *       byte-identical files (the summary does not depend on the order of arrival or on concurrent
 *       requests, and a threshold change recomputes it);
 *   <li>on PostgreSQL also: byte-identical to the same export with every summary marked stale,
 *       which makes the reader read each pair's whole history (the pre-window algorithm), and both
 *       environments hold the same summaries.
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
class HistoryWindowIT {

  private static final String[] AGGREGATIONS = {
    "snapshot", "30-days-daily", "3-months-weekly", "6-months-weekly"
  };
  private static final String[] FEATURES = {"reports", "alerts", "exports", "search"};

  /** Final thresholds {adoption days, window}: defaults, short, long, one day. */
  private static final int[][] FINAL = {{5, 28}, {2, 3}, {10, 120}, {1, 1}};

  /** Thresholds the shuffled environment starts with. */
  private static final int[][] INITIAL = {{3, 7}, {5, 28}, {4, 366}, {2, 2}};

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

  @Test
  void windowedExportsEqualWholeHistoryExportsWhateverTheOrderOfArrival() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant asOf = today.atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(3 * 3600);
    List<JsonObject> items = history(today.minusDays(1100), today.minusDays(1), new Random(13));

    Api.Tenant ordered = api.newTenant("Window ordered " + UUID.randomUUID(), "ENTERPRISE");
    putFeatures(ordered.environmentId(), FINAL);
    List<JsonObject> chronological = new ArrayList<>(items);
    chronological.sort(
        java.util.Comparator.comparing(i -> Instant.parse(i.getString("timestamp"))));
    send(ordered, chronological, 25); // a few days at a time, as a live sender

    Api.Tenant shuffled = api.newTenant("Window shuffled " + UUID.randomUUID(), "ENTERPRISE");
    putFeatures(shuffled.environmentId(), INITIAL);
    List<JsonObject> mixed = new ArrayList<>(items);
    Collections.shuffle(mixed, new Random(7));
    sendConcurrently(shuffled, mixed, 300, 4);
    putFeatures(shuffled.environmentId(), FINAL);

    for (String aggregation : AGGREGATIONS) {
      byte[] a = export(ordered.environmentId(), aggregation, asOf);
      byte[] b = export(shuffled.environmentId(), aggregation, asOf);
      assertTrue(a.length > 1000, aggregation + ": " + new String(a, StandardCharsets.UTF_8));
      assertArrayEquals(a, b, aggregation + ": arrival order and threshold changes");
    }

    if (Db.isPostgres()) {
      // The threshold change is recomputed after its commit, on another thread.
      Waits.await(
          Duration.ofSeconds(30),
          () -> summaries(ordered.environmentId()).equals(summaries(shuffled.environmentId())),
          "the same summaries after the threshold change",
          () ->
              summaries(ordered.environmentId()) + "\nvs\n" + summaries(shuffled.environmentId()));
      List<byte[]> windowed = new ArrayList<>();
      for (String aggregation : AGGREGATIONS) {
        windowed.add(export(ordered.environmentId(), aggregation, asOf));
      }
      // Stale summaries (thresholds that are not the feature's): every pair is read whole.
      int marked =
          update(
              "UPDATE usage_summary SET adoption_days = -1 WHERE environment_id = ?",
              ordered.environmentId());
      assertTrue(marked >= 20, "rows marked stale: " + marked);
      for (int i = 0; i < AGGREGATIONS.length; i++) {
        assertArrayEquals(
            windowed.get(i),
            export(ordered.environmentId(), AGGREGATIONS[i], asOf),
            AGGREGATIONS[i] + ": windowed vs whole history");
      }
    }
  }

  /**
   * Companies seen on random days; each company × feature alternates between regimes (unused,
   * sparse, bursty, daily) every few weeks, so adoption, churn and every frequency occur, some of
   * it only years back; a little feedback.
   */
  private static List<JsonObject> history(LocalDate from, LocalDate to, Random random) {
    List<JsonObject> items = new ArrayList<>();
    double[] regimes = {0, 0.02, 0.25, 0.9};
    for (int c = 0; c < 6; c++) {
      String company = "company-" + c;
      LocalDate first = from.plusDays(random.nextInt(c == 5 ? 1000 : 100));
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", company)
              .add("attributes", Json.createObjectBuilder().add("name", "Company " + c))
              .add("timestamp", at(first, random).toString())
              .build());
      double[] density = new double[FEATURES.length];
      for (LocalDate day = first; !day.isAfter(to); day = day.plusDays(1)) {
        if (random.nextInt(25) == 0) {
          for (int f = 0; f < FEATURES.length; f++) {
            density[f] = regimes[random.nextInt(regimes.length)];
          }
        }
        for (int f = 0; f < FEATURES.length; f++) {
          if (random.nextDouble() < density[f]) {
            items.add(
                Json.createObjectBuilder()
                    .add("type", "event")
                    .add("event", FEATURES[f])
                    .add("userId", "user-" + c + "-" + random.nextInt(3))
                    .add("companyId", company)
                    .add("timestamp", at(day, random).toString())
                    .build());
          }
        }
        if (random.nextInt(200) == 0) {
          items.add(
              Json.createObjectBuilder()
                  .add("type", "feedback")
                  .add("featureKey", FEATURES[random.nextInt(FEATURES.length)])
                  .add("userId", "user-" + c + "-" + random.nextInt(3))
                  .add("companyId", company)
                  .add("score", 1 + random.nextInt(5))
                  .add("timestamp", at(day, random).toString())
                  .build());
        }
      }
    }
    return items;
  }

  private static Instant at(LocalDate day, Random random) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400));
  }

  private void putFeatures(long env, int[][] thresholds) {
    for (int f = 0; f < FEATURES.length; f++) {
      Api.Answer a =
          api.asOperator(
              "PUT",
              "/api/v1/environments/" + env + "/features/" + FEATURES[f],
              Json.createObjectBuilder()
                  .add("name", FEATURES[f])
                  .add("adoptionDays", thresholds[f][0])
                  .add("adoptionWindowDays", thresholds[f][1])
                  .build()
                  .toString());
      assertEquals(200, a.status(), a.body());
    }
  }

  private void send(Api.Tenant tenant, List<JsonObject> items, int batch) {
    for (int from = 0; from < items.size(); from += batch) {
      JsonArrayBuilder body = Json.createArrayBuilder();
      items.subList(from, Math.min(items.size(), from + batch)).forEach(body::add);
      Api.Answer a =
          api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", body.build().toString());
      assertEquals(200, a.status(), a.body());
      assertEquals(0, a.json().getInt("rejected"), a.body());
    }
  }

  /**
   * Batches sent by several threads at once: two requests that together complete an adoption must
   * not both miss it (ingestion locks the pair's summary row before reading its usage).
   */
  private void sendConcurrently(Api.Tenant tenant, List<JsonObject> items, int batch, int threads)
      throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int from = 0; from < items.size(); from += batch) {
        List<JsonObject> slice = items.subList(from, Math.min(items.size(), from + batch));
        sent.add(pool.submit(() -> send(tenant, slice, batch)));
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private byte[] export(long env, String aggregation, Instant asOf) {
    long execution =
        api.startExport(
            env,
            Json.createObjectBuilder()
                .add("aggregation", aggregation)
                .add("asOf", asOf.toString())
                .build()
                .toString());
    JsonObject status = api.awaitExport(execution);
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    return api.downloadCsv(execution);
  }

  private static List<String> summaries(long env) {
    List<String> rows = new ArrayList<>();
    try (Connection c = Db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT company_id, feature_key, first_day, adoption_days, adoption_window_days,"
                    + " first_adoption_day, usage_days FROM usage_summary WHERE environment_id = ?"
                    + " ORDER BY company_id, feature_key")) {
      ps.setLong(1, env);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              rs.getString(1)
                  + "|"
                  + rs.getString(2)
                  + "|"
                  + rs.getInt(3)
                  + "|"
                  + rs.getInt(4)
                  + "|"
                  + rs.getInt(5)
                  + "|"
                  + rs.getObject(6)
                  + "|"
                  + rs.getInt(7));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private static int update(String sql, long env) throws Exception {
    try (Connection c = Db.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, env);
      return ps.executeUpdate();
    }
  }
}
