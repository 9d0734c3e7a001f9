package com.warehouseexport.platform;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A description of the running stack, for operators and for tests that must prove it is real. */
@Stateless
public class SystemInfo {

  @PersistenceContext(unitName = "warehouse")
  private EntityManager em;

  @Resource(lookup = "java:jboss/datasources/AppDS")
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
        .add("jobOperator", BatchRuntime.getJobOperator().getClass().getName())
        .build();
  }
}
