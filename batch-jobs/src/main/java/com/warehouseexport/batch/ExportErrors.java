package com.warehouseexport.batch;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

/** Failure → a sentence for an admin (exit statuses are limited in length; keep it short). */
public final class ExportErrors {

  static final int MAX = 500;

  private ExportErrors() {}

  /** What the admin reads when the export store's disk is full (PRODUCT.md §13). */
  public static final String NO_SPACE =
      "The export failed: no space left on the export store (free disk space in the server's"
          + " export directory); an automatic export is retried by the schedule, a download can be"
          + " restarted.";

  public static String describe(Throwable failure) {
    Throwable root = root(failure);
    String message;
    if (noSpaceLeft(failure)) {
      message = NO_SPACE;
    } else if (root instanceof UserFacingException e) {
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

  /**
   * Whether the failure is one the product expects and explains (PRODUCT.md §10 "Logs"): a
   * classified bucket or plan failure ({@link UserFacingException}), the database being away, the
   * export store's disk — logged as one line without a stack trace. Anything else is a bug or a
   * surprise and is logged with its stack trace.
   */
  public static boolean isExpected(Throwable failure) {
    Throwable root = root(failure);
    return root instanceof UserFacingException
        || root instanceof SQLException
        || root instanceof IOException
        || noSpaceLeft(failure);
  }

  /** Whether a write failed because the disk is full ("No space left on device", ENOSPC). */
  public static boolean noSpaceLeft(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (t instanceof IOException
          && m != null
          && m.toLowerCase(java.util.Locale.ROOT).contains("no space left on device")) {
        return true;
      }
    }
    return false;
  }

  /** The user-facing exception in the chain, else the innermost cause. */
  private static Throwable root(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof UserFacingException) {
        break;
      }
      root = root.getCause();
    }
    return root;
  }
}
