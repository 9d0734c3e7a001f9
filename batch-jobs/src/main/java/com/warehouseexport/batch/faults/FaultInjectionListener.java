package com.warehouseexport.batch.faults;

import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportProgress;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.listener.AbstractItemWriteListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Fault injection for the integration tests, declared on the export step in the job XML. Does
 * nothing unless the server runs with {@code -Dwarehouse.faultInjection=true}; then it
 *
 * <ul>
 *   <li>fails the chunk that would take the export past {@code failAfterCompanies} companies,
 *       before the writer sees it: the step fails with everything up to the last checkpoint
 *       committed, exactly what a restart continues from;
 *   <li>pauses {@code pausePerCompanyMillis} per company after the writer wrote a chunk and before
 *       it is checkpointed, so a test can stop or kill the server while the file holds rows that
 *       are not checkpointed yet.
 * </ul>
 */
@Named
@Dependent
public class FaultInjectionListener extends AbstractItemWriteListener {

  @Inject private StepContext stepContext;

  /**
   * Fail once more than this many companies would be written; {@code -1} (the job XML's default):
   * never (job parameter {@code failAfterCompanies}; a restart by an operator passes {@code -1}).
   */
  @Inject
  @BatchProperty(name = ExportJob.FAIL_AFTER_COMPANIES)
  private String failAfterCompanies;

  /**
   * Pause this long per company written; {@code 0} (the job XML's default): no pause (job parameter
   * {@code pausePerCompanyMillis}).
   */
  @Inject
  @BatchProperty(name = ExportJob.PAUSE_PER_COMPANY_MILLIS)
  private String pausePerCompanyMillis;

  private FaultInjection faults;

  private FaultInjection faults() {
    if (faults == null) {
      faults =
          FaultInjection.of(
              Boolean.getBoolean(FaultInjection.ENABLED_PROPERTY),
              failAfterCompanies,
              pausePerCompanyMillis);
    }
    return faults;
  }

  @Override
  public void beforeWrite(List<Object> items) {
    FaultInjection f = faults();
    if (f.failsChunk(companiesCommitted(), items.size())) {
      throw new IllegalStateException(
          "Injected failure after " + f.failAfterCompanies() + " companies (fault injection)");
    }
  }

  @Override
  public void afterWrite(List<Object> items) throws InterruptedException {
    long pause = faults().pauseMillis(items.size());
    if (pause > 0) {
      Thread.sleep(pause);
    }
  }

  /**
   * Companies checkpointed so far: the writer's progress, which is the step's persistent user data
   * (restored from the last checkpoint on a restart).
   */
  private long companiesCommitted() {
    return stepContext.getPersistentUserData() instanceof ExportProgress progress
        ? progress.companiesDone()
        : 0;
  }
}
