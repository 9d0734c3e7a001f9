package com.warehouseexport.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Brings the schema up to date before anything else in the application touches the database. */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

  @Resource(lookup = "java:jboss/datasources/AppDS")
  private DataSource dataSource;

  @PostConstruct
  void migrate() {
    try (Connection connection = dataSource.getConnection()) {
      new SchemaMigrator(SchemaMigrations.class.getClassLoader()).migrate(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Schema migration failed: " + e.getMessage(), e);
    }
  }
}
