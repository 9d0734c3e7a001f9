package com.warehouseexport.export.history;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At server start, indexes the export executions that {@link ExportExecutionIndex} does not know
 * yet: after the upgrade to migration V6 every earlier one, afterwards the rare start that crashed
 * between the job repository's commit and the index row.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class ExportExecutionIndexBackfill {

  private static final Logger LOG = Logger.getLogger(ExportExecutionIndexBackfill.class.getName());

  @EJB private ExportExecutionIndex index;

  @PostConstruct
  void backfill() {
    try {
      long started = System.nanoTime();
      int added = index.backfill();
      if (added > 0) {
        LOG.info(
            () ->
                "Indexed "
                    + added
                    + " export execution(s) of the job repository by environment in "
                    + (System.nanoTime() - started) / 1_000_000
                    + " ms");
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not index earlier export executions; the next start retries", e);
    }
  }
}
