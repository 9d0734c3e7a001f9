package com.warehouseexport.platform;

/**
 * {@code DB_SOCKET_TIMEOUT_SECONDS}, which {@code configure-server.cli} hands to PgJDBC as the
 * datasources' {@code socketTimeout}. PgJDBC rejects a value that is not a whole number of seconds
 * with a message naming its own property on every connection; the application checks the variable
 * first, at start-up, and names the variable instead. Pure.
 */
public final class SocketTimeoutSetting {

  /** The environment variable. */
  public static final String VARIABLE = "DB_SOCKET_TIMEOUT_SECONDS";

  /** PgJDBC keeps the timeout in milliseconds in an {@code int}. */
  static final int MAX_SECONDS = Integer.MAX_VALUE / 1000;

  private SocketTimeoutSetting() {}

  /** Why {@code raw} (the variable's value, null when unset) cannot be used, or null if it can. */
  public static String problem(String raw) {
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    long seconds;
    try {
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (!value.equals(raw) || seconds < 0 || seconds > MAX_SECONDS) {
      return VARIABLE
          + " must be a whole number of seconds from 0 (no limit) to "
          + MAX_SECONDS
          + ", e.g. 300; it is \""
          + raw
          + "\". Every wait of the application for an answer from PostgreSQL gives up after this"
          + " long (docs/configuration.md).";
    }
    return null;
  }
}
