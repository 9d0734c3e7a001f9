package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.postgres.CompanyUsageTable;
import com.warehouseexport.core.postgres.PostgresSettingsRules;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
 * The PostgreSQL table destination (issue 23 item 2) in the real server, delivering into a database
 * of its own on the local PostgreSQL (127.0.0.1:5432, created and dropped here; the server's
 * configuration is never touched), on both app databases: the first delivery creates the typed
 * table and its rows equal the period's CSV value for value; a re-run replaces them; a COPY that
 * fails half-way (blocked on a key another transaction holds, until the statement timeout of the
 * test server, PT5S) leaves the previous rows and is retried to success; Save and Test connection
 * name what is missing (INSERT, DELETE, CREATE on schema, a table with other columns, an unknown
 * database or role, a refused port, TLS, the plain-text allow-list, the SSRF guard) without traffic
 * outside 127.0.0.0/8; the password is never shown back.
 *
 * <p>The local server trusts every local connection (docs/testing.md), so a wrong password cannot
 * be refused by it: {@link RefusingPostgres} speaks the wire protocol to the real driver and
 * refuses the password with PostgreSQL's FATAL 28P01, at Save and at Test connection. After a
 * switch from the table to a bucket, the status is the bucket's ("never ran before"), and back
 * again the table's.
 */
@ExtendWith(ArquillianExtension.class)
class PostgresDestinationIT {

  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final String PASSWORD = "pg-dest-secret-do-not-leak";
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String DATABASE = "pgdest_it_" + SUFFIX;
  private static final String OWNER = "pgdest_it_owner_" + SUFFIX;
  private static final String LIMITED = "pgdest_it_limited_" + SUFFIX;
  private static final Set<Integer> DATES = Set.of(5, 6, 7, 8, 9);
  private static final Set<Integer> INTS = Set.of(11, 13, 15, 16);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @ArquillianResource private URL base;
  private Api api;

