/**
 * Observes every execution of the export job: the log context (MDC {@code environmentId}, {@code
 * executionId}, {@code period}) on the job's thread for all its log lines, and the application's
 * export meters (started, completed, failed, duration, rows).
 */
package com.warehouseexport.batch.observe;
