package com.warehouseexport.batch;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

/** Failure → a sentence for an admin (exit statuses are limited in length; keep it short). */
public final class ExportErrors {

  static final int MAX = 500;

  private ExportErrors() {}

  public static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof UserFacingException) {
        break;
      }
      root = root.getCause();
    }
    String message;
    if (root instanceof UserFacingException e) {
      message = e.getMessage();
    } else if (root instanceof SQLException) {
      message =
          "The database could not be read while exporting; the export can be restarted and will"
              + " continue where it stopped.";
    } else if (root instanceof FileSystemException e) {
      message =
          "The export file could not be written ("
              + e.getClass().getSimpleName()
              + "); check free disk space on the server, then restart the export.";
    } else if (root instanceof IOException) {
      message =
          "Writing the export file failed; check free disk space on the server, then restart the"
              + " export.";
    } else {
      String detail =
          root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      message = "The export failed: " + detail;
    }
    return message.length() <= MAX ? message : message.substring(0, MAX - 1) + "…";
  }
}
