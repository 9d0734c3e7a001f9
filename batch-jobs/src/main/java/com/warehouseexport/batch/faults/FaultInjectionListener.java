package com.warehouseexport.batch.faults;

import com.warehouseexport.export.ExportJob;
import com.warehouseexport.export.ExportProgress;
import com.warehouseexport.platform.FaultInjection;
import com.warehouseexport.platform.FaultInjection.ChunkFaults;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.listener.AbstractItemWriteListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The export step's hook into {@link FaultInjection} (declared on the step in the job XML). Does
 * nothing unless the server runs with {@code -Dwarehouse.faultInjection=true}; then, around each
 * chunk, it
 *
 * <ul>
 *   <li>pauses {@code pausePerCompanyMillis} per company in the chunk, so a test can stop or kill
 *       the server mid-export: by default before the writer sees the chunk (the part file is then
 *       at its last checkpoint; progress seen through the status API means that chunk is
 *       checkpointed or about to be), with {@code pauseAt=after-write} after the writer wrote it
 *       and before its checkpoint commits (the part file then holds bytes past the checkpoint,
 *       which a restart must cut off);
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
   * Pause this long per company written; {@code 0} (the job XML's default): no pause, or the node's
   * ({@link FaultInjection#NODE_PAUSE_PROPERTY}) (job parameter {@code pausePerCompanyMillis}).
   */
  @Inject
  @BatchProperty(name = ExportJob.PAUSE_PER_COMPANY_MILLIS)
  private String pausePerCompanyMillis;

  /**
   * Where the pause happens: {@code before-write} (the job XML's default) or {@code after-write}
   * (job parameter {@code pauseAt}).
   */
  @Inject
  @BatchProperty(name = ExportJob.PAUSE_AT)
  private String pauseAt;

  private ChunkFaults faults;

  private ChunkFaults faults() {
    if (faults == null) {
      faults = FaultInjection.chunkFaults(failAfterCompanies, pausePerCompanyMillis, pauseAt);
    }
    return faults;
  }

  @Override
  public void beforeWrite(List<Object> items) throws InterruptedException {
    ChunkFaults f = faults();
    if (!f.pauseAfterWrite()) {
      pause(f, items);
    }
    if (f.failsChunk(companiesCommitted(), items.size())) {
      throw new IllegalStateException(
          "Injected failure after " + f.failAfterCompanies() + " companies (fault injection)");
    }
  }

  @Override
  public void afterWrite(List<Object> items) throws InterruptedException {
    ChunkFaults f = faults();
    if (f.pauseAfterWrite()) {
      pause(f, items);
    }
  }

  private static void pause(ChunkFaults f, List<Object> items) throws InterruptedException {
    long pause = f.pauseMillis(items.size());
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
