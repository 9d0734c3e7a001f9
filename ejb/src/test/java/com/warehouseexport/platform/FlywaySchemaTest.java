package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.it.Prerequisites;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link FlywaySchema} against real databases: an in-memory H2 per test, and PostgreSQL at
 * 127.0.0.1:5432 (database {@code test}, user {@code postgres}) in a schema of its own that is
 * dropped afterwards; without a server there the PostgreSQL tests are skipped, or fail under {@code
 * CI=true} ({@link Prerequisites}).
 */
class FlywaySchemaTest {

  private static final ClassLoader LOADER = FlywaySchemaTest.class.getClassLoader();

  /** How many scripts the application has (V1…Vn, counted from the class path). */
  private static final int SCRIPTS = countScripts();

  /**
   * The application's newest version: what a fresh database ends at (helpers reserve version
   * numbers, so they need not be contiguous).
   */
  private static final String LATEST = Integer.toString(newestVersion());

  /**
   * How many PostgreSQL-only scripts the application has ({@link
   * FlywaySchema#POSTGRESQL_LOCATION}).
   */
  private static final int PG_SCRIPTS = versionsIn("db/migration-postgresql").size();

  /** What a fresh PostgreSQL database ends at: the newest portable or PostgreSQL-only version. */
  private static final String PG_LATEST =
      Integer.toString(
          Math.max(
              newestVersion(),
              versionsIn("db/migration-postgresql").stream()
                  .mapToInt(Integer::intValue)
                  .max()
                  .orElse(0)));

  /** The test-only PostgreSQL script's version (after every application script). */
  private static final String TEST_FUNCTION_VERSION = "1000";

  private static int countScripts() {
    return versionsIn("db/migration").size();
  }

