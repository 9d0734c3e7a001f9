package com.warehouseexport.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.warehouseexport.export.ExportOperations.RunningExport;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunningExportsTest {

  private static final String S3 = ExportJob.DESTINATION_S3;
  private static final String DOWNLOAD = ExportJob.DESTINATION_DOWNLOAD;

  @Test
  void countsStartsByDestinationUntilTheyEnd() {
    RunningExports running = new RunningExports();
    running.started(1, S3);
    running.started(2, DOWNLOAD);
    running.started(3, null); // no destination parameter: a download
    running.started(1, S3); // reported twice: by the starter and by the listener
    assertEquals(3, running.count());
    assertEquals(2, running.count(DOWNLOAD));
    assertEquals(1, running.count(S3));
    running.ended(2);
    assertEquals(2, running.count());
    assertEquals(1, running.count(DOWNLOAD));
  }

  @Test
  void aStartReportedAfterItsEndIsNotCounted() {
    RunningExports running = new RunningExports();
    running.ended(5);
    running.started(5, S3);
    assertEquals(0, running.count());
  }

  @Test
  void reconcileTakesTheRepositoryViewOfThisNodeButNotWhatEndedHere() {
    RunningExports running = new RunningExports();
    running.started(1, S3); // the repository no longer lists it: forgotten
    running.started(2, S3);
    running.ended(2); // ended here; the repository still lists it as running
    int count =
        running.reconcile(
            List.of(
                new RunningExport(2, "a", S3),
                new RunningExport(3, "a", DOWNLOAD),
                new RunningExport(4, "b", S3)), // another node's
            "a");
    assertEquals(1, count);
    assertEquals(1, running.count(DOWNLOAD));
    assertEquals(Set.of(2L), running.endedHere());
    // Once the repository stops listing 2, it is forgotten as ended too.
    running.reconcile(List.of(new RunningExport(3, "a", DOWNLOAD)), "a");
    assertEquals(Set.of(), running.endedHere());
    assertEquals(1, running.count());
  }
}