  @BeforeAll
  static void createDatabase() throws SQLException {
    Prerequisites.requirePostgres("PostgresDestinationIT");
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
      s.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE ROLE " + LIMITED + " LOGIN PASSWORD '" + PASSWORD + "'");
    }
    try (Connection c = customer("postgres");
        Statement s = c.createStatement()) {
      s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      for (String schema : List.of("delivered", "midcopy", "cutcopy")) {
        s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + OWNER);
      }
    }
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (!Prerequisites.postgresReachable()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("DROP ROLE IF EXISTS " + OWNER);
      s.execute("DROP ROLE IF EXISTS " + LIMITED);
    }
  }

  @BeforeEach
  void api() {
    api = new Api(base);
  }

  @Test
  void theFirstDeliveryCreatesTheTableWithTheCsvsValuesAndAReRunReplacesThem() throws Exception {
    Api.Tenant t = api.newTenant("PG destination " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    api.ingestOneCompany(t, today, 20, 10);
    ingestAwkwardCompanies(t, today);

    Api.Answer saved = put(env, settings(destination("delivered", OWNER, PASSWORD, "disable")));
    assertEquals(200, saved.status(), saved.body());
    assertFalse(saved.body().contains(PASSWORD), saved.body());
    JsonObject d = saved.json().getJsonObject("destination");
    assertEquals("postgresql", d.getString("kind"), saved.body());
    assertEquals("127.0.0.1", d.getString("host"));
    assertEquals(5432, d.getInt("port"));
    assertEquals(DATABASE, d.getString("database"));
    assertEquals("delivered", d.getString("schema"));
    assertEquals("company_usage", d.getString("table"));
    assertEquals(OWNER, d.getString("user"));
    assertTrue(d.getBoolean("passwordSet"));
    assertEquals("disable", d.getString("tlsMode"));
    assertFalse(d.containsKey("password"), saved.body());
    Api.Answer read =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null);
    assertFalse(read.body().contains(PASSWORD), read.body());
    assertTrue(tableMissing("delivered"), "the check created nothing (rolled back)");

    long first = runPeriod(env, yesterday, false);
    String csv = periodCsv(env, yesterday);
    assertColumnTypes("delivered");
    long rows = assertRowsEqualCsv("delivered", csv, yesterday);
    assertTrue(rows >= 8, "rows: " + rows);
    OffsetDateTime firstAt = exportedAt("delivered");
    JsonObject execution = api.asOperator("GET", "/api/v1/exports/" + first, null).json();
    assertEquals("postgresql", execution.getString("destination"), execution.toString());

    // A re-run replaces the period: same rows, newer exported_at, one value per key.
    runPeriod(env, yesterday, true);
    assertEquals(rows, assertRowsEqualCsv("delivered", csv, yesterday));
    assertTrue(exportedAt("delivered").isAfter(firstAt), "exported_at is the re-run's");
    JsonObject status =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
    assertEquals("successful", status.getString("status"), status.toString());

    // A blank password keeps the stored one (same host and user); it is never shown back.
    Api.Answer again = put(env, settings(destination("delivered", OWNER, null, "disable")));
    assertEquals(200, again.status(), again.body());
    assertFalse(again.body().contains(PASSWORD));
  }

  @Test
  void aCopyThatFailsHalfWayLeavesThePreviousRowsAndIsRetriedToSuccess() throws Exception {
    Api.Tenant t = api.newTenant("PG mid-COPY " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    api.ingestOneCompany(t, today, 20, 10);
    assertEquals(
        200, put(env, settings(destination("midcopy", OWNER, PASSWORD, "disable"))).status());
    runPeriod(env, yesterday, false);
    long before = count("midcopy");
    OffsetDateTime beforeAt = exportedAt("midcopy");

    // A company seen yesterday arrives late: the re-run's COPY will insert its rows.
    ingest(t, "late-co", yesterday);
    try (Connection blocker = customer("postgres");
        Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      // An uncommitted row with a key the COPY inserts: the COPY waits on it (after the delete
      // and the rows before it) until the statement timeout cancels it.
      s.execute(
          "INSERT INTO midcopy.company_usage VALUES ('late-co', NULL, 'alerts', 'alerts', DATE '"
              + yesterday
              + "', DATE '"
              + yesterday
              + "', DATE '"
              + yesterday
              + "', NULL, NULL, 'never', 1, 'inactive', 0, NULL, NULL, 0, NULL, NULL,"
              + " DATE '2000-01-01', now())");
      JsonObject failed = reRunFails(env, yesterday);
      String error = failed.toString();
      assertTrue(error.contains("nothing was changed"), error);
      assertFalse(error.contains(PASSWORD), error);
      assertEquals(before, count("midcopy"), "the previous rows are intact");
      assertEquals(beforeAt, exportedAt("midcopy"));
      blocker.rollback();
    }
    // The period's claim retries it (PT3S on the test server) and it lands.
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (count("midcopy") == before) {
      assertTrue(System.nanoTime() < deadline, "the failed period was not retried to success");
      Thread.sleep(500);
    }
    assertTrue(count("midcopy") > before);
    assertTrue(exportedAt("midcopy").isAfter(beforeAt));
    assertRowsEqualCsv("midcopy", periodCsv(env, yesterday), yesterday);
    // Saves, deliveries, a failure and its retry were logged; the password never.
    String log =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                System.getProperty("jboss.home"), "standalone", "log", "server.log"),
            StandardCharsets.UTF_8);
    assertTrue(log.contains("midcopy.company_usage failed, nothing was changed"), "logged");
    assertFalse(log.contains(PASSWORD), "the password is in server.log");
  }

  /**
   * The connection to the customer's database is cut (reset) by a loopback fault proxy while the
   * COPY streams the period's rows: the transaction never commits, so the previous rows stay, and
   * the period's claim retries it to success through the same proxy.
   */
  @Test
  void aConnectionCutInTheMiddleOfTheCopyLeavesThePreviousRowsAndIsRetriedToSuccess()
      throws Exception {
    Api.Tenant t = api.newTenant("PG cut " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    api.ingestOneCompany(t, today, 20, 10);
    // Enough companies that the COPY's rows (hundreds of KB) dwarf what precedes them on the
    // connection (start-up, the table check, DELETE): a cut after 64 KB lands inside the COPY.
    var items = Json.createArrayBuilder();
    for (int i = 0; i < 600; i++) {
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", "bulk-co-" + i)
              .add("attributes", Json.createObjectBuilder().add("name", "Bulk company " + i))
              .add("timestamp", yesterday + "T08:00:00Z"));
    }
    Api.Answer bulk = api.withKey(t.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, bulk.status(), bulk.body());
    try (FaultProxy proxy = new FaultProxy("customer-postgres", "127.0.0.1", 5432)) {
      assertEquals(
          200,
          put(env, settings(destination("cutcopy", OWNER, PASSWORD, "disable", proxy.port())))
              .status());
      runPeriod(env, yesterday, false);
      long before = count("cutcopy");
      assertTrue(before > 600, "one row per company and feature: " + before);
      OffsetDateTime beforeAt = exportedAt("cutcopy");

      ingest(t, "late-co", yesterday);
      proxy.resetAfterUpstreamBytes(64 * 1024, 1);
      JsonObject failed = reRunFails(env, yesterday);
      assertEquals(1, proxy.resetsDone(), "the cut happened");
      assertFalse(failed.toString().contains(PASSWORD), failed.toString());
      assertEquals(before, count("cutcopy"), "the previous rows are intact");
      assertEquals(beforeAt, exportedAt("cutcopy"));

      // The period's claim retries it (PT3S on the test server) through the proxy, and it lands.
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (count("cutcopy") == before) {
        assertTrue(System.nanoTime() < deadline, "the cut period was not retried to success");
        Thread.sleep(500);
      }
      assertTrue(exportedAt("cutcopy").isAfter(beforeAt));
      assertRowsEqualCsv("cutcopy", periodCsv(env, yesterday), yesterday);
    }
  }

  @Test
  void saveAndTestConnectionNameWhatIsMissing() throws Exception {
    Api.Tenant t = api.newTenant("PG rights " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    try (Connection c = customer("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA limited");
      s.execute("GRANT USAGE ON SCHEMA limited TO " + LIMITED);
      s.execute(
          CompanyUsageTable.createTable(
              PostgresSettingsRules.target(
                  "127.0.0.1", null, DATABASE, "limited", null, "postgres", "disable")));
      s.execute("GRANT SELECT, DELETE ON limited.company_usage TO " + LIMITED);
      s.execute("CREATE SCHEMA other");
      s.execute("GRANT USAGE, CREATE ON SCHEMA other TO " + LIMITED);
      s.execute("CREATE TABLE other.company_usage (id integer PRIMARY KEY, payload text)");
      s.execute("GRANT ALL ON other.company_usage TO " + LIMITED);
      s.execute("CREATE SCHEMA readonly");
      s.execute("GRANT USAGE ON SCHEMA readonly TO " + LIMITED);
    }

    Api.Answer noInsert = test(env, destination("limited", LIMITED, PASSWORD, "disable"));
    assertRefused(noInsert, "user", "INSERT on table limited.company_usage");
    assertFalse(noInsert.body().contains("DELETE"), noInsert.body());
    // Save refuses the same way and stores nothing.
    Api.Answer saved = put(env, settings(destination("limited", LIMITED, PASSWORD, "disable")));
    assertRefused(saved, "user", "INSERT");
    assertFalse(
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null)
            .json()
            .getBoolean("configured"));

    try (Connection c = customer("postgres");
        Statement s = c.createStatement()) {
      s.execute("GRANT INSERT ON limited.company_usage TO " + LIMITED);
      s.execute("REVOKE DELETE ON limited.company_usage FROM " + LIMITED);
    }
    assertRefused(
        test(env, destination("limited", LIMITED, PASSWORD, "disable")),
        "user",
        "DELETE on table limited.company_usage");
    assertRefused(
        test(env, destination("readonly", LIMITED, PASSWORD, "disable")),
        "user",
        "CREATE on schema readonly");
    assertRefused(
        test(env, destination("other", LIMITED, PASSWORD, "disable")),
        "table",
        "exists with other columns");
    assertRefused(
        test(env, destination("nowhere", LIMITED, PASSWORD, "disable")),
        "schema",
        "The schema nowhere does not exist");

    try (Connection c = customer("postgres");
        Statement s = c.createStatement()) {
      s.execute("GRANT DELETE ON limited.company_usage TO " + LIMITED);
    }
    Api.Answer ok = test(env, destination("limited", LIMITED, PASSWORD, "disable"));
    assertEquals(200, ok.status(), ok.body());
    assertTrue(ok.json().getBoolean("ok"));
    assertFalse(ok.body().contains(PASSWORD));

    JsonObjectBuilder wrongDatabase = destination("limited", LIMITED, PASSWORD, "disable");
    wrongDatabase.add("database", DATABASE + "_missing");
    assertRefused(test(env, wrongDatabase), "database", "does not exist");
    assertRefused(
        test(env, destination("limited", "pgdest_it_nobody_" + SUFFIX, PASSWORD, "disable")),
        "user",
        "refused user");
    int unused;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      unused = socket.getLocalPort();
    }
    JsonObjectBuilder refused = destination("limited", LIMITED, PASSWORD, "disable");
    refused.add("port", unused);
    assertRefused(test(env, refused), "host", "Cannot connect to 127.0.0.1:" + unused);
    // The local server has no TLS: require (the default) says so.
    assertRefused(
        test(env, destination("limited", LIMITED, PASSWORD, "require")), "tlsMode", "TLS");
    // Decided before any connection: disable for a host off the plain-text allow-list, and an
    // address the SSRF guard refuses.
    JsonObjectBuilder notListed = destination("limited", LIMITED, PASSWORD, "disable");
    notListed.add("host", "127.0.0.2");
    assertRefused(test(env, notListed), "tlsMode", "sslmode");
    JsonObjectBuilder internal = destination("limited", LIMITED, PASSWORD, "require");
    internal.add("host", "10.255.255.1");
    assertRefused(test(env, internal), "host", "private address");
    JsonObjectBuilder bad = destination("limited", LIMITED, null, "disable");
    assertRefused(test(env, bad), "password", "Enter the password");
  }

  @Test
  void aWrongPasswordIsNamedAtSaveAndTestConnectionAndNeverShownOrLogged() throws Exception {
    // The local PostgreSQL trusts 127.0.0.1 and accepts any password: a server that refuses it
    // the way PostgreSQL does (FATAL 28P01) stands in front of the real driver instead.
    Api.Tenant t = api.newTenant("PG wrong password " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    Api.Answer stored = put(env, settings(destination("delivered", OWNER, PASSWORD, "disable")));
    assertEquals(200, stored.status(), stored.body());
    String cipher =
        Db.isPostgres()
            ? Db.string("SELECT pg_password_enc FROM export_settings WHERE environment_id = ?", env)
            : null;
    String wrong = "wrong-pg-password-" + SUFFIX;
    long logFrom = java.nio.file.Files.size(serverLog());
    try (RefusingPostgres refusing = RefusingPostgres.start()) {
      String refusedBy = "The password of user " + OWNER + " was refused by 127.0.0.1:";
      Api.Answer tested =
          test(env, destination("delivered", OWNER, wrong, "disable", refusing.port()));
      assertRefused(tested, "password", refusedBy + refusing.port());
      assertFalse(tested.body().contains(wrong), tested.body());
      Api.Answer saved =
          put(env, settings(destination("delivered", OWNER, wrong, "disable", refusing.port())));
      assertRefused(saved, "password", refusedBy + refusing.port());
      assertFalse(saved.body().contains(wrong), saved.body());
      // A blank password uses the stored one (same host and user): it was sent to the server,
      // refused, and appears neither in the answer nor, encrypted, anywhere.
      Api.Answer withStored =
          test(env, destination("delivered", OWNER, null, "disable", refusing.port()));
      assertRefused(withStored, "password", refusedBy + refusing.port());
      assertTrue(
          refusing.received().contains(RefusingPostgres.md5Answer(OWNER, PASSWORD)),
          "the stored password was the one tried: " + refusing.received());
      assertTrue(refusing.received().contains(RefusingPostgres.md5Answer(OWNER, wrong)));
      for (Api.Answer answer : List.of(tested, saved, withStored)) {
        if (cipher != null) {
          assertFalse(answer.body().contains(cipher), answer.body());
        }
      }
    }
    // Nothing was saved: the stored destination still delivers to the real server.
    JsonObject after =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null)
            .json()
            .getJsonObject("destination");
    assertEquals(5432, after.getInt("port"), after.toString());
    if (cipher != null) {
      assertEquals(
          cipher,
          Db.string("SELECT pg_password_enc FROM export_settings WHERE environment_id = ?", env));
    }
    String log = logSince(logFrom);
    assertFalse(log.contains(PASSWORD), "the stored password is not logged");
    assertFalse(log.contains(wrong), "the wrong password is not logged");
    if (cipher != null) {
      assertFalse(log.contains(cipher), "the stored secret is not logged");
    }
  }

  @Test
  void aBucketAndATableAtOnceEachGetTheirPeriodWithTheirOwnStatusAndSwitch() throws Exception {
    // PRODUCT.md §11: one destination of each kind, each with its own claims, status and switch.
    Api.Tenant t = api.newTenant("PG and bucket " + UUID.randomUUID(), "ENTERPRISE");
    long env = t.environmentId();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    api.ingestOneCompany(t, today, 5, 2);
    try (Connection c = customer("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA switched AUTHORIZATION " + OWNER);
    }
    Api.Answer table = put(env, settings(destination("switched", OWNER, PASSWORD, "disable")));
    assertEquals(200, table.status(), table.body());
    runPeriod(env, yesterday, false);
    // The job repository records the end a moment after the run reported it.
    Waits.await(
        java.time.Duration.ofSeconds(30),
        () -> !status(env, "postgresql").getBoolean("running"),
        "the status no longer says running",
        () -> status(env, "postgresql").toString());
    JsonObject landed = status(env, "postgresql");
    assertEquals("successful", landed.getString("status"), landed.toString());
    assertEquals(yesterday.toString(), landed.getString("lastPeriod"), landed.toString());
    long rowsInTable = count("switched");

    String key = "it-access-key";
    String secret = "it-secret-key-switch";
    try (com.warehouseexport.export.s3.S3ProxyProcess s3 =
        com.warehouseexport.export.s3.S3ProxyProcess.start(key, secret)) {
      s3.createBucket("switch-bucket");
      String bucket =
          Json.createObjectBuilder()
              .add("enabled", true)
              .add("cadence", "daily")
              .add("provider", "CUSTOM")
              .add("bucket", "switch-bucket")
              .add("region", "us-east-1")
              .add("key", "switch")
              .add("endpoint", s3.endpoint().toString())
              .add("accessKeyId", key)
              .add("secretAccessKey", secret)
              .build()
              .toString();
      Api.Answer toBucket = put(env, bucket);
      assertEquals(200, toBucket.status(), toBucket.body());
      // Both are on: adding the bucket left the table as it was.
      JsonObject saved =
          api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null).json();
      assertEquals(
          List.of("s3:true", "postgresql:true"),
          saved.getJsonArray("destinations").getValuesAs(JsonObject.class).stream()
              .map(d -> d.getString("kind") + ":" + d.getBoolean("enabled"))
              .toList(),
          saved.toString());
      // Each has its own status; without "destination" the status is the kind saved last's.
      JsonObject fresh = status(env, "s3");
      assertEquals("never ran before", fresh.getString("status"), fresh.toString());
      assertTrue(fresh.isNull("lastPeriod"), fresh.toString());
      assertTrue(fresh.isNull("error"), fresh.toString());
      assertEquals("s3", fresh.getString("destination"), fresh.toString());
      assertFalse(fresh.getBoolean("pending"), "nothing queued or retrying: " + fresh);
      assertEquals("never ran before", status(env).getString("status"));
      assertEquals("successful", status(env, "postgresql").getString("status"));

      // Export now of the bucket delivers yesterday there, once; the table's yesterday stays
      // landed (its own claim): Export now of the table answers "already landed".
      long inBucket = exportNow(env, "s3", "started");
      JsonObject done = api.awaitExport(inBucket);
      assertEquals("COMPLETED", done.getString("status"), done.toString());
      assertEquals("s3", done.getString("destination"), done.toString());
      try (var files = java.nio.file.Files.walk(s3.basedir())) {
        assertTrue(
            files.anyMatch(f -> f.toString().endsWith(yesterday + ".csv")),
            "the period's file is in the bucket");
      }
      Waits.await(
          java.time.Duration.ofSeconds(30),
          () -> "successful".equals(status(env, "s3").getString("status")),
          "the bucket's status says successful",
          () -> status(env, "s3").toString());
      assertEquals(yesterday.toString(), status(env, "s3").getString("lastPeriod"));
      exportNow(env, "s3", "already-landed");
      exportNow(env, "postgresql", "already-landed");
      assertEquals(rowsInTable, count("switched"), "the table's rows are untouched");

      // Switching the table off leaves the bucket on.
      Api.Answer off =
          put(
              env,
              Json.createObjectBuilder()
                  .add("enabled", false)
                  .add("destination", Json.createObjectBuilder().add("kind", "postgresql"))
                  .build()
                  .toString());
      assertEquals(200, off.status(), off.body());
      assertEquals(
          List.of("s3:true", "postgresql:false"),
          off.json().getJsonArray("destinations").getValuesAs(JsonObject.class).stream()
              .map(d -> d.getString("kind") + ":" + d.getBoolean("enabled"))
              .toList(),
          off.body());
      assertEquals(
          "Automatic export is switched off.",
          status(env, "postgresql").getString("paused"),
          status(env, "postgresql").toString());
      assertTrue(status(env, "s3").isNull("paused"), status(env, "s3").toString());
      Api.Answer refused =
          api.asOperator(
              "POST",
              "/api/v1/environments/" + env + "/export-settings/export-now?destination=postgresql",
              null);
      assertEquals(409, refused.status(), refused.body());
      Api.Answer unknown =
          api.asOperator(
              "GET", "/api/v1/environments/" + env + "/export-status?destination=ftp", null);
      assertEquals(400, unknown.status(), unknown.body());
      assertTrue(unknown.body().contains("destination must be s3 or postgresql"), unknown.body());
    }
  }

  private JsonObject status(long env, String destination) {
    return api.asOperator(
            "GET",
            "/api/v1/environments/" + env + "/export-status?destination=" + destination,
            null)
        .json();
  }

  /** Export now of one destination through the API, expecting {@code outcome}. */
  private long exportNow(long env, String destination, String outcome) {
    Api.Answer now =
        api.asOperator(
            "POST",
            "/api/v1/environments/"
                + env
                + "/export-settings/export-now?destination="
                + destination,
            null);
    assertEquals(outcome, now.json().getString("outcome"), now.body());
    return now.json().isNull("executionId")
        ? -1
        : now.json().getJsonNumber("executionId").longValue();
  }

  @Test
  void aPlanWithoutAutomaticExportIsRefusedAndNothingIsStored() {
    Api.Tenant t = api.newTenant("PG then bucket " + UUID.randomUUID(), "PRO");
    long env = t.environmentId();
    Api.Answer refused = put(env, settings(destination("delivered", OWNER, PASSWORD, "disable")));
    assertEquals(403, refused.status(), refused.body());
    Api.Answer read =
        api.asOperator("GET", "/api/v1/environments/" + env + "/export-settings", null);
    assertFalse(read.json().getBoolean("configured"), read.body());
    assertEquals("s3", read.json().getJsonObject("destination").getString("kind"), read.body());
  }

  // ---------------------------------------------------------------- helpers

  private JsonObject status(long env) {
    return api.asOperator("GET", "/api/v1/environments/" + env + "/export-status", null).json();
  }

  private static java.nio.file.Path serverLog() {
    return java.nio.file.Path.of(
        System.getProperty("jboss.home"), "standalone", "log", "server.log");
  }

  private static String logSince(long offset) throws java.io.IOException {
    byte[] all = java.nio.file.Files.readAllBytes(serverLog());
    int from = (int) Math.min(offset, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }

  private static Connection customer(String user) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, user, "postgres");
  }

  private JsonObjectBuilder destination(
      String schema, String user, String password, String tlsMode) {
    return destination(schema, user, password, tlsMode, 5432);
  }

  private JsonObjectBuilder destination(
      String schema, String user, String password, String tlsMode, int port) {
    JsonObjectBuilder d =
        Json.createObjectBuilder()
            .add("kind", "postgresql")
            .add("host", "127.0.0.1")
            .add("port", port)
            .add("database", DATABASE)
            .add("schema", schema)
            .add("user", user)
            .add("tlsMode", tlsMode);
    if (password != null) {
      d.add("password", password);
    }
    return d;
  }

  private static String settings(JsonObjectBuilder destination) {
    return Json.createObjectBuilder()
        .add("enabled", true)
        .add("cadence", "daily")
        .add("destination", destination)
        .build()
        .toString();
  }

  private Api.Answer put(long env, String json) {
    return api.asOperator("PUT", "/api/v1/environments/" + env + "/export-settings", json);
  }

  private Api.Answer test(long env, JsonObjectBuilder destination) {
    return api.asOperator(
        "POST",
        "/api/v1/environments/" + env + "/export-settings/test-connection",
        Json.createObjectBuilder().add("destination", destination).build().toString());
  }

  private static void assertRefused(Api.Answer answer, String field, String text) {
    assertEquals(422, answer.status(), answer.body());
    assertTrue(answer.body().contains(text), answer.body());
    assertEquals(field, answer.json().getString("field", null), answer.body());
    assertFalse(answer.body().contains(PASSWORD), answer.body());
  }

  /** An operator's re-run of {@code period} that ends FAILED; its status. */
  private JsonObject reRunFails(long env, LocalDate period) {
    Api.Answer run =
        api.asOperator(
            "POST",
            "/api/v1/environments/" + env + "/export-periods/" + period + "?replace=true",
            null);
    assertEquals(202, run.status(), run.body());
    JsonObject failed = api.awaitExport(run.json().getJsonNumber("executionId").longValue());
    assertEquals("FAILED", failed.getString("status"), failed.toString());
    return failed;
  }

  private long runPeriod(long env, LocalDate period, boolean replace) {
    Api.Answer run =
        api.asOperator(
            "POST",
            "/api/v1/environments/"
                + env
                + "/export-periods/"
                + period
                + (replace ? "?replace=true" : ""),
            null);
    assertEquals(202, run.status(), run.body());
    long id = run.json().getJsonNumber("executionId").longValue();
    JsonObject done = api.awaitExport(id);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    return id;
  }

  /**
   * The CSV of the period: a manual snapshot as of the period's last instant (the same evaluation
   * as the automatic period, which is as of the next midnight; no event lies in between).
   */
  private String periodCsv(long env, LocalDate period) {
    long id =
        api.startExport(
            env,
            "{\"aggregation\":\"snapshot\",\"asOf\":\""
                + period.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                + "\"}");
    JsonObject done = api.awaitExport(id);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    return new String(api.downloadCsv(id), StandardCharsets.UTF_8);
  }

  private static boolean tableMissing(String schema) throws SQLException {
    try (Connection c = customer("postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('" + schema + ".company_usage')")) {
      rs.next();
      return rs.getString(1) == null;
    }
  }

  private static long count(String schema) throws SQLException {
    try (Connection c = customer("postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".company_usage")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static OffsetDateTime exportedAt(String schema) throws SQLException {
    try (Connection c = customer("postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT min(exported_at), max(exported_at) FROM " + schema + ".company_usage")) {
      rs.next();
      assertEquals(
          rs.getObject(1, OffsetDateTime.class),
          rs.getObject(2, OffsetDateTime.class),
          "one delivery's instant");
      return rs.getObject(2, OffsetDateTime.class);
    }
  }

  private static void assertColumnTypes(String schema) throws SQLException {
    try (Connection c = customer("postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = '"
                    + schema
                    + "' AND table_name = 'company_usage' ORDER BY ordinal_position")) {
      List<String> columns = new ArrayList<>();
      while (rs.next()) {
        columns.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
      List<String> expected = new ArrayList<>();
      for (CompanyUsageTable.Column col : CompanyUsageTable.COLUMNS) {
        expected.add(col.name() + " " + col.catalogType() + " " + (col.nullable() ? "YES" : "NO"));
      }
      assertEquals(expected, columns);
    }
  }

  /**
   * The table's rows of the period, in the CSV's order, equal the CSV's records column by column
   * (empty cell = NULL, dates DATE, codes and counts numbers); returns the rows.
   */
  private static long assertRowsEqualCsv(String schema, String csv, LocalDate period)
      throws Exception {
    List<CSVRecord> records;
    try (CSVParser p = CSVParser.parse(csv, CSVFormat.RFC4180)) {
      records = new ArrayList<>(p.getRecords());
    }
    records.remove(0);
    try (Connection c = customer("postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT * FROM "
                    + schema
                    + ".company_usage WHERE export_period = DATE '"
                    + period
                    + "' ORDER BY company_id, feature_id, date")) {
      int i = 0;
      while (rs.next()) {
        assertTrue(i < records.size(), "more table rows than CSV rows");
        CSVRecord r = records.get(i);
        for (int col = 1; col <= 18; col++) {
          String cell = r.get(col - 1);
          String where = "row " + (i + 1) + " column " + col;
          if (cell.isEmpty()) {
            assertNull(rs.getObject(col), where);
          } else if (DATES.contains(col)) {
            assertEquals(LocalDate.parse(cell), rs.getObject(col, LocalDate.class), where);
          } else if (INTS.contains(col)) {
            assertEquals(Integer.parseInt(cell), rs.getInt(col), where);
          } else {
            assertEquals(cell, rs.getString(col), where);
          }
        }
        assertEquals(period, rs.getObject(19, LocalDate.class));
        i++;
      }
      assertEquals(records.size(), i, "rows");
      assertEquals(i, count(schema), "only the period's rows");
      return i;
    }
  }

  private void ingest(Api.Tenant t, String company, LocalDate day) {
    var items = Json.createArrayBuilder();
    items.add(
        Json.createObjectBuilder()
            .add("type", "company")
            .add("companyId", company)
            .add("attributes", Json.createObjectBuilder().add("name", company))
            .add("timestamp", day + "T08:00:00Z"));
    Api.Answer answer =
        api.withKey(t.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, answer.status(), answer.body());
  }

  /** Names with quotes, commas, backslashes (COPY's escape) and emoji; one without a name. */
  private void ingestAwkwardCompanies(Api.Tenant t, LocalDate today) {
    var items = Json.createArrayBuilder();
    String[][] companies = {
      {"nameless", null},
      {"quoted", "\"Quote\", Comma & Co"},
      {"escapes", "Back\\slash \\N and \\t, not a tab"},
      {"unicode", "Ünïcødé 🚀 名前"}
    };
    for (String[] c : companies) {
      var attributes = Json.createObjectBuilder().add("region", "de");
      if (c[1] != null) {
        attributes.add("name", c[1]);
      }
      items.add(
          Json.createObjectBuilder()
              .add("type", "company")
              .add("companyId", c[0])
              .add("attributes", attributes)
              .add("timestamp", today.minusDays(15) + "T08:00:00Z"));
      items.add(
          Json.createObjectBuilder()
              .add("type", "event")
              .add("event", "alerts")
              .add("userId", "u-" + c[0])
              .add("companyId", c[0])
              .add("timestamp", today.minusDays(3) + "T10:00:00Z"));
    }
    Api.Answer answer =
        api.withKey(t.ingestionKey(), "/api/v1/track/bulk", items.build().toString());
    assertEquals(200, answer.status(), answer.body());
    assertEquals(0, answer.json().getInt("rejected"), answer.body());
  }
}
