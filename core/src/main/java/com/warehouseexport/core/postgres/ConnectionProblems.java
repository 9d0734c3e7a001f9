package com.warehouseexport.core.postgres;

import java.util.Locale;

/**
 * What a failed connection to the customer's PostgreSQL means, in admin words, from the driver's
 * SQLSTATE and message (never the password; the driver's message is not passed on verbatim where it
 * could echo settings).
 */
public final class ConnectionProblems {

  /**
   * A problem with the settings field it concerns.
   *
   * @param field {@code host}, {@code port}, {@code database}, {@code user}, {@code password} or
   *     {@code tlsMode}
   */
  public record Problem(String field, String message) {}

  private ConnectionProblems() {}

  /**
   * @param sqlState the SQLSTATE of the driver's exception (may be null)
   * @param driverMessage its message (may be null)
   * @param causeIsTimeout whether a socket timeout was among the causes
   */
  public static Problem describe(
      PostgresTarget t, String sqlState, String driverMessage, boolean causeIsTimeout) {
    String state = sqlState == null ? "" : sqlState;
    String message = driverMessage == null ? "" : driverMessage.toLowerCase(Locale.ROOT);
    String where = t.host() + ":" + t.port();
    if (state.equals("28P01") || message.contains("password authentication failed")) {
      return new Problem(
          "password", "The password of user " + t.user() + " was refused by " + where + ".");
    }
    if (message.contains("server requested") && message.contains("password")) {
      return new Problem("password", "The server asked for a password; enter the password.");
    }
    if (state.equals("28000")) {
      return new Problem(
          "user",
          "The server "
              + where
              + " refused user "
              + t.user()
              + " (no such role, or no pg_hba.conf entry allows it from this server"
              + (t.tlsMode() == TlsMode.DISABLE ? " without TLS" : "")
              + ").");
    }
    if (state.equals("3D000")) {
      return new Problem(
          "database", "The database " + t.database() + " does not exist on " + where + ".");
    }
    if (message.contains("does not support ssl")) {
      return new Problem(
          "tlsMode",
          "The server " + where + " does not support TLS (sslmode require); enable TLS on it.");
    }
    if (state.equals("53300")) {
      return new Problem("host", "The server " + where + " has too many connections; try later.");
    }
    if (state.equals("57P03")) {
      return new Problem("host", "The server " + where + " is starting up or shutting down.");
    }
    if (causeIsTimeout || message.contains("timed out") || message.contains("timeout")) {
      return new Problem("host", "The server " + where + " did not answer in time.");
    }
    if (message.contains("connection refused") || state.startsWith("08")) {
      return new Problem(
          "host",
          "Cannot connect to "
              + where
              + " (connection refused or unreachable): check the host, the port and the"
              + " firewall.");
    }
    if (state.equals("42501")) {
      return new Problem(
          "user", "The user " + t.user() + " may not connect to database " + t.database() + ".");
    }
    return new Problem(
        "host",
        "Connecting to "
            + where
            + " failed"
            + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")")
            + ".");
  }
}
