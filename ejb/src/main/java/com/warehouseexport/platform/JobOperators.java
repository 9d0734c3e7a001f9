package com.warehouseexport.platform;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;

/**
 * The batch runtime's job operator, looked up once. {@link BatchRuntime#getJobOperator()} runs the
 * service loader on every call: 4.7 % of the scheduler's threads and part of every export's
 * listener in the midnight profile (issue 24). The operator WildFly's JBeret provides is a
 * delegating one that finds the calling deployment's operator on each call, so one instance serves
 * every caller of this deployment (this class is loaded once per deployment).
 */
public final class JobOperators {

  private static volatile JobOperator operator;

  private JobOperators() {}

  /** The job operator (as {@link BatchRuntime#getJobOperator()}). */
  public static JobOperator get() {
    JobOperator o = operator;
    if (o == null) {
      o = BatchRuntime.getJobOperator();
      operator = o;
    }
    return o;
  }
}
