package com.warehouseexport.core.postgres;

import com.warehouseexport.core.input.TextRules;
import com.warehouseexport.core.net.EndpointGuard;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Validates a PostgreSQL destination as an admin enters it and quotes its names for SQL. Every
 * problem is an {@link InvalidPostgresSettingException} naming the field, in admin words.
 *
 * <ul>
 *   <li>{@code host}: a DNS name or an IP address (IPv6 with or without brackets), no scheme, no
 *       port, at most 253 characters;
 *   <li>{@code port}: 1–65535, default 5432;
 *   <li>{@code database}, {@code user}: required, at most 63 bytes (PostgreSQL's limit);
 *   <li>{@code schema} (default {@code public}) and {@code table} (default {@code company_usage}):
 *       at most 63 bytes, used exactly as written (always quoted, so case and characters are kept);
 *   <li>no field may contain a control character; {@code tlsMode} is {@code require} (default) or
 *       {@code disable}.
 * </ul>
 */
public final class PostgresSettingsRules {

  /** The table created when none is named. */
  public static final String DEFAULT_TABLE = "company_usage";

  /** The schema used when none is named. */
  public static final String DEFAULT_SCHEMA = "public";

  /** PostgreSQL's default port. */
  public static final int DEFAULT_PORT = 5432;

  private static final int MAX_NAME_BYTES = 63;
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

  private PostgresSettingsRules() {}

  /**
   * The validated target.
   *
   * @param port the port as entered (blank: 5432)
   */
  public static PostgresTarget target(
      String host,
      String port,
      String database,
      String schema,
      String table,
      String user,
      String tlsMode) {
    return new PostgresTarget(
        host(host),
        port(port),
        name("database", database, null, "Enter the database name"),
        name("schema", schema, DEFAULT_SCHEMA, null),
        name("table", table, DEFAULT_TABLE, null),
        name("user", user, null, "Enter the user name"),
        TlsMode.fromId(clean("tlsMode", tlsMode)));
  }

  /** The password: required when none is stored, no control characters (not even shown back). */
  public static String password(String entered, boolean stored) {
    if (entered == null || entered.isEmpty()) {
      if (stored) {
        return null;
      }
      throw new InvalidPostgresSettingException("password", "Enter the password");
    }
    if (!TextRules.isClean(entered, false)) {
      throw new InvalidPostgresSettingException(
          "password", "password contains a control character");
    }
    return entered;
  }

  static String host(String entered) {
    String host = clean("host", entered);
    if (host == null || host.isBlank()) {
      throw new InvalidPostgresSettingException(
          "host", "Enter the host name or IP address of the PostgreSQL server");
    }
    host = host.strip();
    if (host.contains("://") || host.contains("/") || host.contains("@")) {
      throw new InvalidPostgresSettingException(
          "host",
          "Enter only the host name or IP address (no postgresql://, user, path or database)");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (EndpointGuard.isAddressLiteral(host)) {
      return host;
    }
    if (host.indexOf(':') >= 0) {
      throw new InvalidPostgresSettingException(
          "host", "Enter the port in the port field, not after the host name");
    }
    if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
      throw new InvalidPostgresSettingException(
          "host", "The host must be a DNS name such as db.example.com or an IP address");
    }
    return host;
  }

  static int port(String entered) {
    String port = clean("port", entered);
    if (port == null || port.isBlank()) {
      return DEFAULT_PORT;
    }
    int value;
    try {
      value = Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 1 || value > 65535) {
      throw new InvalidPostgresSettingException("port", "The port must be a number 1–65535");
    }
    return value;
  }

  private static String name(String field, String entered, String fallback, String missing) {
    String value = clean(field, entered);
    if (value == null || value.isBlank()) {
      if (fallback != null) {
        return fallback;
      }
      throw new InvalidPostgresSettingException(field, missing);
    }
    value = value.strip();
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new InvalidPostgresSettingException(
          field, field + " is longer than PostgreSQL's 63 bytes");
    }
    return value;
  }

  private static String clean(String field, String value) {
    if (!TextRules.isClean(value, false)) {
      throw new InvalidPostgresSettingException(field, TextRules.problem(field, value, false));
    }
    return value;
  }

  /** A name as a quoted SQL identifier: {@code "a""b"} for {@code a"b}. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A value as a quoted SQL string literal (standard_conforming_strings): {@code 'it''s'}. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
