package com.warehouseexport.health;

/**
 * The schema version this deployment's migrations brought the database to: set once by {@code
 * SchemaMigrations} (EJB module) after Flyway ran, read by the readiness check. Null until then.
 */
public final class SchemaVersion {

  private static volatile String applied;

  private SchemaVersion() {}

  /** Called by the migrations when they succeeded. */
  public static void applied(String version) {
    applied = version;
  }

  /** The applied version, or null while the migrations have not run. */
  public static String applied() {
    return applied;
  }
}
