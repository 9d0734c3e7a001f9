package com.warehouseexport.export.settings;

/** A stored PostgreSQL destination as shown back: never the password, only whether one is set. */
public record PostgresView(
    String host,
    int port,
    String database,
    String schema,
    String table,
    String user,
    boolean passwordSet,
    String tlsMode) {}
