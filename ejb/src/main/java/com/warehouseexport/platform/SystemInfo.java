package com.warehouseexport.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A description of the running stack, for operators and for tests that must prove it is real. */
@Stateless
public class SystemInfo {

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  public JsonObject describe() {
    String database;
    try (Connection c = dataSource.getConnection()) {
      database =
          c.getMetaData().getDatabaseProductName()
              + " "
              + c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      database = "unavailable: " + e.getMessage();
    }
    return Json.createObjectBuilder()
        .add("persistenceProvider", em.getDelegate().getClass().getName())
        .add("entityManagerFactory", em.getEntityManagerFactory().getClass().getName())
        .add("database", database)
        .add("jobOperator", JobOperators.get().getClass().getName())
        .add("storage", storage())
        .build();
  }

  /**
   * What lives in the application database: the job repository's tables and which of the indexes
   * the application adds to them ({@link JobRepositoryIndexes}), the persistent EJB timers per
   * timed bean, and the applied schema migrations (Flyway's history).
   */
  private JsonObject storage() {
    JsonObjectBuilder b = Json.createObjectBuilder();
    try (Connection c = dataSource.getConnection()) {
      JsonArrayBuilder tables = Json.createArrayBuilder();
      for (String table : new String[] {"job_instance", "job_execution", "step_execution"}) {
        if (tableExists(c, table)) {
          tables.add(table);
        }
      }
      b.add("jobRepositoryTables", tables);
      JsonArrayBuilder indexes = Json.createArrayBuilder();
      JobRepositoryIndexes.present(c).forEach(indexes::add);
      b.add("jobRepositoryIndexes", indexes);
      JsonObjectBuilder timers = Json.createObjectBuilder();
      for (String bean : new String[] {"AutomaticExportScheduler", "ExportRetention"}) {
        timers.add(
            bean,
            count(
                c,
                "SELECT COUNT(*) FROM jboss_ejb_timer WHERE timed_object_id LIKE ?",
                "%" + bean + "%"));
      }
      b.add("persistentTimers", timers);
      JsonArrayBuilder applied = Json.createArrayBuilder();
      Jdbc.list(
              c,
              "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE"
                  + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
              rs -> rs.getString(1))
          .forEach(applied::add);
      b.add("schemaVersions", applied);
      b.add(
          "failedMigrations",
          count(c, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = FALSE"));
    } catch (SQLException e) {
      b.add("error", "unavailable: " + e.getMessage());
    }
    return b.build();
  }

  private static long count(Connection c, String sql, Object... params) throws SQLException {
    return Jdbc.first(c, sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    for (String candidate : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
      try (ResultSet rs = c.getMetaData().getTables(null, null, candidate, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
