package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.s3.S3ProxyProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PRODUCT.md §5 "Export now": the latest ended period (daily: yesterday) runs at once through the
 * schedule's period claim. Two presses at the same moment start one execution and land one object;
 * the status and the calendar show it; a third press says it already landed; only an explicit
 * re-export (replace=true) runs it again, replacing the object.
 */
@ExtendWith(ArquillianExtension.class)
class ExportNowIT {

  static final String ACCESS_KEY = "now-access-key";
  static final String SECRET = "now-secret-key-do-not-leak";
  static final String BUCKET = "now-bucket";
  static S3ProxyProcess s3;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyProcess.start(ACCESS_KEY, SECRET);
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  private Api.Answer exportNow(long env, String query) {
    return api.asOperator(
        "POST", "/api/v1/environments/" + env + "/export-settings/export-now" + query, null);
  }

  private static List<Path> dataObjects(String prefix, LocalDate period) throws IOException {
    Path folder =
        s3.basedir().resolve(BUCKET).resolve(prefix).resolve("company-usage/daily/date=" + period);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList();
    }
  }

  @Test
  void twoPressesAtOnceLandThePeriodOnceAndOnlyAnExplicitReExportRunsItAgain() throws Exception {
    Api.Tenant t = api.newTenant("Export now " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    api.ingestOneCompany(t, today, 3, 2);
    String prefix = "now-" + env;
    Api.Answer saved =
        api.saveBucketSettings(env, s3.endpoint(), BUCKET, prefix, ACCESS_KEY, SECRET);
    assertEquals(200, saved.status(), saved.body());

    // Two presses at the same moment.
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Api.Answer>> presses = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Callable<Api.Answer> press =
            () -> {
              together.await();
              return exportNow(env, "");
            };
        presses.add(pool.submit(press));
      }
      List<Api.Answer> answers = new ArrayList<>();
      for (Future<Api.Answer> f : presses) {
        answers.add(f.get());
      }
      List<Api.Answer> started = answers.stream().filter(a -> a.status() == 202).toList();
      assertEquals(1, started.size(), "one press starts it: " + answers);
      Api.Answer other = answers.stream().filter(a -> a.status() != 202).findFirst().orElseThrow();
      assertEquals(409, other.status(), other.body());
      String outcome = other.json().getString("outcome");
      assertTrue(outcome.equals("running") || outcome.equals("already-landed"), other.body());
      JsonObject first = started.get(0).json();
      assertEquals("started", first.getString("outcome"));
      assertEquals(yesterday.toString(), first.getString("period"));
      long execution = first.getJsonNumber("executionId").longValue();
      assertEquals("COMPLETED", api.awaitExport(execution).getString("status"));

      assertEquals(1, dataObjects(prefix, yesterday).size(), "one object");
      Waits.await(
          java.time.Duration.ofSeconds(30),
          () ->
              "successful"
                  .equals(
                      api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null)
                          .json()
                          .getString("status")),
          "the status shows the landed export");
      JsonObject status =
          api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
      assertEquals(yesterday.toString(), status.getString("lastPeriod"), status.toString());
      JsonObject cell = cell(env, yesterday);
      assertEquals("landed", cell.getString("state"), cell.toString());
      assertEquals(execution, cell.getJsonNumber("executionId").longValue());
      assertEquals(1, cell.getInt("attempts"), "one landed execution: " + cell);

      // A third press: it already landed; nothing starts.
      Api.Answer again = exportNow(env, "");
      assertEquals(409, again.status(), again.body());
      assertEquals("already-landed", again.json().getString("outcome"));
      assertEquals(execution, again.json().getJsonNumber("executionId").longValue());
      assertTrue(again.json().getString("error").contains("already landed"), again.body());

      // Explicitly: exported again, the object replaced (still one).
      Api.Answer replace = exportNow(env, "?replace=true");
      assertEquals(202, replace.status(), replace.body());
      assertEquals("exporting-again", replace.json().getString("outcome"));
      long second = replace.json().getJsonNumber("executionId").longValue();
      assertTrue(second != execution);
      assertEquals("COMPLETED", api.awaitExport(second).getString("status"));
      assertEquals(1, dataObjects(prefix, yesterday).size(), "replaced, not duplicated");
      Waits.await(
          java.time.Duration.ofSeconds(30),
          () ->
              cell(env, yesterday).getJsonNumber("executionId").longValue() == second
                  && "landed".equals(cell(env, yesterday).getString("state")),
          "the calendar shows the re-export");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusedWhenNotSetUpSwitchedOffOrBelowEnterprise() {
    Api.Tenant none = api.newTenant("Export now none " + UUID.randomUUID(), "ENTERPRISE");
    Api.Answer unconfigured = exportNow(none.environmentId(), "");
    assertEquals(409, unconfigured.status(), unconfigured.body());
    assertTrue(unconfigured.json().getString("error").contains("not set up"));

    Api.Answer off =
        api.asOperator(
            "PUT",
            "/api/v1/environments/" + none.environmentId() + "/export-settings",
            "{\"enabled\":false,\"provider\":\"CUSTOM\",\"bucket\":\""
                + BUCKET
                + "\",\"region\":\"us-east-1\",\"endpoint\":\""
                + s3.endpoint()
                + "\",\"accessKeyId\":\""
                + ACCESS_KEY
                + "\",\"secretAccessKey\":\""
                + SECRET
                + "\"}");
    assertEquals(200, off.status(), off.body());
    Api.Answer switchedOff = exportNow(none.environmentId(), "");
    assertEquals(409, switchedOff.status(), switchedOff.body());
    assertTrue(switchedOff.json().getString("error").contains("switched off"));

    Api.Tenant pro = api.newTenant("Export now pro " + UUID.randomUUID(), "PRO");
    assertEquals(403, exportNow(pro.environmentId(), "").status());
    assertEquals(400, exportNow(none.environmentId(), "?replace=maybe").status());
  }

  private JsonObject cell(long env, LocalDate period) {
    JsonObject calendar =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-calendar", null).json();
    return calendar.getJsonArray("cells").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("period").equals(period.toString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cell for " + period + ": " + calendar));
  }
}
