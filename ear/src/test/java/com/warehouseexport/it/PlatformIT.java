package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack is the real one: EclipseLink, the configured database, JBeret's JDBC repository. */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {

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
  void eclipseLinkIsThePersistenceProviderOnTheConfiguredDatabase() {
    Api.Answer answer = api.asOperator("GET", "/api/v1/system", null);
    assertEquals(200, answer.status(), answer.body());
    JsonObject system = answer.json();
    assertTrue(
        system.getString("persistenceProvider").startsWith("org.eclipse.persistence."),
        system.toString());
    assertTrue(
        system.getString("database").startsWith(Db.isPostgres() ? "PostgreSQL" : "H2"),
        system.toString());
  }

  @Test
  void jberetJobRepositoryTablesAreInTheApplicationDatabase() {
    JsonObject storage = storage();
    for (String table : new String[] {"job_instance", "job_execution", "step_execution"}) {
      assertTrue(
          storage.getJsonArray("jobRepositoryTables").contains(Json.createValue(table)),
          table + " is missing: " + storage);
    }
  }

  @Test
  void theJobRepositoryHasItsIndexesAfterStart() throws Exception {
    // Added at start by JobRepositoryIndexing (JBeret creates its tables with primary keys only).
    java.util.List<String> expected =
        java.util.List.of(
            "job_execution_instance_idx",
            "job_execution_running_idx",
            "step_execution_execution_idx");
    JsonObject storage = storage();
    assertEquals(
        expected,
        storage.getJsonArray("jobRepositoryIndexes").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList(),
        storage.toString());
    if (Db.isPostgres()) {
      // Read from PostgreSQL's catalogue directly: on the JBeret tables, the running one partial.
      for (String index : expected) {
        String table = index.startsWith("step_") ? "step_execution" : "job_execution";
        assertEquals(
            table,
            Db.string(
                "SELECT tablename FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND indexname = ?",
                index),
            index);
      }
      String running =
          Db.string(
              "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                  + " AND indexname = 'job_execution_running_idx'");
      assertTrue(running.contains("WHERE"), running);
    }
  }

  @Test
  void theAutomaticExportScheduleIsAPersistentTimerStoredInTheDatabase() {
    JsonObject timers = storage().getJsonObject("persistentTimers");
    assertTrue(
        timers.getJsonNumber("AutomaticExportScheduler").longValue() >= 1,
        "a persistent timer row for the scheduler: " + timers);
    assertTrue(
        timers.getJsonNumber("ExportRetention").longValue() >= 1,
        "a persistent timer row for export retention: " + timers);
  }

  @Test
  void schemaMigrationsAreRecordedByFlyway() {
    // Flyway's history table, read by the server: version 2 applied (SQL) or baselined (a
    // database of the old migrator), and no failed migration.
    JsonObject storage = storage();
    assertEquals(
        1,
        storage.getJsonArray("schemaVersions").stream()
            .filter(v -> v.equals(Json.createValue("2")))
            .count(),
        storage.toString());
    assertEquals(0, storage.getJsonNumber("failedMigrations").longValue(), storage.toString());
  }

  /** The server's own description of what lives in its database (the database opens no port). */
  private JsonObject storage() {
    Api.Answer answer = api.asOperator("GET", "/api/v1/system", null);
    assertEquals(200, answer.status(), answer.body());
    return answer.json().getJsonObject("storage");
  }

  @Test
  void operatorApisNeedCredentialsAndTheOperatorRole() {
    Api.Answer anonymous = api.send("GET", "/api/v1/organizations", null, null);
    assertEquals(401, anonymous.status());
    assertTrue(
        anonymous.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    Api.Answer wrong =
        api.send("GET", "/api/v1/organizations", null, Api.basic(Api.OPERATOR, "wrong"));
    assertEquals(401, wrong.status());
    Api.Answer bad =
        api.asOperator(
            "POST",
            "/api/v1/organizations",
            "{\"name\":\"x " + UUID.randomUUID() + "\",\"plan\":\"GOLD\"}");
    assertEquals(400, bad.status());
    assertEquals("plan", bad.json().getString("field"));
  }
}
