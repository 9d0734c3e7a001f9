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
 * nothing unless the server runs with {@code -Dwarehouse.faultInjection=true}; then, before the
 * writer sees a chunk, it
 *
 * <ul>
 *   <li>pauses {@code pausePerCompanyMillis} per company in the chunk, so a test can stop or kill
 *       the server mid-export (before the writer publishes the chunk's progress, which the status
 *       API shows: progress seen means that chunk is checkpointed or about to be);
 *   <li>fails the chunk that would take the export past {@code failAfterCompanies} companies: the
 *       step fails with everything up to the last checkpoint committed, which is exactly what a
 *       restart continues from (the writer truncates the file to its checkpoint).
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
              isZero(pausePerCompanyMillis)
                  ? System.getProperty(FaultInjection.NODE_PAUSE_PROPERTY)
                  : pausePerCompanyMillis);
    }
    return faults;
  }

  private static boolean isZero(String value) {
    return value == null || value.isBlank() || value.strip().equals("0");
  }

  @Override
  public void beforeWrite(List<Object> items) throws InterruptedException {
    FaultInjection f = faults();
    long pause = f.pauseMillis(items.size());
    if (pause > 0) {
      Thread.sleep(pause);
    }
    if (f.failsChunk(companiesCommitted(), items.size())) {
      throw new IllegalStateException(
          "Injected failure after " + f.failAfterCompanies() + " companies (fault injection)");
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
