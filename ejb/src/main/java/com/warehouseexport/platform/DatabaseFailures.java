package com.warehouseexport.platform;

import java.sql.SQLException;

/**
 * Whether a failure means "the database cannot be reached right now" (a restart, an outage, a
 * connection the pool could not open or that broke) — expected (PRODUCT.md §13), retried by the
 * next tick or beat, and logged as one line without a stack trace (§10) — rather than a bug.
 */
public final class DatabaseFailures {

  /** What a client is told (503, with Retry-After) when a request meets the database away. */
  public static final String FOR_CLIENTS =
      "The service cannot reach its database right now (a restart or an outage). Try again in a"
          + " minute; exports under way are finished or retried by the service itself.";

  private DatabaseFailures() {}

  /**
   * True when the cause chain holds a connection-class SQLException (SQLSTATE 08xxx; 57P0x:
   * PostgreSQL shutting down or restarting) or the pool's "could not get a connection" (IronJacamar
   * {@code IJ000453}, a {@code jakarta.resource.ResourceException}).
   */
  public static boolean isUnavailable(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 30; t = t.getCause(), depth++) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      if (t.getClass().getName().startsWith("jakarta.resource.")
          || (t.getMessage() != null && t.getMessage().contains("IJ000453"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The innermost message, one line: what the log line says instead of a stack trace. */
  public static String describe(Throwable error) {
    Throwable root = error;
    int depth = 0;
    while (root.getCause() != null && root.getCause() != root && depth++ < 30) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    int newline = message.indexOf('\n');
    return root.getClass().getSimpleName()
        + (message.isEmpty() ? "" : ": " + (newline < 0 ? message : message.substring(0, newline)));
  }
}
