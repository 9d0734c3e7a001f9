package com.warehouseexport.export.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.batch.runtime.BatchStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportExecutionTest {

  private static ExportExecution with(BatchStatus status) {
    return new ExportExecution(
        1,
        2,
        3,
        "30-days-daily",
        Instant.EPOCH,
        "download",
        null,
        null,
        status,
        0,
        0,
        0,
        null,
        Instant.EPOCH,
        null,
        "u",
        "node");
  }

  @Test
  void runningCompletedRestartable() {
    Set<BatchStatus> running =
        EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);
    Set<BatchStatus> restartable = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED);
    for (BatchStatus s : BatchStatus.values()) {
      ExportExecution e = with(s);
      assertEquals(running.contains(s), e.isRunning(), s.name());
      assertEquals(s == BatchStatus.COMPLETED, e.isCompleted(), s.name());
      assertEquals(restartable.contains(s), e.isRestartable(), s.name());
    }
  }

  @Test
  void runningSqlListsTheRunningStatuses() {
    assertEquals("('STARTING', 'STARTED', 'STOPPING')", ExportExecutionIndex.RUNNING);
  }

  @Test
  void failureMessagePrefersTheJobThenTheStep() {
    assertEquals("S3 bucket gone", ExportExecution.failureMessage("S3 bucket gone", "step says"));
    assertEquals("step says", ExportExecution.failureMessage("FAILED", "step says"));
    assertEquals("step says", ExportExecution.failureMessage(null, "step says"));
    String generic = "The export failed; see the server log for details.";
    assertEquals(generic, ExportExecution.failureMessage("FAILED", "FAILED"));
    assertEquals(generic, ExportExecution.failureMessage(null, null));
    assertTrue(ExportExecution.says("quota"));
    assertFalse(ExportExecution.says("FAILED"));
  }
}
