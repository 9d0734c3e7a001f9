package com.warehouseexport.export.manual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default export store: a directory of the node. */
class LocalExportFileStoreTest {

  @TempDir Path root;

  private Path part(long env, long instance, String content) throws IOException {
    Path part = root.resolve("env-" + env).resolve(instance + ".csv.part");
    Files.createDirectories(part.getParent());
    Files.writeString(part, content, StandardCharsets.UTF_8);
    return part;
  }

  @Test
  void putMovesThePartFileIntoPlaceAndOpenStreamsIt() throws Exception {
    LocalExportFileStore store = new LocalExportFileStore(root);
    Path part = part(7, 11, "Company ID\nacme\n");

    assertEquals(16, store.put(7, 11, part));

    assertFalse(Files.exists(part), "the part file is gone");
    assertEquals(root.resolve("env-7/11.csv"), store.file(7, 11));
    try (ExportFileStore.StoredExport stored = store.open(7, 11).orElseThrow()) {
      assertEquals(16, stored.size());
      assertArrayEquals(
          "Company ID\nacme\n".getBytes(StandardCharsets.UTF_8), stored.content().readAllBytes());
    }
  }

  @Test
  void putReplacesAnEarlierFile() throws Exception {
    LocalExportFileStore store = new LocalExportFileStore(root);
    store.put(7, 11, part(7, 11, "old, longer content\n"));
    store.put(7, 11, part(7, 11, "new\n"));
    try (ExportFileStore.StoredExport stored = store.open(7, 11).orElseThrow()) {
      assertEquals("new\n", new String(stored.content().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void putOfAMissingFileFailsAndStoresNothing() {
    LocalExportFileStore store = new LocalExportFileStore(root);
    assertThrows(IOException.class, () -> store.put(7, 12, root.resolve("nothing.csv.part")));
  }

  @Test
  void openOfAMissingFileIsEmpty() throws Exception {
    LocalExportFileStore store = new LocalExportFileStore(root);
    assertTrue(store.open(7, 99).isEmpty());
    assertTrue(new LocalExportFileStore(root.resolve("not-yet")).open(1, 1).isEmpty());
  }

  @Test
  void deleteRemovesTheFileAndToleratesAMissingOne() throws Exception {
    LocalExportFileStore store = new LocalExportFileStore(root);
    store.put(7, 11, part(7, 11, "x\n"));
    store.delete(7, 11);
    assertTrue(store.open(7, 11).isEmpty());
    store.delete(7, 11);
  }

  @Test
  void deleteOlderThanKeepsNewerFilesPartFilesAndForeignFiles() throws Exception {
    LocalExportFileStore store = new LocalExportFileStore(root);
    Instant cutoff = Instant.parse("2026-11-20T00:00:00Z");
    store.put(1, 1, part(1, 1, "old\n"));
    store.put(2, 2, part(2, 2, "new\n"));
    Path running = part(1, 3, "running\n");
    Path foreign = root.resolve("notes.csv");
    Files.writeString(foreign, "kept\n");
    for (Path p : new Path[] {store.file(1, 1), running, foreign}) {
      Files.setLastModifiedTime(p, FileTime.from(cutoff.minusSeconds(1)));
    }
    Files.setLastModifiedTime(store.file(2, 2), FileTime.from(cutoff.plusSeconds(1)));

    assertEquals(1, store.deleteOlderThan(cutoff));

    assertTrue(store.open(1, 1).isEmpty());
    try (ExportFileStore.StoredExport kept = store.open(2, 2).orElseThrow()) {
      assertEquals(4, kept.size());
    }
    assertTrue(Files.exists(running));
    assertTrue(Files.exists(foreign));
    assertEquals(0, new LocalExportFileStore(root.resolve("missing")).deleteOlderThan(cutoff));
  }
}
