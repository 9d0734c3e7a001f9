package com.warehouseexport.batch;

import com.warehouseexport.batch.observe.ExportJobListener;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Turns a step failure into words an admin understands and records them as the step's and the job's
 * exit status, which the job repository keeps: that is the error the status API shows.
 */
@Named
@Dependent
public class ExportStepListener extends AbstractStepListener {

  private static final Logger LOG = Logger.getLogger(ExportStepListener.class.getName());

  static final String UNREADABLE =
      "The export failed with a database driver error (the database was probably unreachable);"
          + " an automatic export is retried by the schedule, a download can be restarted.";

  @Inject private JobContext jobContext;
  @Inject private StepContext stepContext;

  @Override
  public void afterStep() {
    Exception failure;
    try {
      failure = stepContext.getException();
    } catch (RuntimeException e) {
      // JBeret keeps the step's exception serialized and cannot read back one whose classes it
      // does not see — the PostgreSQL driver's, when the database went away mid-step.
      failure = new UserFacingException(UNREADABLE, null);
    }
    if (failure != null) {
      String message = ExportErrors.describe(failure);
      // PRODUCT.md §10 "Logs": an expected, classified failure is one WARNING line naming the
      // environment, period and cause; the stack trace only for the unexpected. (JBeret's own
      // report of the step failure, JBERET000007, is filtered in configure-server.cli: this line
      // replaces it.)
      String line =
          "Export execution "
              + jobContext.getExecutionId()
              + " of environment "
              + MDC.get(ExportJobListener.MDC_ENVIRONMENT)
              + period()
              + " failed: "
              + message;
      if (ExportErrors.isExpected(failure)) {
        LOG.warning(line);
      } else {
        LOG.log(Level.WARNING, line, failure);
      }
      stepContext.setExitStatus(message);
      jobContext.setExitStatus(message);
    }
  }

  private static String period() {
    Object period = MDC.get(ExportJobListener.MDC_PERIOD);
    return period == null || period.toString().isEmpty() ? " (download)" : ", period " + period;
  }
}
