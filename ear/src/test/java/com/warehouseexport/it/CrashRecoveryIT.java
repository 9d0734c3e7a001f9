package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * §7 "Restart after a crash mid-export finishes the job from its checkpoint; the result equals an
 * uninterrupted run, byte for byte", with a real crash: the server process tree is SIGKILLed while
 * the export writes (slowed down by the fault-injection pause after each write), then started again
 * with the same node name and data (H2 file database). The kill lands after chunk 2 was written and
 * before its checkpoint committed, so the part file holds rows past the last checkpoint: the
 * restart must cut them off (the writer's truncate-on-restart) for the result to be identical.
 * Start-up recovery ({@code CrashedExecutionRecovery}) must mark the interrupted execution FAILED
 * with its explanation and restart it from its checkpoint.
 *
 * <p>Launches its own server (not Arquillian), on port offset 600 (HTTP 8680):
 *
 * <pre>
 * mvn -B install -DskipITs
 * mvn -B -o verify -pl ear -Dit.test=CrashRecoveryIT -Dit.port.offset=500 -Dit.management.port=10490
 * </pre>
 *
 * <p>{@code -pl ear} packages the EAR from the sibling modules in {@code ~/.m2}; where several
 * checkouts share that repository, build them from this checkout instead: add {@code -am
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CrashRecoveryIT {

  private static final Logger LOG = Logger.getLogger(CrashRecoveryIT.class.getName());
  private static final String RECOVERY_MESSAGE =
      "The server stopped while this export was running; it was restarted from its last"
          + " checkpoint.";
  private static final int COMPANIES = 60;
  private static final String[] FEATURES = {"reports", "alerts", "exports-api"};

  private static Path dataDir;
  private static ServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    dataDir = Path.of(System.getProperty("ear.file")).getParent().resolve("crash-a-data");
    ServerProcess.deleteRecursively(dataDir);
    Files.createDirectories(dataDir);
    server = new ServerProcess("crash-a", "crash-a", 600, dataDir);
    // This test reads the job repository while its own server runs: it opts into H2's auto-server
    // bound to loopback only (the documented test option; the default configuration opens no
    // database port at all).
    server
        .env(
            "DB_URL",
            "jdbc:h2:file:" + dataDir + "/h2/warehouse;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000")
        .property("h2.bindAddress", "127.0.0.1");
    server.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aKilledExportIsRestartedFromItsCheckpointAndEqualsAnUninterruptedRun() throws Exception {
    long t0 = System.nanoTime();
    Api api = new Api(server.url());
    Api.Tenant tenant = api.newTenant("Crash " + System.currentTimeMillis(), "ENTERPRISE");
    long env = tenant.environmentId();
    Instant asOf =
        LocalDate.now(ZoneOffset.UTC).minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
    ingestHistory(api, tenant, asOf);

    String request =
        Json.createObjectBuilder()
            .add("aggregation", "30-days-daily")
            .add("asOf", asOf.toString())
            .add("chunkCompanies", 5)
            .build()
            .toString();
    long reference = api.startExport(env, request);
    JsonObject referenceStatus = api.awaitExport(reference);
    assertEquals("COMPLETED", referenceStatus.getString("status"), referenceStatus.toString());
    byte[] expected = api.downloadCsv(reference);
    long expectedRows = rows(referenceStatus);
    assertTrue(expectedRows > 3000, "enough rows for several chunks: " + referenceStatus);
    LOG.info("uninterrupted export: " + expected.length + " bytes, " + expectedRows + " rows");

    // The same export, slowed down to ~12 s (200 ms per company, 60 companies, 5 per chunk), the
    // pause placed after each write: the chunk's rows are in the part file while its checkpoint is
    // not yet committed.
    long interrupted =
        api.startExport(
            env,
            Json.createObjectBuilder()
                .add("aggregation", "30-days-daily")
                .add("asOf", asOf.toString())
                .add("chunkCompanies", 5)
                .add("pausePerCompanyMillis", 200)
                .add("pauseAt", "after-write")
                .build()
                .toString());
    // Progress is published by the writer as it writes a chunk, before its pause and checkpoint:
    // three chunks written, so the first two are committed and the third is not. Not only two:
    // the embedded H2 store writes committed transactions to disk up to a second later, so a
    // SIGKILL right after the first checkpoint's commit can lose it (CI saw a restart from the
    // start on a quiet machine); the second chunk's one-second pause lets the first reach disk.
    JsonObject first = awaitProgress(api, interrupted, 0);
    JsonObject second = awaitProgress(api, interrupted, rows(first));
    JsonObject third = awaitProgress(api, interrupted, rows(second));
    server.kill();
    LOG.info("killed the server while export " + interrupted + " was at " + third);
    long partAtKill = Files.size(partFile(env));
    assertEquals(bytes(third), partAtKill, "the part file holds every row written: " + third);

    long restartAt = System.nanoTime();
    server.start();
    LOG.info(
        "server restarted in "
            + Duration.ofNanos(System.nanoTime() - restartAt).toSeconds()
            + " s");

    // Recovery (5 s after start-up) marks the old execution FAILED with its explanation ...
    JsonObject old = awaitStatus(api, interrupted, "FAILED", Duration.ofSeconds(90));
    assertEquals(RECOVERY_MESSAGE, old.getString("error"), old.toString());

    // ... and restarts it: the newest execution of the environment, of the same job instance.
    long restarted = awaitRestartedExecution(api, env, interrupted);
    assertEquals(instanceOf(interrupted), instanceOf(restarted), "same job instance");
    JsonObject done = api.awaitExport(restarted);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    byte[] actual = api.downloadCsv(restarted);
    assertEquals(expected.length, actual.length, "same size as the uninterrupted export");
    assertArrayEquals(expected, actual, "byte-identical to the uninterrupted export");

    // The old execution still says why it failed; exactly one execution of the instance completed.
    JsonObject oldAfter = status(api, interrupted);
    assertEquals("FAILED", oldAfter.getString("status"), oldAfter.toString());
    assertEquals(RECOVERY_MESSAGE, oldAfter.getString("error"), oldAfter.toString());
    long instance = instanceOf(interrupted);
    assertEquals(
        RECOVERY_MESSAGE,
        string("SELECT exitstatus FROM job_execution WHERE jobexecutionid = ?", interrupted),
        "the explanation is in the job repository (the export history) itself");
    assertEquals(
        RECOVERY_MESSAGE,
        string(
            "SELECT exitstatus FROM step_execution WHERE jobexecutionid = ? AND stepname = 'export'",
            interrupted));
    // From its checkpoint, not from the start: the restarted step reads only the companies after
    // it, and the part file held rows past that checkpoint, which the restart cut off (else the
    // file above would not be identical).
    long reread =
        scalar(
            "SELECT readcount FROM step_execution WHERE jobexecutionid = ? AND stepname = 'export'",
            restarted);
    assertTrue(
        reread > 0 && reread < COMPANIES,
        "restarted from a checkpoint, not from the start: read " + reread + " companies");
    long checkpointBytes = bytesBefore(expected, COMPANIES - reread);
    assertTrue(
        partAtKill > checkpointBytes,
        "the restart began with "
            + (partAtKill - checkpointBytes)
            + " bytes past its checkpoint ("
            + checkpointBytes
            + " bytes, "
            + (COMPANIES - reread)
            + " companies) in the part file ("
            + partAtKill
            + " bytes)");
    assertEquals(
        1,
        scalar(
            "SELECT COUNT(*) FROM job_execution WHERE jobinstanceid = ? AND batchstatus = 'COMPLETED'",
            instance),
        "exactly one completed execution of the job instance");
    assertEquals(
        2,
        scalar("SELECT COUNT(*) FROM job_execution WHERE jobinstanceid = ?", instance),
        "the interrupted execution and its one restart");
    assertTrue(
        server
            .log()
            .contains("Export execution " + interrupted + " was interrupted by a server stop"),
        "recovery logged");
    LOG.info(
        "crash recovery test body took "
            + Duration.ofNanos(System.nanoTime() - t0).toSeconds()
            + " s; restarted execution "
            + restarted);
  }

  /** 60 companies × 3 features, used on a deterministic pattern over the 40 days before asOf. */
  private static void ingestHistory(Api api, Api.Tenant tenant, Instant asOf) {
    List<JsonObject> items = new ArrayList<>();
    LocalDate end = asOf.atZone(ZoneOffset.UTC).toLocalDate();
    for (int c = 0; c < COMPANIES; c++) {
      String company = String.format("company-%03d", c);
      LocalDate firstSeen = end.minusDays(40 - (c % 35));
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", company)
              .add(
                  "attributes",
                  Json.createObjectBuilder()
                      .add("name", "Company \"" + c + "\", Inc")
                      .add("seats", 5 + c))
              .add("timestamp", firstSeen.atTime(8, 0).toInstant(ZoneOffset.UTC).toString())
              .build());
      for (int f = 0; f < FEATURES.length; f++) {
        if ((c + f) % 4 == 3) {
          continue; // not every company uses every feature
        }
        for (int e = 0; e < 8; e++) {
          LocalDate day = firstSeen.plusDays((long) e * (2 + f) + (c % 3));
          if (!day.isBefore(end)) {
            break;
          }
          items.add(
              Json.createObjectBuilder()
                  .add("type", "event")
                  .add("event", FEATURES[f])
                  .add("userId", company + "-user-" + (e % 3))
                  .add("companyId", company)
                  .add("timestamp", day.atTime(9 + e, 15).toInstant(ZoneOffset.UTC).toString())
                  .build());
        }
      }
    }
    for (int from = 0; from < items.size(); from += 250) {
      JsonArrayBuilder batch = Json.createArrayBuilder();
      items.subList(from, Math.min(items.size(), from + 250)).forEach(batch::add);
      Api.Answer a =
          api.withKey(tenant.ingestionKey(), "/api/v1/track/bulk", batch.build().toString());
      assertEquals(200, a.status(), a.body());
      assertEquals(0, a.json().getInt("rejected"), a.body());
    }
    LOG.info("ingested " + items.size() + " items");
  }

  private static JsonObject status(Api api, long execution) {
    Api.Answer a = api.asOperator("GET", "/api/v1/exports/" + execution, null);
    assertEquals(200, a.status(), a.body());
    return a.json();
  }

  private static long rows(JsonObject status) {
    return status.getJsonNumber("rowsWritten").longValue();
  }

  /** The part file of the one running export of the environment (finished ones are .csv). */
  private static Path partFile(long env) throws Exception {
    try (var files = Files.list(dataDir.resolve("exports").resolve("env-" + env))) {
      List<Path> parts = files.filter(p -> p.toString().endsWith(".csv.part")).toList();
      assertEquals(1, parts.size(), "one running export: " + parts);
      return parts.get(0);
    }
  }

  /** The length of the CSV's header and the rows of its first {@code companies} companies. */
  private static long bytesBefore(byte[] csv, long companies) {
    String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
    int at = text.indexOf(String.format("\ncompany-%03d,", companies));
    assertTrue(at > 0, "company " + companies + " is in the CSV");
    return text.substring(0, at + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static long bytes(JsonObject status) {
    return status.getJsonNumber("bytes").longValue();
  }

  /** Waits until the running export shows more than {@code rows} rows written. */
  private static JsonObject awaitProgress(Api api, long execution, long rows) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject s = status(api, execution);
      String st = s.getString("status");
      if (st.equals("STARTED") && rows(s) > rows) {
        return s;
      }
      if (!st.equals("STARTING") && !st.equals("STARTED")) {
        fail("the slowed-down export ended before it could be interrupted: " + s);
      }
      ServerProcess.sleep(50);
    }
    return fail("the export wrote no more than " + rows + " rows within 60 s");
  }

  private static JsonObject awaitStatus(Api api, long execution, String wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject s = null;
    while (System.nanoTime() < deadline) {
      s = status(api, execution);
      if (wanted.equals(s.getString("status"))) {
        return s;
      }
      ServerProcess.sleep(250);
    }
    return fail("execution " + execution + " not " + wanted + " within " + timeout + ": " + s);
  }

  private static long awaitRestartedExecution(Api api, long env, long interrupted) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject page =
          api.asOperator("GET", "/api/v1/environments/" + env + "/exports?size=100", null).json();
      // Newest first: the newest execution, if newer than the interrupted one, is its restart.
      var items = page.getJsonArray("items");
      if (!items.isEmpty()) {
        long newest = items.getJsonObject(0).getJsonNumber("executionId").longValue();
        if (newest > interrupted) {
          return newest;
        }
      }
      ServerProcess.sleep(250);
    }
    return fail("no restarted execution of " + interrupted + " appeared in the history");
  }

  private long instanceOf(long execution) throws Exception {
    return scalar("SELECT jobinstanceid FROM job_execution WHERE jobexecutionid = ?", execution);
  }

  private static String string(String sql, long param) throws Exception {
    try (Connection c = h2();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), sql);
        return rs.getString(1);
      }
    }
  }

  private static Connection h2() throws java.sql.SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir + "/h2/warehouse;AUTO_SERVER=TRUE", "sa", "sa");
  }

  /**
   * A query on the server's H2 file database (through H2's auto-server on 127.0.0.1, which this
   * test's server opts into, while it runs).
   */
  private static long scalar(String sql, long param) throws Exception {
    try (Connection c = h2();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), sql);
        return rs.getLong(1);
      }
    }
  }
}
