package com.warehouseexport.export;

/**
 * CDI event fired by the export job's listener in this JVM when an export execution's last listener
 * runs (its status in the job repository is still STARTED at that moment). The scheduler uses it to
 * start the next queued period at once and to stop counting the execution as running.
 */
public record ExportEnded(long executionId) {}
