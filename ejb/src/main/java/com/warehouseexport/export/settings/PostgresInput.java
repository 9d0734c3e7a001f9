package com.warehouseexport.export.settings;

/**
 * A PostgreSQL table destination as an admin submits it ({@code "destination":
 * {"kind":"postgresql", …}} in the API, or the console's form). {@code password} null or blank
 * means "keep the stored one" (only while host and user stay the same); {@code port} as entered
 * (blank: 5432).
 */
public record PostgresInput(
    String host,
    String port,
    String database,
    String schema,
    String table,
    String user,
    String password,
    String tlsMode) {

  @Override
  public String toString() {
    return "PostgresInput[host="
        + host
        + ", port="
        + port
        + ", database="
        + database
        + ", schema="
        + schema
        + ", table="
        + table
        + ", user="
        + user
        + ", password=***, tlsMode="
        + tlsMode
        + "]";
  }
}
