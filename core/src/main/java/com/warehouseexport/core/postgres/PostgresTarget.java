package com.warehouseexport.core.postgres;

import java.util.Objects;

/**
 * Where a PostgreSQL destination delivers, validated (see {@link PostgresSettingsRules}): never the
 * password, which travels separately and only to the connection.
 *
 * @param host a host name or IP literal, without brackets
 * @param port 1–65535
 * @param database the database name
 * @param schema the schema of the table ({@code public} by default)
 * @param table the table ({@code company_usage} by default)
 * @param user the role to connect as
 * @param tlsMode TLS or not
 */
public record PostgresTarget(
    String host,
    int port,
    String database,
    String schema,
    String table,
    String user,
    TlsMode tlsMode) {

  public PostgresTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tlsMode, "tlsMode");
  }

  /** {@code "schema"."table"}, quoted for SQL. */
  public String qualifiedTable() {
    return PostgresSettingsRules.quote(schema) + "." + PostgresSettingsRules.quote(table);
  }

  /**
   * Where it goes, for status, history and logs: {@code postgresql://host:port/db schema.table}
   * (never a password; the user is not shown either).
   */
  public String describe() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "postgresql://" + h + ":" + port + "/" + database + " " + schema + "." + table;
  }
}
