package com.warehouseexport.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link JobRepositoryIndexes} on tables shaped as JBeret 3.1 creates them (the columns its indexes
 * use, and its foreign keys): upper-case names on H2 ({@code sql/jberet.ddl}), lower-case on
 * PostgreSQL ({@code sql/jberet-postgresql.ddl}), both from unquoted DDL.
 */
class JobRepositoryIndexesTest {

  private static final List<String> ALL =
      List.of(
          "job_execution_instance_idx",
          "job_execution_running_idx",
          "step_execution_execution_idx");

  /** JBeret's tables, trimmed to the key, foreign-key and indexed columns. */
  private static final String[] JBERET_TABLES = {
    "CREATE TABLE JOB_INSTANCE (JOBINSTANCEID BIGINT PRIMARY KEY, JOBNAME VARCHAR(512))",
    "CREATE TABLE JOB_EXECUTION (JOBEXECUTIONID BIGINT PRIMARY KEY, JOBINSTANCEID BIGINT NOT NULL,"
        + " BATCHSTATUS VARCHAR(30), CONSTRAINT FK_JOB_EXECUTION_JOB_INSTANCE FOREIGN KEY"
        + " (JOBINSTANCEID) REFERENCES JOB_INSTANCE (JOBINSTANCEID) ON DELETE CASCADE)",
    "CREATE TABLE STEP_EXECUTION (STEPEXECUTIONID BIGINT PRIMARY KEY, JOBEXECUTIONID BIGINT NOT"
        + " NULL, BATCHSTATUS VARCHAR(30), CONSTRAINT FK_STEP_EXE_JOB_EXE FOREIGN KEY"
        + " (JOBEXECUTIONID) REFERENCES JOB_EXECUTION (JOBEXECUTIONID) ON DELETE CASCADE)"
  };

  @Test
  void postgresqlGetsAPartialIndexOfTheExecutionsThatHaveNotEnded() {
    JobRepositoryIndexes.Index running = index("job_execution_running_idx");
    assertEquals(
        "CREATE INDEX IF NOT EXISTS job_execution_running_idx ON job_execution (batchstatus)"
            + " WHERE batchstatus IN ('STARTING', 'STARTED', 'STOPPING')",
        running.createSql(SqlDialect.POSTGRESQL));
    assertEquals(
        "CREATE INDEX IF NOT EXISTS job_execution_running_idx ON job_execution (batchstatus)",
        running.createSql(SqlDialect.H2));
  }

  @Test
  void theOtherIndexesAreTheSameOnBothDatabases() {
    for (String name : List.of("job_execution_instance_idx", "step_execution_execution_idx")) {
      JobRepositoryIndexes.Index index = index(name);
      assertEquals(index.createSql(SqlDialect.H2), index.createSql(SqlDialect.POSTGRESQL));
    }
    assertEquals(
        "CREATE INDEX IF NOT EXISTS step_execution_execution_idx ON step_execution"
            + " (jobexecutionid)",
        index("step_execution_execution_idx").createSql(SqlDialect.H2));
  }

  @Test
  void theNotEndedStatusesAreTheApplicationsRunningOnes() {
    // ExportExecution.isRunning: STARTING, STARTED, STOPPING (JBeret's query asks for two of them)
    for (jakarta.batch.runtime.BatchStatus status : jakarta.batch.runtime.BatchStatus.values()) {
      assertEquals(
          com.warehouseexport.export.history.ExportExecution.isRunning(status),
          JobRepositoryIndexes.NOT_ENDED.contains("'" + status.name() + "'"),
          status.name());
    }
  }

  @Nested
  class OnH2 {

    private final DataSource ds = h2();

    @Test
    void createsTheMissingIndexesOnceOnJBeretsUpperCaseTables() throws SQLException {
      execute(ds, JBERET_TABLES);
      try (Connection c = ds.getConnection()) {
        JobRepositoryIndexes.Outcome first = JobRepositoryIndexes.ensure(c);
        assertEquals(ALL, first.created());
        assertEquals(List.of(), first.missingTables());
        JobRepositoryIndexes.Outcome again = JobRepositoryIndexes.ensure(c);
        assertEquals(List.of(), again.created());
        assertEquals(ALL, again.present());
        assertEquals(ALL, JobRepositoryIndexes.present(c));
      }
    }

    @Test
    void withoutAJobRepositoryNothingIsCreatedAndNothingFails() throws SQLException {
      try (Connection c = ds.getConnection()) {
        JobRepositoryIndexes.Outcome outcome = JobRepositoryIndexes.ensure(c);
        assertEquals(List.of(), outcome.created());
        assertEquals(List.of("job_execution", "step_execution"), outcome.missingTables());
        assertEquals(List.of(), JobRepositoryIndexes.present(c));
      }
    }

    @Test
    void leavesTheConnectionsAutoCommitAsItFoundIt() throws SQLException {
      execute(ds, JBERET_TABLES);
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        JobRepositoryIndexes.ensure(c);
        assertEquals(false, c.getAutoCommit());
      }
    }

    private static DataSource h2() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:jbrix-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      return ds;
    }
  }

  @Nested
  class OnPostgresql {

    private PGSimpleDataSource ds;

    @AfterEach
    void drop() throws SQLException {
      TestDatabases.drop(ds);
    }

    @Test
    void createsTheIndexesOnJBeretsLowerCaseTablesTheRunningOnePartial() throws Exception {
      ds = TestDatabases.postgresql();
      execute(ds, JBERET_TABLES);
      try (Connection c = ds.getConnection()) {
        assertEquals(ALL, JobRepositoryIndexes.ensure(c).created());
        assertEquals(ALL, JobRepositoryIndexes.present(c));
        String definition =
            Jdbc.first(
                    c,
                    "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                        + " AND indexname = 'job_execution_running_idx'",
                    rs -> rs.getString(1))
                .orElseThrow();
        assertTrue(definition.contains("WHERE"), definition);
        assertTrue(definition.contains("STOPPING"), definition);
      }
    }

    @Test
    void nodesStartingTogetherCreateEachIndexOnce() throws Exception {
      ds = TestDatabases.postgresql();
      execute(ds, JBERET_TABLES);
      int nodes = 4;
      ExecutorService pool = Executors.newFixedThreadPool(nodes);
      try {
        List<Future<JobRepositoryIndexes.Outcome>> outcomes = new ArrayList<>();
        Callable<JobRepositoryIndexes.Outcome> start =
            () -> {
              try (Connection c = ds.getConnection()) {
                return JobRepositoryIndexes.ensure(c);
              }
            };
        for (int i = 0; i < nodes; i++) {
          outcomes.add(pool.submit(start));
        }
        List<String> created = new ArrayList<>();
        for (Future<JobRepositoryIndexes.Outcome> outcome : outcomes) {
          created.addAll(outcome.get(60, TimeUnit.SECONDS).created());
        }
        assertEquals(ALL.size(), created.size(), created.toString());
        assertTrue(created.containsAll(ALL), created.toString());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static JobRepositoryIndexes.Index index(String name) {
    return JobRepositoryIndexes.INDEXES.stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void execute(DataSource ds, String... statements) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }
}
