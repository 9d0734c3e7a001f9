package com.warehouseexport.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
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
  void jberetJobRepositoryTablesAreInTheApplicationDatabase() throws Exception {
    api.asOperator("GET", "/api/v1/system", null);
    try (Connection c = Db.connect()) {
      for (String table : new String[] {"job_instance", "job_execution", "step_execution"}) {
        assertTrue(tableExists(c, table), table + " is missing");
      }
    }
  }

  @Test
  void theAutomaticExportScheduleIsAPersistentTimerStoredInTheDatabase() throws Exception {
    long timers =
        Db.scalar(
            "SELECT COUNT(*) FROM jboss_ejb_timer WHERE timed_object_id LIKE ?",
            "%AutomaticExportScheduler%");
    assertTrue(timers >= 1, "a persistent timer row for the scheduler");
    long retention =
        Db.scalar(
            "SELECT COUNT(*) FROM jboss_ejb_timer WHERE timed_object_id LIKE ?",
            "%ExportRetention%");
    assertTrue(retention >= 1, "a persistent timer row for export retention");
  }

  @Test
  void schemaMigrationsAreRecordedByFlyway() throws Exception {
    // Flyway creates its history table with a quoted lower-case name, also on H2. The latest
    // version is there once, applied (SQL) or baselined (a database of the old migrator).
    String history = "\"flyway_schema_history\"";
    assertEquals(
        1,
        Db.scalar(
            "SELECT COUNT(*) FROM " + history + " WHERE \"version\" = ? AND \"success\" = TRUE",
            "2"));
    assertEquals(0, Db.scalar("SELECT COUNT(*) FROM " + history + " WHERE \"success\" = FALSE"));
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

  static boolean tableExists(Connection c, String table) throws Exception {
    for (String candidate : new String[] {table, table.toUpperCase()}) {
      try (ResultSet rs = c.getMetaData().getTables(null, null, candidate, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
