package com.warehouseexport.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The readiness checks against real databases: a PostgreSQL data source whose server is down (a
 * loopback port that nothing listens on) and an in-memory H2 holding a Flyway history.
 */
class ReadinessProbesTest {

  private static final String PASSWORD = "s3cr3t-db-password";

  /**
   * A PostgreSQL data source on a loopback port that was free a moment ago: the database is down.
   */
  private static DataSource databaseDown() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName("warehouse");
    ds.setUser("warehouse");
    ds.setPassword(PASSWORD);
    ds.setConnectTimeout(2);
    return ds;
  }

  /** An in-memory H2 with a Flyway history (as Flyway writes it) at version 5. */
  private static DataSource migratedH2() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:readiness-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("sa");
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT PRIMARY KEY,"
              + " \"version\" VARCHAR(50), \"success\" BOOLEAN NOT NULL)");
      for (int v = 1; v <= 5; v++) {
        st.execute("INSERT INTO \"flyway_schema_history\" VALUES (" + v + ", '" + v + "', TRUE)");
      }
    }
    return ds;
  }

  @Test
  void theDatabaseCheckIsDownWhenTheDatabaseIsDown() throws IOException {
    HealthCheckResponse response = ReadinessProbes.database(databaseDown());

    assertEquals(ReadinessProbes.DATABASE, response.getName());
    assertEquals(Status.DOWN, response.getStatus());
    String error = (String) response.getData().orElseThrow().get("error");
    assertTrue(error.startsWith("the database is not reachable"), error);
    assertFalse(error.contains(PASSWORD), "no secret in the answer: " + error);
  }

  @Test
  void theMigrationCheckIsDownWhenTheDatabaseIsDown() throws IOException {
    HealthCheckResponse response = ReadinessProbes.migrations(databaseDown(), "5");

    assertEquals(Status.DOWN, response.getStatus());
    String error = (String) response.getData().orElseThrow().get("error");
    assertTrue(error.startsWith("the migration history cannot be read"), error);
  }

  @Test
  void bothAreUpOnAMigratedDatabase() throws SQLException {
    DataSource ds = migratedH2();
    String version = "5";

    assertEquals(Status.UP, ReadinessProbes.database(ds).getStatus());
    HealthCheckResponse migrations = ReadinessProbes.migrations(ds, version);
    assertEquals(Status.UP, migrations.getStatus());
    assertEquals(Map.of("version", version), migrations.getData().orElseThrow());
  }

  @Test
  void theMigrationCheckIsDownBeforeTheMigrationsRanOrAtAnUnknownVersionOrAfterAFailure()
      throws SQLException {
    DataSource ds = migratedH2();

    assertEquals(Status.DOWN, ReadinessProbes.migrations(ds, null).getStatus());
    assertEquals(Status.DOWN, ReadinessProbes.migrations(ds, "999").getStatus());
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO \"flyway_schema_history\" VALUES (6, '6', FALSE)");
    }
    HealthCheckResponse failed = ReadinessProbes.migrations(ds, "5");
    assertEquals(Status.DOWN, failed.getStatus());
    assertEquals(
        "1 failed migration(s) in flyway_schema_history",
        failed.getData().orElseThrow().get("error"));
  }

  @Test
  void theBatchCheckFollowsTheJobOperator() {
    assertEquals(
        Status.UP, ReadinessProbes.batchRuntime(() -> List.of("company-usage-export")).getStatus());
    HealthCheckResponse down =
        ReadinessProbes.batchRuntime(
            () -> {
              throw new IllegalStateException("job repository unavailable");
            });
    assertEquals(Status.DOWN, down.getStatus());
    assertTrue(
        ((String) down.getData().orElseThrow().get("error"))
            .contains("job repository unavailable"));
  }
}
