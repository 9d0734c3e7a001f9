package com.warehouseexport.tracking;

import com.warehouseexport.catalog.FeatureThresholdsChanged;
import com.warehouseexport.platform.DataSources;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Recomputes the usage summaries of an environment whose feature thresholds changed, after the
 * change committed. Until then (and if this fails) the stale rows are still correct for exports:
 * the reader sees their thresholds differ from the feature's and reads those pairs' whole history;
 * the next usage of a pair also recomputes it.
 */
@Stateless
public class UsageSummaryRecompute {

  private static final Logger LOG = Logger.getLogger(UsageSummaryRecompute.class.getName());

  @Resource(lookup = DataSources.APP)
  private DataSource dataSource;

  @Resource private SessionContext context;

  /**
   * After a threshold change committed: recomputes on another thread, in its own transaction (no
   * connection can be enlisted in the transaction that is completing).
   */
  public void onThresholdsChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) FeatureThresholdsChanged event) {
    context.getBusinessObject(UsageSummaryRecompute.class).recomputeLater(event.environmentId());
  }

  /** {@link #recomputeStale}, asynchronously; a failure is logged (see the class comment). */
  @Asynchronous
  public void recomputeLater(long environmentId) {
    try {
      int rows = recomputeStale(environmentId);
      LOG.info(
          "Adoption thresholds of environment "
              + environmentId
              + " changed: "
              + rows
              + " usage summary row(s) recomputed");
    } catch (RuntimeException e) {
      LOG.warning(
          "Could not recompute the usage summaries of environment "
              + environmentId
              + " (exports read those pairs' whole history until their next usage): "
              + e.getMessage());
    }
  }

  /** Recomputes the environment's stale rows; returns how many. */
  public int recomputeStale(long environmentId) {
    try (Connection c = dataSource.getConnection()) {
      return new UsageSummaryWrites(c, environmentId).recomputeStale();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot recompute usage summaries: " + e.getMessage(), e);
    }
  }
}
