package com.warehouseexport.export.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportRetentionTest {

  @TempDir Path dir;

  @AfterEach
  void clear() {
    System.clearProperty("warehouse.export.dir");
    System.clearProperty("warehouse.export.retention");
  }

  @Test
  void deletesFinishedExportsOlderThanTheRetentionOnly() throws Exception {
    System.setProperty("warehouse.export.dir", dir.toString());
    System.setProperty("warehouse.export.retention", "P7D");
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    LocalExportFileStore store = new LocalExportFileStore(ExportWorkDir.root());
    Path old = store.file(42, 1);
    Path fresh = store.file(42, 2);
    Path running = ExportWorkDir.partFile(42, 3);
    for (Path p : new Path[] {old, fresh, running}) {
      Files.writeString(p, "Company ID\n");
    }
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(7)).minusSeconds(1)));
    Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofDays(7)).plusSeconds(1)));
    Files.setLastModifiedTime(running, FileTime.from(now.minus(Duration.ofDays(30))));

    assertEquals(1, ExportRetention.sweep(store, now));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(fresh));
    assertTrue(Files.exists(running), "a part file of a job in progress is not a finished export");
  }

  @Test
  void retentionIsConfigurable() {
    System.setProperty("warehouse.export.retention", "PT36H");
    assertEquals(Duration.ofHours(36), ExportRetention.retention());
  }
}
