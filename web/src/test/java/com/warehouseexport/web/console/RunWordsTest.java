package com.warehouseexport.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.export.history.ExportExecution;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who started a run and the attempts of its period, as the run page says them. */
class RunWordsTest {

  @Test
  void whoStartedItInCustomerWords() {
    assertEquals("scheduled export", RunWords.startedBy("s3", "scheduler"));
    assertEquals("scheduled export", RunWords.startedBy("s3", "scheduler (unstarted claim)"));
    assertEquals("automatic retry (attempt 2)", RunWords.startedBy("s3", "scheduler (attempt 2)"));
    assertEquals(
        "backfill by alice@example.com", RunWords.startedBy("s3", "backfill by alice@example.com"));
    assertEquals("re-export by bob", RunWords.startedBy("s3", "re-export by bob"));
    assertEquals(
        "manual download by alice@example.com",
        RunWords.startedBy("download", "alice@example.com"));
    assertEquals("manual download by carol", RunWords.startedBy(null, "carol"));
    assertEquals("export by operator", RunWords.startedBy("s3", "operator"));
    assertEquals("", RunWords.startedBy("s3", " "));
    for (String note :
        List.of("scheduler", "scheduler (unstarted claim)", "scheduler (attempt 9)", "x")) {
      String words = RunWords.startedBy("s3", note);
      assertFalse(words.contains("claim"), words);
      assertFalse(words.contains("scheduler"), words);
    }
  }

  @Test
  void attemptsAreNumberedOldestFirstWithTheirErrors() {
    Instant t = Instant.parse("2026-12-01T00:15:00Z");
    ExportExecution failed =
        execution(7, BatchStatus.FAILED, "The bucket does not exist", "scheduler", t);
    ExportExecution stopped =
        execution(9, BatchStatus.STOPPED, null, "scheduler (attempt 2)", t.plusSeconds(60));
    ExportExecution landed =
        execution(12, BatchStatus.COMPLETED, null, "re-export by ada", t.plusSeconds(120));
    List<RunWords.Attempt> attempts = RunWords.attempts(List.of(landed, failed, stopped), 12);
    assertEquals(3, attempts.size());
    assertEquals(1, attempts.get(0).number());
    assertEquals(7, attempts.get(0).executionId());
    assertEquals("Failed", attempts.get(0).status());
    assertEquals("status-failed", attempts.get(0).statusClass());
    assertEquals("The bucket does not exist", attempts.get(0).error());
    assertEquals("scheduled export", attempts.get(0).startedBy());
    assertEquals("2026-12-01 00:15:00 UTC", attempts.get(0).started());
    assertEquals("2026-12-01T00:15:00Z", attempts.get(0).startedAt());
    assertEquals("2026-12-01 00:15:05 UTC", attempts.get(0).ended());
    assertEquals("2026-12-01T00:15:05Z", attempts.get(0).endedAt());
    assertFalse(attempts.get(0).current());
    assertEquals("Stopped before it finished.", attempts.get(1).error());
    assertEquals("automatic retry (attempt 2)", attempts.get(1).startedBy());
    assertEquals(3, attempts.get(2).number());
    assertNull(attempts.get(2).error());
    assertTrue(attempts.get(2).current());
    assertEquals("re-export by ada", attempts.get(2).startedBy());
  }

  @Test
  void aStopShowsUntilTheExportHasStopped() {
    Instant t = Instant.parse("2026-12-01T00:15:00Z");
    String note = "Export 5 is stopping: it ends after its current chunk and can be restarted.";
    // Stop pressed: said while it runs (the status may not say STOPPING yet) …
    assertEquals(note, RunWords.stopping(execution(5, BatchStatus.STARTED, null, "x", t), true));
    assertEquals(note, RunWords.stopping(execution(5, BatchStatus.STOPPING, null, "x", t), true));
    // … or stopped elsewhere: the status says so.
    assertEquals(note, RunWords.stopping(execution(5, BatchStatus.STOPPING, null, "x", t), false));
    assertEquals("", RunWords.stopping(execution(5, BatchStatus.STARTED, null, "x", t), false));
    // Gone once it no longer runs, however it ended.
    for (BatchStatus ended :
        List.of(BatchStatus.STOPPED, BatchStatus.COMPLETED, BatchStatus.FAILED)) {
      assertEquals("", RunWords.stopping(execution(5, ended, null, "x", t), true), ended.name());
    }
    assertEquals("", RunWords.stopping(null, true));
  }

  @Test
  void retentionSaysUntilWhenTheFileIsKept() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    assertEquals(
        "Kept until 2026-12-10 10:00 UTC.", RunWords.retention(now.plus(Duration.ofDays(4)), now));
    assertTrue(RunWords.retention(now.minusSeconds(1), now).startsWith("No longer kept"));
    assertEquals("", RunWords.retention(null, now));
  }

  private static ExportExecution execution(
      long id, BatchStatus status, String error, String by, Instant started) {
    return new ExportExecution(
        id,
        id,
        1,
        "snapshot",
        started,
        "s3",
        "daily",
        "2026-11-30",
        status,
        10,
        100,
        100,
        error,
        started,
        started.plusSeconds(5),
        by,
        "node-1");
  }
}
