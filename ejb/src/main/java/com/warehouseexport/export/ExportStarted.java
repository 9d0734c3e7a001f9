package com.warehouseexport.export;

/**
 * CDI event fired by the export job's listener in this JVM when an export execution begins (its
 * first listener runs on a batch thread). With {@link ExportEnded} it lets the scheduler count the
 * exports running on this node without querying the job repository per start. {@code destination}
 * is the job parameter ({@link ExportJob#DESTINATION_DOWNLOAD} when absent).
 */
public record ExportStarted(long executionId, String destination) {}
