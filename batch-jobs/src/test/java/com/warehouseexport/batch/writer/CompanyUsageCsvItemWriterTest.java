package com.warehouseexport.batch.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.batch.aggregator.CompanyRows;
import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import com.warehouseexport.export.manual.ExportWorkDir;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer honours its checkpoint: a restart starts from a part file that holds more than was
 * checkpointed (a chunk written but not committed when the server died, torn mid-row) and ends
 * byte-identical to an uninterrupted run.
 */
class CompanyUsageCsvItemWriterTest {

  private static final long ENV = 7;

  @TempDir Path dir;
  private String oldExportDir;

  @BeforeEach
  void exportDir() {
    oldExportDir = System.getProperty("warehouse.export.dir");
    System.setProperty("warehouse.export.dir", dir.toString());
  }

  @AfterEach
  void restore() {
    if (oldExportDir == null) {
      System.clearProperty("warehouse.export.dir");
    } else {
      System.setProperty("warehouse.export.dir", oldExportDir);
    }
  }

  @Test
  void aRestartCutsOffTheBytesPastItsCheckpointAndEqualsAnUninterruptedRun() throws Exception {
    byte[] expected = uninterrupted(1);

    // The interrupted run: chunk 1 committed, chunk 2 written but not committed, then torn bytes.
    CompanyUsageCsvItemWriter first = writer(2);
    first.open(null);
    first.writeItems(chunk(0, 2));
    Serializable committed = first.checkpointInfo();
    first.writeItems(chunk(2, 2));
    first.close();
    Path part = ExportWorkDir.partFile(ENV, 2);
    Files.writeString(part, "company-9,\"half a ro", StandardOpenOption.APPEND);
    long committedBytes = ((CsvFileCheckpoint) committed).bytes();
    assertTrue(
        Files.size(part) > committedBytes,
        "the restart starts with leftover bytes past its checkpoint: "
            + Files.size(part)
            + " > "
            + committedBytes);

    CompanyUsageCsvItemWriter restarted = writer(2);
    restarted.open(committed);
    restarted.writeItems(chunk(2, 2));
    restarted.writeItems(chunk(4, 1));
    CsvFileCheckpoint end = (CsvFileCheckpoint) restarted.checkpointInfo();
    restarted.close();

    byte[] actual = Files.readAllBytes(part);
    assertEquals(
        new String(expected, StandardCharsets.UTF_8),
        new String(actual, StandardCharsets.UTF_8),
        "one header, no duplicated or torn rows");
    assertArrayEquals(expected, actual);
    assertEquals(expected.length, end.bytes());
    assertEquals(5, end.companies());
    assertEquals(10, end.rows());
  }

  @Test
  void aPartFileShorterThanItsCheckpointIsRefused() throws Exception {
    CompanyUsageCsvItemWriter first = writer(3);
    first.open(null);
    first.writeItems(chunk(0, 2));
    Serializable committed = first.checkpointInfo();
    first.close();
    Path part = ExportWorkDir.partFile(ENV, 3);
    try (var channel = java.nio.channels.FileChannel.open(part, StandardOpenOption.WRITE)) {
      channel.truncate(10);
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> writer(3).open(committed));
    assertTrue(e.getMessage().contains("shorter than its checkpoint"), e.getMessage());
  }

  /** Five companies in chunks of two, never interrupted. */
  private byte[] uninterrupted(long instance) throws Exception {
    CompanyUsageCsvItemWriter w = writer(instance);
    w.open(null);
    w.writeItems(chunk(0, 2));
    w.writeItems(chunk(2, 2));
    w.writeItems(chunk(4, 1));
    w.close();
    return Files.readAllBytes(ExportWorkDir.partFile(ENV, instance));
  }

  /** Companies {@code from .. from + count - 1}, two rows each. */
  private static List<Object> chunk(int from, int count) {
    List<Object> items = new java.util.ArrayList<>();
    for (int c = from; c < from + count; c++) {
      String id = "company-" + c;
      items.add(new CompanyRows(id, List.of(row(id, "alerts"), row(id, "reports"))));
    }
    return items;
  }

  private static CompanyUsageRow row(String company, String feature) {
    return new CompanyUsageRow(
        company,
        "Company \"" + company + "\", Inc",
        "Feature " + feature,
        feature,
        LocalDate.of(2026, 1, 4),
        LocalDate.of(2025, 8, 9),
        LocalDate.of(2026, 1, 3),
        LocalDate.of(2025, 8, 10),
        LocalDate.of(2026, 1, 2),
        StarsState.RETAINED,
        Frequency.WEEKLY,
        Satisfaction.SATISFIED,
        3,
        "",
        "");
  }

  private static CompanyUsageCsvItemWriter writer(long instance) {
    JobContext job =
        (JobContext)
            Proxy.newProxyInstance(
                JobContext.class.getClassLoader(),
                new Class<?>[] {JobContext.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getInstanceId" -> instance;
                      case "getTransientUserData" -> null;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    StepContext step =
        (StepContext)
            Proxy.newProxyInstance(
                StepContext.class.getClassLoader(),
                new Class<?>[] {StepContext.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "setPersistentUserData" -> null;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return new CompanyUsageCsvItemWriter(job, step, Long.toString(ENV), "false", "download");
  }
}
