package com.warehouseexport.batch;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a step failure into words an admin understands and records them as the step's and the job's
 * exit status, which the job repository keeps: that is the error the status API shows.
 */
@Named
@Dependent
public class ExportStepListener extends AbstractStepListener {

  private static final Logger LOG = Logger.getLogger(ExportStepListener.class.getName());

  @Inject private JobContext jobContext;
  @Inject private StepContext stepContext;

  @Override
  public void afterStep() {
    Exception failure = stepContext.getException();
    if (failure != null) {
      String message = ExportErrors.describe(failure);
      LOG.log(
          Level.WARNING,
          "Export execution " + jobContext.getExecutionId() + " failed: " + message,
          failure);
      stepContext.setExitStatus(message);
      jobContext.setExitStatus(message);
    }
  }
}
