package com.warehouseexport.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the schema up to date (Flyway, see {@link FlywaySchema}) before anything else in the
 * application touches the database: beans that need the schema declare
 * {@code @DependsOn("SchemaMigrations")}.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  @PostConstruct
  void migrate() {
    // Before the first connection: PgJDBC would refuse a malformed value naming its own property.
    String socketTimeout =
        SocketTimeoutSetting.problem(System.getenv(SocketTimeoutSetting.VARIABLE));
    if (socketTimeout != null) {
      LOG.severe(socketTimeout);
      throw new IllegalStateException(socketTimeout);
    }
    FlywaySchema.Outcome outcome =
        new FlywaySchema(
                dataSource,
                SchemaMigrations.class.getClassLoader(),
                FlywaySchema.APPLICATION_LOCATION)
            .migrate();
    LOG.info(
        () ->
            "Schema at version "
                + outcome.version()
                + " ("
                + outcome.applied()
                + " migration(s) applied now"
                + (outcome.baselinedAt() == null
                    ? ""
                    : ", baselined at the old migrator's version " + outcome.baselinedAt())
                + ")");
    com.warehouseexport.health.SchemaVersion.applied(outcome.version()); // the readiness check
  }
}
