package com.warehouseexport.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At every server start, adds the indexes JBeret's job repository lacks ({@link
 * JobRepositoryIndexes}). WildFly's JDBC job repository service creates the tables when the server
 * starts, before deployments, so they exist here; if they do not (another job repository
 * configured), nothing is created and the next start tries again. A failure is logged and does not
 * stop the application: the indexes make the job repository fast, not correct.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class JobRepositoryIndexing {

  private static final Logger LOG = Logger.getLogger(JobRepositoryIndexing.class.getName());

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  @PostConstruct
  void ensure() {
    // Like a migration, building an index over a large table may outlast the socket timeout.
    try (Connection c = new WithoutNetworkTimeout(dataSource).getConnection()) {
      JobRepositoryIndexes.Outcome outcome = JobRepositoryIndexes.ensure(c);
      if (!outcome.missingTables().isEmpty()) {
        LOG.info(
            () ->
                "Job repository tables "
                    + outcome.missingTables()
                    + " not found: their indexes are added at a later start");
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not add the job repository's indexes; the next start tries again",
          e);
    }
  }
}
