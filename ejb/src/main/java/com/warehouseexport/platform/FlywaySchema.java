package com.warehouseexport.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database schema up to date with Flyway, from the versioned SQL scripts in a class-path
 * location ({@code db/migration} for the application). Flyway records what it applied in {@code
 * flyway_schema_history}; an applied script whose checksum changed stops the start-up, so
 * migrations are append-only: change the schema by adding {@code V<n+1>__….sql}.
 *
 * <p>A database set up by the earlier hand-written migrator (table {@code schema_migration}, no
 * Flyway history) is baselined at the highest version that migrator recorded, and only later
 * scripts are applied: no need to recreate it. The old {@code schema_migration} and {@code
 * schema_lock} tables are left alone.
 *
 * <p>Several nodes may start at once. On PostgreSQL the whole decision (baseline or not) and the
 * migration run under a session advisory lock, so exactly one node migrates and the others then
 * find nothing left to do; Flyway's own lock serialises the migration itself as well.
 *
 * <p>Its connections wait for the database without the datasource's socket timeout ({@link
 * WithoutNetworkTimeout}): building an index over a large table, or waiting for another node's
 * migration, may rightly take longer than any bound on an ordinary statement.
 */
public final class FlywaySchema {

  /** The application's migrations, as a class-path location. */
  public static final String APPLICATION_LOCATION = "classpath:db/migration";

  /**
   * The application's PostgreSQL-only migrations (what H2 cannot run, such as partial indexes),
   * applied with {@link #APPLICATION_LOCATION} on PostgreSQL only. Versions are shared with the
   * portable scripts: a version used here is left out of {@code db/migration}, so an H2 database's
   * history skips it.
   */
  public static final String POSTGRESQL_LOCATION = "classpath:db/migration-postgresql";

  /** The history table of the hand-written migrator that Flyway replaced. */
  static final String LEGACY_TABLE = "schema_migration";

  /** Flyway's history table (its default name, created quoted in lower case). */
  static final String HISTORY_TABLE = "flyway_schema_history";

  /** The key of the PostgreSQL advisory lock held while deciding and migrating. */
  static final long ADVISORY_LOCK_KEY = 0x5745_5853_4348_454DL; // "WEXSCHEM"

  private static final Logger LOG = Logger.getLogger(FlywaySchema.class.getName());

  private final DataSource dataSource;
  private final ClassLoader classLoader;
  private final String[] locations;

  /**
   * @param dataSource the database to migrate (its connections' current schema)
   * @param classLoader the loader that sees the migration scripts (the EJB module's in WildFly)
   * @param locations Flyway locations, e.g. {@link #APPLICATION_LOCATION}
   */
  public FlywaySchema(DataSource dataSource, ClassLoader classLoader, String... locations) {
    this.dataSource = new WithoutNetworkTimeout(dataSource);
    this.classLoader = classLoader;
    this.locations = locations.clone();
  }

  /** What {@link #migrate()} did. */
  public record Outcome(Integer baselinedAt, int applied, String version) {}

  /** Baselines an old-migrator database if needed, then applies pending migrations. */
  public Outcome migrate() {
    try (Connection lockConnection = dataSource.getConnection()) {
      SqlDialect dialect = SqlDialect.of(lockConnection);
      Optional<SqlDialect.SessionLock> lock = dialect.sessionLock(ADVISORY_LOCK_KEY);
      if (lock.isPresent()) {
        Jdbc.first(lockConnection, lock.get().lock(), rs -> Boolean.TRUE);
      }
      try {
        return migrateLocked(locationsFor(dialect));
      } finally {
        if (lock.isPresent()) {
          Jdbc.first(lockConnection, lock.get().unlock(), rs -> Boolean.TRUE);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Schema migration failed: " + e.getMessage(), e);
    }
  }

  /** The locations to migrate from: on PostgreSQL the application's also include its own. */
  String[] locationsFor(SqlDialect dialect) {
    List<String> all = new ArrayList<>(List.of(locations));
    if (dialect == SqlDialect.POSTGRESQL && all.contains(APPLICATION_LOCATION)) {
      all.add(all.indexOf(APPLICATION_LOCATION) + 1, POSTGRESQL_LOCATION);
    }
    return all.toArray(new String[0]);
  }

  private Outcome migrateLocked(String[] locations) throws SQLException {
    Integer baselinedAt = null;
    OptionalInt legacy = OptionalInt.empty();
    try (Connection connection = dataSource.getConnection()) {
      if (!tableExists(connection, HISTORY_TABLE)) {
        legacy = legacyVersion(connection);
      }
    }
    if (legacy.isPresent()) {
      baselinedAt = legacy.getAsInt();
      LOG.info(
          "Found the old migrator's "
              + LEGACY_TABLE
              + " at version "
              + baselinedAt
              + ": baselining Flyway there");
      configure(MigrationVersion.fromVersion(Integer.toString(baselinedAt)), false, locations)
          .load()
          .baseline();
    }
    MigrateResult result =
        configure(MigrationVersion.fromVersion("0"), true, locations).load().migrate();
    String version =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion; // nothing was pending
    return new Outcome(baselinedAt, result.migrationsExecuted, version);
  }

  /**
   * The Flyway configuration. {@code baselineOnMigrate} at version 0 lets a fresh database that
   * already holds tables of the server's own (timer store, job repository) be migrated from V1.
   */
  private FluentConfiguration configure(
      MigrationVersion baseline, boolean baselineOnMigrate, String[] locations) {
    return Flyway.configure(classLoader)
        .dataSource(dataSource)
        .locations(locations)
        .table(HISTORY_TABLE)
        .baselineVersion(baseline)
        .baselineDescription(
            baselineOnMigrate ? "<< Flyway Baseline >>" : "old migrator (" + LEGACY_TABLE + ")")
        .baselineOnMigrate(baselineOnMigrate)
        .validateMigrationNaming(true)
        .cleanDisabled(true);
  }

  /** The highest version the old migrator recorded, if its table exists and has rows. */
  static OptionalInt legacyVersion(Connection connection) throws SQLException {
    if (!tableExists(connection, LEGACY_TABLE)) {
      return OptionalInt.empty();
    }
    return Jdbc.first(
            connection,
            "SELECT MAX(version) FROM " + LEGACY_TABLE,
            rs -> {
              int version = rs.getInt(1);
              return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(version);
            })
        .orElseThrow();
  }

  /**
   * Whether a table exists in the connection's current schema, whatever case the database folded
   * its name to (H2 upper-cases unquoted names, PostgreSQL lower-cases them; Flyway quotes).
   */
  static boolean tableExists(Connection connection, String name) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String escape = meta.getSearchStringEscape();
    for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
      String pattern =
          escape == null
              ? candidate
              : candidate.replace("_", escape + "_").replace("%", escape + "%");
      try (ResultSet rs =
          meta.getTables(connection.getCatalog(), connection.getSchema(), pattern, null)) {
        while (rs.next()) {
          if (rs.getString("TABLE_NAME").equals(candidate)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
