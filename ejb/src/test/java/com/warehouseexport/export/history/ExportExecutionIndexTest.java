package com.warehouseexport.export.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.ExportJob;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExportExecutionIndexTest {

  /** JBeret writes JOB_EXECUTION.JOBPARAMETERS as "key = value" lines; the backfill reads it. */
  @Test
  void readsJobParametersAsTheJobRepositoryStoresThem() {
    String stored =
        "aggregation = snapshot\nenvironmentId = 4711\nasOf = 2026-12-01T00:00:00Z\n"
            + "requestedBy = scheduler (attempt 2)\ndestination = s3\n";

    Properties read = ExportExecutionIndex.parameters(stored);

    assertEquals("4711", read.getProperty(ExportJob.ENVIRONMENT_ID));
    assertEquals("s3", read.getProperty(ExportJob.DESTINATION));
    assertEquals("2026-12-01T00:00:00Z", read.getProperty(ExportJob.AS_OF));
    assertEquals("scheduler (attempt 2)", read.getProperty(ExportJob.REQUESTED_BY));
  }

  @Test
  void missingParametersReadAsEmpty() {
    assertTrue(ExportExecutionIndex.parameters(null).isEmpty());
  }
}
