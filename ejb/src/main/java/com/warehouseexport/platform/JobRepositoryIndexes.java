package com.warehouseexport.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The secondary indexes JBeret's job repository lacks. JBeret 3.1 creates its tables ({@code
 * sql/jberet.ddl} on H2, {@code sql/jberet-postgresql.ddl} on PostgreSQL, both in jberet-core) with
 * primary keys only, and its own statements ({@code sql/jberet-sql.properties}) as well as the
 * application's joins then scan whole tables that grow by one row per export (docs/capacity.md:
 * ~200 ms per lookup at 1,000,000 executions on PostgreSQL).
 *
 * <p>The tables are not the application's: WildFly's batch-jberet subsystem creates them (its JDBC
 * job repository service, started with the server, constructs JBeret's {@code JdbcRepository},
 * whose constructor runs the DDL), so no Flyway migration may refer to them (the migrations also
 * run against databases without a job repository). {@link JobRepositoryIndexing} calls {@link
 * #ensure} at every start instead: it creates what is missing and skips what exists, tables that do
 * not exist (yet) included, so it is safe to repeat and safe on an in-memory job repository.
 *
 * <p>All names are unquoted: H2 folds them to upper case (JBeret's H2 DDL is upper case),
 * PostgreSQL to lower case (as its DDL), so the same statement matches the tables on both.
 */
public final class JobRepositoryIndexes {

  private static final Logger LOG = Logger.getLogger(JobRepositoryIndexes.class.getName());

  /** The key of the PostgreSQL advisory lock held while several nodes may create the indexes. */
  static final long ADVISORY_LOCK_KEY = 0x5745_584A_4252_4958L; // "WEXJBRIX"

  /**
   * Batch statuses of an execution that has not ended: JBeret's running-executions query asks for
   * {@code STARTED, STARTING}, the application's status queries ({@code
   * ExportExecutionIndex.RUNNING}) add {@code STOPPING}. The PostgreSQL index holds only these
   * rows, so it stays as small as the number of running exports.
   */
  static final String NOT_ENDED = "('STARTING', 'STARTED', 'STOPPING')";

  /**
   * One index: {@code name} on {@code table (columns)}, on PostgreSQL partial where {@code
   * postgresqlWhere} is set (H2 has no partial indexes and gets the whole column).
   */
  public record Index(String name, String table, String columns, String postgresqlWhere) {

    /** The idempotent statement creating this index in {@code dialect}. */
    public String createSql(SqlDialect dialect) {
      String sql = "CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + columns + ")";
      return switch (dialect) {
        case POSTGRESQL -> postgresqlWhere == null ? sql : sql + " WHERE " + postgresqlWhere;
        case H2 -> sql;
      };
    }
  }

  /**
   * The indexes, each for the statements it serves (JBeret's by their key in {@code
   * jberet-sql.properties}):
   *
   * <ul>
   *   <li>{@code job_execution (jobinstanceid)}: {@code select-job-executions-by-job-instance-id}
   *       ({@code JobOperator.getJobExecutions(instance)}: history, restart, the publish step), the
   *       restart's {@code find-original-step-execution} and {@code
   *       count-step-executions-by-job-instance-id} (join on {@code JOBINSTANCEID=?}), and the
   *       {@code ON DELETE CASCADE} foreign key from {@code job_instance}.
   *   <li>{@code job_execution (batchstatus)}, partial on PostgreSQL: {@code
   *       select-running-job-executions-by-job-name} ({@code JobOperator.getRunningExecutions}:
   *       node liveness every tick, crash recovery and lost-status repair at start, the launcher's
   *       running check) and the application's running counts ({@code ExportExecutionIndex.running}
   *       and {@code newest(…, true)}, whose join may start from the few running executions).
   *   <li>{@code step_execution (jobexecutionid)}: {@code
   *       select-step-executions-by-job-execution-id} ({@code JobOperator.getStepExecutions}:
   *       history, run page, job listener, crash recovery), {@code stop-step-execution}, {@code
   *       stop-partition-execution}'s subquery, the restart joins above, {@code
   *       JobRepositoryReads.outcomes} ({@code jobexecutionid IN (…)}), and the cascade from {@code
   *       job_execution}.
   * </ul>
   *
   * Not indexed: {@code job_instance (jobname)}, because this application has one job name ({@code
   * company-usage-export}), so every row matches and the planner scans anyway; {@code
   * partition_execution}, because no job is partitioned (the table stays empty).
   */
  public static final List<Index> INDEXES =
      List.of(
          new Index("job_execution_instance_idx", "job_execution", "jobinstanceid", null),
          new Index(
              "job_execution_running_idx",
              "job_execution",
              "batchstatus",
              "batchstatus IN " + NOT_ENDED),
          new Index("step_execution_execution_idx", "step_execution", "jobexecutionid", null));

  /** What {@link #ensure} found and did. */
  public record Outcome(List<String> created, List<String> present, List<String> missingTables) {}

  private JobRepositoryIndexes() {}

  /**
   * Creates the {@link #INDEXES} that are missing on tables that exist. On PostgreSQL it holds an
   * advisory lock, so nodes starting together do not race on the catalogue. An index that exists is
   * not touched (no {@code CREATE INDEX}, which would take a share lock on its table).
   */
  public static Outcome ensure(Connection c) throws SQLException {
    SqlDialect dialect = SqlDialect.of(c);
    Optional<SqlDialect.SessionLock> lock = dialect.sessionLock(ADVISORY_LOCK_KEY);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    if (lock.isPresent()) {
      Jdbc.first(c, lock.get().lock(), rs -> Boolean.TRUE);
    }
    try {
      List<String> created = new ArrayList<>();
      List<String> present = new ArrayList<>();
      List<String> missingTables = new ArrayList<>();
      for (Index index : INDEXES) {
        Optional<String> table = tableName(c, index.table());
        if (table.isEmpty()) {
          if (!missingTables.contains(index.table())) {
            missingTables.add(index.table());
          }
        } else if (indexNames(c, table.get()).contains(index.name())) {
          present.add(index.name());
        } else {
          long started = System.nanoTime();
          try (Statement st = c.createStatement()) {
            st.execute(index.createSql(dialect));
          }
          long ms = (System.nanoTime() - started) / 1_000_000;
          LOG.info(() -> "Created job repository index " + index.name() + " in " + ms + " ms");
          created.add(index.name());
        }
      }
      return new Outcome(created, present, missingTables);
    } finally {
      if (lock.isPresent()) {
        Jdbc.first(c, lock.get().unlock(), rs -> Boolean.TRUE);
      }
      c.setAutoCommit(autoCommit);
    }
  }

  /** Which of the {@link #INDEXES} exist, in their order (for operators and tests). */
  public static List<String> present(Connection c) throws SQLException {
    List<String> present = new ArrayList<>();
    for (Index index : INDEXES) {
      Optional<String> table = tableName(c, index.table());
      if (table.isPresent() && indexNames(c, table.get()).contains(index.name())) {
        present.add(index.name());
      }
    }
    return present;
  }

  /**
   * The table's name as the database stores it (H2 upper-cases unquoted names, PostgreSQL
   * lower-cases them), if it exists in the connection's current schema.
   */
  static Optional<String> tableName(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String escape = meta.getSearchStringEscape();
    for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      String pattern = escape == null ? candidate : candidate.replace("_", escape + "_");
      try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), pattern, null)) {
        while (rs.next()) {
          if (rs.getString("TABLE_NAME").equals(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The names of a table's indexes, lower-cased. */
  static List<String> indexNames(Connection c, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, true)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        if (name != null && !names.contains(name.toLowerCase(Locale.ROOT))) {
          names.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }
}
