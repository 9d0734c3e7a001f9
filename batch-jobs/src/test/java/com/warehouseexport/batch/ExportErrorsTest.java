package com.warehouseexport.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** The admin's sentence and the log treatment of an export failure (PRODUCT.md §10, §13). */
class ExportErrorsTest {

  @Test
  void aFullDiskIsNamedAsTheExportStoreAndIsExpected() {
    // What Files.write / FileChannel throw on ENOSPC, as the writer and the store wrap it.
    IOException enospc =
        new FileSystemException("/data/exports/1.part", null, "No space left on device");
    assertEquals(ExportErrors.NO_SPACE, ExportErrors.describe(enospc));
    assertEquals(
        ExportErrors.NO_SPACE,
        ExportErrors.describe(new RuntimeException("chunk", new UncheckedIOException(enospc))));
    assertEquals(
        ExportErrors.NO_SPACE, ExportErrors.describe(new IOException("No space left on device")));
    assertTrue(ExportErrors.describe(enospc).contains("no space left on the export store"));
    assertTrue(ExportErrors.isExpected(new RuntimeException(enospc)));
    assertTrue(ExportErrors.noSpaceLeft(enospc));
    assertFalse(ExportErrors.noSpaceLeft(new IOException("Broken pipe")));
  }

  @Test
  void classifiedFailuresAreExpectedAndBugsAreNot() {
    assertTrue(ExportErrors.isExpected(new UserFacingException("Uploading failed: refused")));
    assertTrue(
        ExportErrors.isExpected(
            new RuntimeException(new SQLTransientConnectionException("closed", "08003"))));
    assertTrue(ExportErrors.isExpected(new RuntimeException(new SQLException("gone"))));
    assertFalse(ExportErrors.isExpected(new NullPointerException()));
    assertFalse(ExportErrors.isExpected(new IllegalStateException("a bug")));
  }
}