  private static int newestVersion() {
    return versionsIn("db/migration").stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  /** The versions of the V…__….sql scripts in a class-path directory (none if it is missing). */
  private static List<Integer> versionsIn(String directory) {
    try {
      var url = LOADER.getResource(directory);
      if (url == null) {
        return List.of();
      }
      try (var files = java.nio.file.Files.list(Path.of(url.toURI()))) {
        return files
            .map(f -> f.getFileName().toString())
            .filter(n -> n.matches("V\\d+__.*\\.sql"))
            .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
            .toList();
      }
    } catch (java.net.URISyntaxException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:flyway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("sa");
    return ds;
  }

  private static FlywaySchema application(DataSource ds) {
    return new FlywaySchema(ds, LOADER, FlywaySchema.APPLICATION_LOCATION);
  }

  @Test
  void h2KeepsTheFullByUserIndexes() throws SQLException {
    DataSource ds = h2();
    application(ds).migrate();
    assertEquals(
        List.of("FEEDBACK_USER_IDX", "TRACKED_EVENT_USER_IDX"),
        strings(
            ds,
            "SELECT index_name FROM information_schema.indexes WHERE index_name IN"
                + " ('TRACKED_EVENT_USER_IDX', 'FEEDBACK_USER_IDX', 'TRACKED_EVENT_LINK_WAIT_IDX',"
                + " 'FEEDBACK_LINK_WAIT_IDX') ORDER BY index_name"));
  }

  @Test
  void aFreshDatabaseGetsEveryMigration() throws SQLException {
    DataSource ds = h2();
    FlywaySchema.Outcome outcome = application(ds).migrate();
    assertEquals(SCRIPTS, outcome.applied());
    assertEquals(LATEST, outcome.version());
    assertNull(outcome.baselinedAt());
    assertTrue(exists(ds, "organization"));
    assertTrue(exists(ds, "export_period_claim"));
    assertTrue(exists(ds, FlywaySchema.HISTORY_TABLE));
    assertFalse(exists(ds, FlywaySchema.LEGACY_TABLE), "the old migrator's table is not made");
  }

  @Test
  void v18GivesClaimsAndPausesTheKindTheirEnvironmentExportedTo() throws SQLException {
    oneDestinationAtATimeBecomesOneOfEachKind(h2());
  }

  /**
   * V18 (one destination of each kind): an environment that exported to its table (V16: one kind at
   * a time) keeps exporting there — its claims and pause move to the table, its table gets the
   * switch and cadence — while a bucket environment's stay with the bucket.
   */
  static void oneDestinationAtATimeBecomesOneOfEachKind(DataSource ds) throws SQLException {
    Flyway.configure(LOADER)
        .dataSource(ds)
        .locations(FlywaySchema.APPLICATION_LOCATION)
        .table(FlywaySchema.HISTORY_TABLE)
        .target("17")
        .load()
        .migrate();
    update(
        ds,
        "INSERT INTO organization (id, name, plan, created_at) VALUES (1, 'o', 'ENTERPRISE', 0)");
    for (int env = 1; env <= 2; env++) {
      update(
          ds,
          "INSERT INTO environment (id, organization_id, name, ingestion_key_hash,"
              + " ingestion_key_hint, created_at) VALUES ("
              + env
              + ", 1, 'e', 'hash"
              + env
              + "', 'h', 0)");
    }
    update(
        ds,
        "INSERT INTO export_settings (environment_id, enabled, cadence, object_slug, first_period,"
            + " updated_at, destination_kind, bucket) VALUES (1, TRUE, 'weekly', 's1', 100, 0,"
            + " 's3', 'b')");
    update(
        ds,
        "INSERT INTO export_settings (environment_id, enabled, cadence, object_slug, first_period,"
            + " updated_at, destination_kind, pg_host) VALUES (2, TRUE, 'daily', 's2', 200, 0,"
            + " 'postgresql', 'db.example.com')");
    update(
        ds,
        "INSERT INTO export_period_claim (environment_id, cadence, period, attempts, claimed_at,"
            + " claimed_by) VALUES (1, 'weekly', 7, 1, 0, 'a'), (2, 'daily', 8, 1, 0, 'a')");
    update(
        ds,
        "INSERT INTO export_alert_state (environment_id, failing, paused_at) VALUES"
            + " (2, TRUE, 5)");
    FlywaySchema.Outcome outcome = application(ds).migrate();
    assertEquals(ds instanceof PGSimpleDataSource ? PG_LATEST : LATEST, outcome.version());
    assertEquals(
        List.of("1:s3:weekly:7", "2:postgresql:daily:8"),
        strings(
            ds,
            "SELECT environment_id || ':' || destination || ':' || cadence || ':' || period"
                + " FROM export_period_claim ORDER BY environment_id"));
    assertEquals(
        List.of("1:true:false", "2:false:true"),
        strings(
            ds,
            "SELECT environment_id || ':' || LOWER(CAST(enabled AS VARCHAR(5))) || ':'"
                + " || LOWER(CAST(pg_enabled AS VARCHAR(5))) FROM export_settings"
                + " ORDER BY environment_id"));
    assertEquals(
        List.of("2:daily:200"),
        strings(
            ds,
            "SELECT environment_id || ':' || pg_cadence || ':' || pg_first_period"
                + " FROM export_settings WHERE pg_host IS NOT NULL"));
    assertEquals(
        List.of("2:postgresql"),
        strings(ds, "SELECT environment_id || ':' || destination FROM export_alert_state"));
    // The new key: the same period may now be claimed once per destination, and only once.
    update(
        ds,
        "INSERT INTO export_period_claim (environment_id, destination, cadence, period, attempts,"
            + " claimed_at, claimed_by) VALUES (2, 's3', 'daily', 8, 0, 0, 'b')");
    assertThrows(
        SQLException.class,
        () ->
            update(
                ds,
                "INSERT INTO export_period_claim (environment_id, destination, cadence, period,"
                    + " attempts, claimed_at, claimed_by) VALUES (2, 's3', 'daily', 8, 0, 0,"
                    + " 'c')"));
  }

  private static List<String> strings(DataSource ds, String sql) throws SQLException {
    List<String> rows = new java.util.ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  @Test
  void aSecondRunAppliesNothingAndKeepsTheData() throws SQLException {
    DataSource ds = h2();
    application(ds).migrate();
    update(
        ds, "INSERT INTO organization (id, name, plan, created_at) VALUES (1, 'Acme', 'pro', 0)");
    FlywaySchema.Outcome again = application(ds).migrate();
    assertEquals(0, again.applied());
    assertEquals(LATEST, again.version());
    assertNull(again.baselinedAt());
    assertEquals(1, count(ds, "organization"));
    assertEquals(
        SCRIPTS,
        count(ds, "\"" + FlywaySchema.HISTORY_TABLE + "\" WHERE \"type\" = 'SQL'"),
        "each script recorded once");
  }

  @Test
  void tablesOfTheServerItselfDoNotStopAFreshMigration() throws SQLException {
    // WildFly's timer store and job repository may create their tables before the app starts.
    DataSource ds = h2();
    update(ds, "CREATE TABLE jboss_ejb_timer (id VARCHAR(255) PRIMARY KEY)");
    FlywaySchema.Outcome outcome = application(ds).migrate();
    assertEquals(SCRIPTS, outcome.applied());
    assertEquals(LATEST, outcome.version());
    assertNull(outcome.baselinedAt(), "not an old-migrator database");
  }

  @Test
  void anOldMigratorDatabaseIsBaselinedWithoutReapplyingItsScripts() throws SQLException {
    DataSource ds = h2();
    oldMigratorDatabase(ds, 2);
    FlywaySchema.Outcome outcome = application(ds).migrate();
    assertEquals(2, outcome.baselinedAt());
    assertEquals(SCRIPTS - 2, outcome.applied(), "only the scripts after the old migrator's last");
    assertEquals(LATEST, outcome.version());
    assertEquals(1, count(ds, "organization"), "the data survives");
    assertEquals(2, count(ds, FlywaySchema.LEGACY_TABLE), "the old table is left alone");

    FlywaySchema.Outcome again = application(ds).migrate();
    assertNull(again.baselinedAt(), "baselined once only");
    assertEquals(0, again.applied());
  }

  @Test
  void anOldMigratorDatabaseBehindGetsTheLaterScripts() throws SQLException {
    DataSource ds = h2();
    oldMigratorDatabase(ds, 1);
    assertFalse(exists(ds, "export_settings"));
    FlywaySchema.Outcome outcome = application(ds).migrate();
    assertEquals(1, outcome.baselinedAt());
    assertEquals(SCRIPTS - 1, outcome.applied());
    assertEquals(LATEST, outcome.version());
    assertTrue(exists(ds, "export_settings"));
    assertEquals(1, count(ds, "organization"));
  }

  @Test
  void anEmptyOldMigratorTableIsNoBaseline() throws SQLException {
    DataSource ds = h2();
    update(ds, "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY)");
    FlywaySchema.Outcome outcome = application(ds).migrate();
    assertNull(outcome.baselinedAt());
    assertEquals(SCRIPTS, outcome.applied());
  }

  @Test
  void anAppliedScriptThatChangedStopsTheMigration(@TempDir Path dir) throws Exception {
    DataSource ds = h2();
    Path script = dir.resolve("V1__first.sql");
    Files.writeString(script, "CREATE TABLE first_table (id INTEGER PRIMARY KEY);\n");
    FlywaySchema schema = new FlywaySchema(ds, LOADER, "filesystem:" + dir);
    assertEquals(1, schema.migrate().applied());

    Files.writeString(script, "CREATE TABLE first_table (id INTEGER PRIMARY KEY); -- edited\n");
    FlywayException e = assertThrows(FlywayException.class, schema::migrate);
    assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("checksum"), e.getMessage());
  }

  @Test
  void theReleasedScriptsKeepTheirNamesAndOrder() {
    var migrations =
        Flyway.configure(LOADER)
            .dataSource(h2())
            .locations(FlywaySchema.APPLICATION_LOCATION)
            .load()
            .info()
            .all();
    List<String> scripts = new ArrayList<>();
    for (var m : migrations) {
      scripts.add(m.getScript());
    }
    assertEquals(
        List.of(
            "V1__tenancy_and_tracking.sql",
            "V2__automatic_export.sql",
            "V3__period_states.sql",
            "V4__node_liveness.sql",
            "V5__api_tokens.sql",
            "V6__export_execution_index.sql",
            "V9__alerts_and_auto_pause.sql",
            "V11__ingestion_key_rotation.sql",
            "V12__output_format.sql",
            "V13__usage_summary.sql",
            "V14__late_and_repeated_data.sql",
            "V15__retry_horizon_request.sql",
            "V16__postgres_destination.sql",
            "V17__alert_subscriptions.sql",
            "V18__one_destination_of_each_kind.sql"),
        scripts,
        "released scripts are never renamed or reordered; new ones are appended here");
  }

  /** The same against PostgreSQL 15, in a throw-away schema of database {@code test}. */
  @Nested
  class OnPostgresql {

    /**
     * The database the schemas are created in: {@code warehouse.test.postgres.url}, by default the
     * CI database {@code test} (each run uses a schema of its own and drops it).
     */
    private static final String URL =
        System.getProperty("warehouse.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    private final String schema = "flyway_test_" + UUID.randomUUID().toString().substring(0, 8);
    private PGSimpleDataSource ds;

    @BeforeEach
    void createSchema() throws SQLException {
      PGSimpleDataSource admin = new PGSimpleDataSource();
      admin.setURL(URL);
      admin.setUser("postgres");
      admin.setPassword("postgres");
      admin.setConnectTimeout(3);
      try (Connection c = admin.getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        Prerequisites.require(
            false,
            "FlywaySchemaTest.OnPostgresql",
            "PostgreSQL at " + URL + " (user postgres; see docs/testing.md): " + e.getMessage());
      }
      ds = new PGSimpleDataSource();
      ds.setURL(URL);
      ds.setUser("postgres");
      ds.setPassword("postgres");
      ds.setCurrentSchema(schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
      if (ds != null) {
        update(ds, "DROP SCHEMA " + schema + " CASCADE");
      }
    }

    @Test
    void freshThenIdempotent() throws SQLException {
      FlywaySchema.Outcome first = application(ds).migrate();
      assertEquals(SCRIPTS + PG_SCRIPTS, first.applied());
      assertEquals(PG_LATEST, first.version());
      FlywaySchema.Outcome second = application(ds).migrate();
      assertEquals(0, second.applied());
      assertEquals(PG_LATEST, second.version());
      assertTrue(exists(ds, "export_period_claim"));
    }

    @Test
    void v18GivesClaimsAndPausesTheKindTheirEnvironmentExportedTo() throws SQLException {
      oneDestinationAtATimeBecomesOneOfEachKind(ds);
    }

    /**
     * V19 (PostgreSQL only): the by-user indexes of events and feedback hold only the items that
     * wait for their company link; V14's full indexes are gone.
     */
    @Test
    void v19IndexesOnlyTheItemsWaitingForALink() throws SQLException {
      application(ds).migrate();
      assertEquals(
          List.of(
              "feedback_link_wait_idx: CREATE INDEX feedback_link_wait_idx ON "
                  + schema
                  + ".feedback USING btree (environment_id, user_id, occurred_at) WHERE by_link",
              "tracked_event_link_wait_idx: CREATE INDEX tracked_event_link_wait_idx ON "
                  + schema
                  + ".tracked_event USING btree (environment_id, user_id, occurred_at)"
                  + " WHERE by_link"),
          strings(
              ds,
              "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = '"
                  + schema
                  + "' AND tablename IN ('tracked_event', 'feedback') AND indexdef LIKE '%user_id%'"
                  + " ORDER BY indexname"));
    }

    /**
     * V20 (PostgreSQL only): every tracking key column compares by byte (COLLATE "C"), so the
     * primary keys are in the export's code-point order and no key comparison calls the locale.
     */
    @Test
    void v20KeysCompareByByte() throws SQLException {
      application(ds).migrate();
      String keys =
          "table_schema = '"
              + schema
              + "' AND column_name IN ('company_id', 'user_id', 'feature_key', 'attr_key',"
              + " 'event_name', 'message_id')";
      assertEquals(
          List.of(),
          strings(
              ds,
              "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE "
                  + keys
                  + " AND collation_name IS DISTINCT FROM 'C' ORDER BY 1"),
          "key columns not in byte order");
      assertEquals(21, count(ds, "information_schema.columns WHERE " + keys));
      update(
          ds,
          "INSERT INTO usage_day (environment_id, company_id, feature_key, epoch_day, usage_count,"
              + " first_at, last_at) SELECT 1, u.id, 'f', 0, 1, 0, 0 FROM unnest(ARRAY['é', 'a', 'Z',"
              + " 'B', '\uD83D\uDE00', '\uFFFD']::varchar[]) AS u(id)");
      assertEquals(
          List.of("B", "Z", "a", "é", "\uFFFD", "\uD83D\uDE00"),
          strings(ds, "SELECT company_id FROM usage_day ORDER BY company_id"),
          "code-point order, the export's (SqlDialect.binaryOrder)");
      assertEquals(
          List.of("a"),
          strings(
              ds,
              "SELECT c.company_id FROM usage_day c JOIN unnest('{a,x}'::varchar[]) AS u(id)"
                  + " ON c.company_id = u.id"),
          "a key compares with an uncollated parameter (the column's collation wins)");
    }

    @Test
    void aDollarQuotedBodyWithSemicolonsIsOneStatement() throws SQLException {
      FlywaySchema schemaWithFunction = withTestFunction();
      FlywaySchema.Outcome outcome = schemaWithFunction.migrate();
      assertEquals(SCRIPTS + PG_SCRIPTS + 1, outcome.applied());
      assertEquals(TEST_FUNCTION_VERSION, outcome.version());
      update(
          ds,
          "INSERT INTO export_period_claim (environment_id, destination, cadence, period, attempts,"
              + " claimed_at, claimed_by) VALUES (7, 's3', 'DAILY', 1, 1, 0, 'test'),"
              + " (7, 's3', 'DAILY', 2, 1, 0, 'test')");
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT export_claim_count(7)")) {
        rs.next();
        assertEquals(2, rs.getLong(1));
      }
      assertEquals(1, count(ds, "after_function"), "the statements after the function ran too");
    }

    @Test
    void anOldMigratorDatabaseIsBaselined() throws SQLException {
      oldMigratorDatabase(ds, 2);
      FlywaySchema.Outcome outcome = withTestFunction().migrate();
      assertEquals(2, outcome.baselinedAt());
      assertEquals(
          SCRIPTS - 2 + PG_SCRIPTS + 1,
          outcome.applied(),
          "only the scripts after the old migrator's last one");
      assertEquals(TEST_FUNCTION_VERSION, outcome.version());
      assertEquals(1, count(ds, "organization"));
    }

    @Test
    void twoNodesStartingAtOnceOnAFreshDatabase() throws Exception {
      List<FlywaySchema.Outcome> outcomes = startTogether(2);
      assertEquals(
          SCRIPTS + PG_SCRIPTS + 1,
          outcomes.stream().mapToInt(FlywaySchema.Outcome::applied).sum());
      for (FlywaySchema.Outcome o : outcomes) {
        assertEquals(TEST_FUNCTION_VERSION, o.version());
      }
      assertEquals(1, count(ds, "after_function"));
    }

    @Test
    void twoNodesStartingAtOnceOnAnOldMigratorDatabase() throws Exception {
      oldMigratorDatabase(ds, 2);
      List<FlywaySchema.Outcome> outcomes = startTogether(2);
      assertEquals(
          SCRIPTS - 2 + PG_SCRIPTS + 1,
          outcomes.stream().mapToInt(FlywaySchema.Outcome::applied).sum());
      assertEquals(
          1, outcomes.stream().filter(o -> o.baselinedAt() != null).count(), "one baseline");
      assertEquals(1, count(ds, "after_function"));
    }

    /**
     * The application's connections give up on a database that does not answer within the socket
     * timeout (a half-open connection cannot hold a thread forever) and the failure reads as "the
     * database is away"; a migration waits as long as it takes, and a pooled connection goes back
     * with its timeout.
     */
    @Test
    void aMigrationOutlastsTheSocketTimeoutThatBoundsEveryOtherStatement() throws SQLException {
      ds.setSocketTimeout(1);
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute("SELECT pg_sleep(2.5)"));
        assertTrue(DatabaseFailures.isUnavailable(e), "reads as the database away: " + e);
      }
      FlywaySchema.Outcome outcome =
          new FlywaySchema(ds, LOADER, "classpath:db/test-slow-migration").migrate();
      assertEquals(1, outcome.applied());
      assertTrue(exists(ds, "after_the_wait"));

      try (Connection pooled = ds.getConnection()) {
        DataSource pool = samePhysicalConnection(pooled);
        try (Connection lifted = new WithoutNetworkTimeout(pool).getConnection()) {
          assertEquals(0, lifted.getNetworkTimeout());
          assertEquals(0, pooled.getNetworkTimeout());
        }
        assertFalse(pooled.isClosed(), "handed back, not closed");
        assertEquals(1000, pooled.getNetworkTimeout(), "its timeout restored");
      }
    }

    /** A pool of one connection, which closing hands back (its close does nothing). */
    private static DataSource samePhysicalConnection(Connection physical) {
      Connection handedOut = proxy(Connection.class, physical, "close", null);
      return proxy(DataSource.class, null, "getConnection", handedOut);
    }

    /** {@code iface} answering {@code method} with {@code answer}, the rest from {@code target}. */
    private static <T> T proxy(Class<T> iface, Object target, String method, Object answer) {
      return iface.cast(
          Proxy.newProxyInstance(
              iface.getClassLoader(),
              new Class<?>[] {iface},
              (p, m, args) -> {
                if (m.getName().equals(method)) {
                  return answer;
                }
                try {
                  return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              }));
    }

    private FlywaySchema withTestFunction() {
      return new FlywaySchema(
          ds, LOADER, FlywaySchema.APPLICATION_LOCATION, "classpath:db/test-migration-postgresql");
    }

    private List<FlywaySchema.Outcome> startTogether(int nodes) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(nodes);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<FlywaySchema.Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return withTestFunction().migrate();
                  }));
        }
        start.countDown();
        List<FlywaySchema.Outcome> outcomes = new ArrayList<>();
        for (Future<FlywaySchema.Outcome> f : futures) {
          outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * A database as the old hand-written migrator left it: the application's tables up to {@code
   * version}, one row of data, and its {@code schema_migration} / {@code schema_lock} tables.
   */
  private static void oldMigratorDatabase(DataSource ds, int version) throws SQLException {
    Flyway.configure(LOADER)
        .dataSource(ds)
        .locations(FlywaySchema.APPLICATION_LOCATION)
        .table("scaffold_history")
        .target(Integer.toString(version))
        .load()
        .migrate();
    update(ds, "DROP TABLE \"scaffold_history\"");
    update(
        ds,
        "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY,"
            + " file_name VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
            + " applied_at BIGINT NOT NULL)");
    update(ds, "CREATE TABLE schema_lock (id INTEGER PRIMARY KEY)");
    update(ds, "INSERT INTO schema_lock (id) VALUES (1)");
    for (int v = 1; v <= version; v++) {
      update(
          ds,
          "INSERT INTO schema_migration (version, file_name, checksum, applied_at) VALUES ("
              + v
              + ", 'V"
              + v
              + "__old.sql', 'x', 0)");
    }
    update(
        ds, "INSERT INTO organization (id, name, plan, created_at) VALUES (1, 'Acme', 'pro', 0)");
  }

  private static boolean exists(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return FlywaySchema.tableExists(c, table);
    }
  }

  private static long count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void update(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
