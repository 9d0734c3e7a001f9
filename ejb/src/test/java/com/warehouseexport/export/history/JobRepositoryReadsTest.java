package com.warehouseexport.export.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.warehouseexport.export.history.JobRepositoryReads.Attempt;
import com.warehouseexport.export.history.JobRepositoryReads.Outcome;
import com.warehouseexport.platform.TestDatabases;
import jakarta.batch.runtime.BatchStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link JobRepositoryReads} on tables shaped as JBeret 3.1 creates them, on H2 and PostgreSQL:
 * {@link JobRepositoryReads#latestOfInstances} — what a scheduler tick settles finished claims from
 * (issue 24) — the newest execution of each asked execution's job instance, its status, end and the
 * error an admin reads; {@link JobRepositoryReads#outcomes} — what the delivery calendar and the
 * status show — each asked execution's status and error.
 */
class JobRepositoryReadsTest {

  private static final Instant ENDED = Instant.parse("2026-12-01T00:00:05Z");

  /** JBeret's tables, trimmed to the columns read. */
  private static final String[] JBERET_TABLES = {
    "CREATE TABLE JOB_INSTANCE (JOBINSTANCEID BIGINT PRIMARY KEY, JOBNAME VARCHAR(512))",
    "CREATE TABLE JOB_EXECUTION (JOBEXECUTIONID BIGINT PRIMARY KEY, JOBINSTANCEID BIGINT NOT NULL,"
        + " ENDTIME TIMESTAMP, BATCHSTATUS VARCHAR(30), EXITSTATUS VARCHAR(512))",
    "CREATE TABLE STEP_EXECUTION (STEPEXECUTIONID BIGINT PRIMARY KEY, JOBEXECUTIONID BIGINT NOT"
        + " NULL, BATCHSTATUS VARCHAR(30), EXITSTATUS VARCHAR(512))"
  };

  abstract static class Cases {

    abstract DataSource ds();

    private void execution(long id, long instance, String status, String exit) throws SQLException {
      try (Connection c = ds().getConnection()) {
        c.setAutoCommit(true);
        var ps =
            c.prepareStatement(
                "INSERT INTO job_execution (jobexecutionid, jobinstanceid, endtime, batchstatus,"
                    + " exitstatus) VALUES (?, ?, ?, ?, ?)");
        ps.setLong(1, id);
        ps.setLong(2, instance);
        ps.setTimestamp(3, "STARTED".equals(status) ? null : Timestamp.from(ENDED));
        ps.setString(4, status);
        ps.setString(5, exit);
        ps.executeUpdate();
      }
    }

    private void failedStep(long step, long execution, String exit) throws SQLException {
      try (Connection c = ds().getConnection();
          var ps =
              c.prepareStatement(
                  "INSERT INTO step_execution (stepexecutionid, jobexecutionid, batchstatus,"
                      + " exitstatus) VALUES (?, ?, 'FAILED', ?)")) {
        ps.setLong(1, step);
        ps.setLong(2, execution);
        ps.setString(3, exit);
        ps.executeUpdate();
      }
    }

    private void jberetTables() throws SQLException {
      try (Connection c = ds().getConnection();
          Statement st = c.createStatement()) {
        for (String ddl : JBERET_TABLES) {
          st.execute(ddl);
        }
      }
    }

    @Test
    void readsTheNewestAttemptOfEachInstanceWithItsError() throws SQLException {
      jberetTables();
      execution(1, 1, "COMPLETED", "COMPLETED");
      execution(2, 2, "FAILED", "FAILED"); // restarted as 3 by a crash recovery
      execution(3, 2, "FAILED", "FAILED");
      failedStep(30, 3, "The bucket refused the credentials.");
      execution(4, 3, "STARTED", null);
      execution(5, 4, "STOPPED", "STOPPED");
      execution(6, 5, "FAILED", "The endpoint did not answer.");
      // many more than one statement binds
      List<Long> asked = new ArrayList<>(List.of(1L, 2L, 4L, 5L, 6L, 999L));
      for (long id :
          LongStream.range(100, 100 + JobRepositoryReads.IDS_PER_STATEMENT + 20).toArray()) {
        execution(id, id, "COMPLETED", "COMPLETED");
        asked.add(id);
      }

      Map<Long, Attempt> latest = new JobRepositoryReads(ds()).latestOfInstances(asked);

      assertEquals(new Attempt(1, BatchStatus.COMPLETED, ENDED, null), latest.get(1L));
      assertEquals(
          new Attempt(3, BatchStatus.FAILED, ENDED, "The bucket refused the credentials."),
          latest.get(2L),
          "the newest execution of the instance, with its failed step's error");
      assertEquals(new Attempt(4, BatchStatus.STARTED, null, null), latest.get(4L));
      assertEquals(new Attempt(5, BatchStatus.STOPPED, ENDED, null), latest.get(5L));
      assertEquals(
          new Attempt(6, BatchStatus.FAILED, ENDED, "The endpoint did not answer."),
          latest.get(6L));
      assertEquals(null, latest.get(999L), "gone from the repository");
      assertEquals(5 + JobRepositoryReads.IDS_PER_STATEMENT + 20, latest.size());
    }

    @Test
    void readsTheOutcomeOfEachExecutionWithItsError() throws SQLException {
      jberetTables();
      execution(1, 1, "COMPLETED", "COMPLETED");
      execution(2, 2, "FAILED", "FAILED");
      failedStep(20, 2, "The bucket refused the credentials.");
      execution(3, 3, "FAILED", "The endpoint did not answer.");
      failedStep(30, 3, "a step's own words, not shown: the job's come first");
      execution(4, 4, "FAILED", "FAILED");
      failedStep(40, 4, "FAILED");
      execution(5, 5, "STOPPED", "STOPPED");
      execution(6, 6, "ABANDONED", "ABANDONED");
      execution(7, 7, "STARTED", null);
      execution(8, 7, "FAILED", "restarted: not asked");

      Map<Long, Outcome> outcomes =
          new JobRepositoryReads(ds()).outcomes(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 999L));

      assertEquals(new Outcome(BatchStatus.COMPLETED, null), outcomes.get(1L));
      assertEquals(
          new Outcome(BatchStatus.FAILED, "The bucket refused the credentials."),
          outcomes.get(2L),
          "a failed step's error when the job's exit status says nothing");
      assertEquals(
          new Outcome(BatchStatus.FAILED, "The endpoint did not answer."), outcomes.get(3L));
      assertEquals(
          new Outcome(BatchStatus.FAILED, "The export failed; see the server log for details."),
          outcomes.get(4L));
      assertEquals(new Outcome(BatchStatus.STOPPED, "The export was stopped."), outcomes.get(5L));
      assertEquals(
          new Outcome(BatchStatus.ABANDONED, "The export was abandoned."), outcomes.get(6L));
      assertEquals(
          new Outcome(BatchStatus.STARTED, null),
          outcomes.get(7L),
          "the asked one, not its restart");
      assertEquals(null, outcomes.get(999L), "gone from the repository");
      assertEquals(7, outcomes.size());
      assertEquals(Map.of(), new JobRepositoryReads(ds()).outcomes(List.of()));
    }
  }

  @Nested
  class OnH2 extends Cases {
    private final DataSource ds = TestDatabases.h2();

    @Override
    DataSource ds() {
      return ds;
    }
  }

  @Nested
  class OnPostgresql extends Cases {
    private PGSimpleDataSource ds;

    @Override
    DataSource ds() {
      if (ds == null) {
        ds = TestDatabases.postgresql();
      }
      return ds;
    }

    @AfterEach
    void drop() throws SQLException {
      TestDatabases.drop(ds);
    }
  }
}
