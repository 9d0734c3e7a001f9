-- Issue 24 (capacity): the job repository's hot statements at 1,000,000 executions before and after
-- the indexes the application adds at start (ejb: com.warehouseexport.platform.JobRepositoryIndexes;
-- the CREATE INDEX statements below are its PostgreSQL DDL, word for word). EXPLAIN ANALYZE only:
-- each statement twice (the second with a warm cache), then the indexes, then again. Run in a
-- scratch database, never the app's:
--   createdb -h 127.0.0.1 -U postgres wt_bench_scratch
--   psql -h 127.0.0.1 -U postgres -d wt_bench_scratch -f benchmarks/src/main/sql/job-repository-indexes.sql
--   dropdb -h 127.0.0.1 -U postgres wt_bench_scratch
-- Tables as JBeret 3.1 creates them on PostgreSQL (sql/jberet-postgresql.ddl, foreign keys
-- included), filled like 100 nights of 10,000 environments: one instance and one execution per
-- export, two steps per execution (export, publish), 5 executions running, 1 stopping.
DROP TABLE IF EXISTS export_execution_index;
DROP TABLE IF EXISTS partition_execution;
DROP TABLE IF EXISTS step_execution;
DROP TABLE IF EXISTS job_execution;
DROP TABLE IF EXISTS job_instance;
CREATE TABLE job_instance (
  jobinstanceid BIGSERIAL NOT NULL PRIMARY KEY, version INTEGER, jobname VARCHAR(512),
  applicationname VARCHAR(512));
CREATE TABLE job_execution (
  jobexecutionid BIGSERIAL NOT NULL PRIMARY KEY, jobinstanceid BIGINT NOT NULL, version INTEGER,
  createtime TIMESTAMPTZ, starttime TIMESTAMPTZ, endtime TIMESTAMPTZ, lastupdatedtime TIMESTAMPTZ,
  batchstatus VARCHAR(30), exitstatus VARCHAR(512), jobparameters VARCHAR(3000),
  restartposition VARCHAR(255),
  CONSTRAINT fk_job_execution_job_instance FOREIGN KEY (jobinstanceid)
    REFERENCES job_instance (jobinstanceid) ON DELETE CASCADE);
CREATE TABLE step_execution (
  stepexecutionid BIGSERIAL NOT NULL PRIMARY KEY, jobexecutionid BIGINT NOT NULL, version INTEGER,
  stepname VARCHAR(255), starttime TIMESTAMPTZ, endtime TIMESTAMPTZ, batchstatus VARCHAR(30),
  exitstatus VARCHAR(512), executionexception VARCHAR(2048), persistentuserdata BYTEA,
  readcount INTEGER, writecount INTEGER, commitcount INTEGER, rollbackcount INTEGER,
  readskipcount INTEGER, processskipcount INTEGER, filtercount INTEGER, writeskipcount INTEGER,
  readercheckpointinfo BYTEA, writercheckpointinfo BYTEA,
  CONSTRAINT fk_step_exe_job_exe FOREIGN KEY (jobexecutionid)
    REFERENCES job_execution (jobexecutionid) ON DELETE CASCADE);
-- as V6 creates it
CREATE TABLE export_execution_index (
  execution_id BIGINT PRIMARY KEY, environment_id BIGINT NOT NULL, destination VARCHAR(20) NOT NULL);
CREATE INDEX export_execution_index_env ON export_execution_index (environment_id, execution_id);
CREATE INDEX export_execution_index_env_dest
  ON export_execution_index (environment_id, destination, execution_id);

INSERT INTO job_instance (jobinstanceid, jobname, applicationname)
  SELECT g, 'company-usage-export', 'warehouse-export' FROM generate_series(1, 1000000) g;
-- execution g is environment (g % 10000) + 1's export of night g / 10000
INSERT INTO job_execution (jobexecutionid, jobinstanceid, createtime, starttime, endtime,
                           lastupdatedtime, batchstatus, exitstatus, jobparameters)
  SELECT g, g, now(), now(), now(), now(),
         CASE WHEN g > 999994 THEN 'STARTED' WHEN g = 999994 THEN 'STOPPING' ELSE 'COMPLETED' END,
         'COMPLETED',
         E'requestedBy = scheduler\nnode = localhost\nperiod = 2026-12-05\nenvironmentId = '
           || (g % 10000) + 1
           || E'\nasOf = 2026-12-06T00:00:00Z\ndestination = s3\naggregation = snapshot\ncadence = daily\n'
  FROM generate_series(1, 1000000) g;
INSERT INTO step_execution (jobexecutionid, stepname, starttime, endtime, batchstatus, exitstatus,
                            readcount, writecount, commitcount, rollbackcount, readskipcount,
                            processskipcount, filtercount, writeskipcount, readercheckpointinfo,
                            writercheckpointinfo)
  SELECT g, s, now(), now(),
         CASE WHEN g > 999994 AND s = 'export' THEN 'STARTED'
              WHEN g % 1000 = 0 AND s = 'publish' THEN 'FAILED' ELSE 'COMPLETED' END,
         CASE WHEN g % 1000 = 0 AND s = 'publish' THEN 'The bucket was not reachable.'
              ELSE 'COMPLETED' END,
         12, 12, 1, 0, 0, 0, 0, 0,
         CASE WHEN s = 'export' THEN decode(repeat('ab', 120), 'hex') END,
         CASE WHEN s = 'export' THEN decode(repeat('cd', 120), 'hex') END
  FROM generate_series(1, 1000000) g, (VALUES ('export'), ('publish')) v(s)
  WHERE g <= 999994 OR s = 'export';
INSERT INTO export_execution_index (execution_id, environment_id, destination)
  SELECT g, (g % 10000) + 1, 's3' FROM generate_series(1, 1000000) g;
VACUUM ANALYZE job_instance;
VACUUM ANALYZE job_execution;
VACUUM ANALYZE step_execution;
VACUUM ANALYZE export_execution_index;
SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
  WHERE relname IN ('job_instance', 'job_execution', 'step_execution', 'export_execution_index')
  ORDER BY relname;

\timing on
\echo '=== BEFORE: JBeret and application statements without the indexes ==='
\echo '--- [1] JBeret select-job-executions-by-job-instance-id (JobOperator.getJobExecutions)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM job_execution WHERE jobinstanceid = 777777 ORDER BY jobexecutionid;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM job_execution WHERE jobinstanceid = 777777 ORDER BY jobexecutionid;
\echo '--- [2] JBeret select-running-job-executions-by-job-name (JobOperator.getRunningExecutions: NodeLiveness, recovery)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT job_execution.jobexecutionid FROM job_execution INNER JOIN job_instance ON job_execution.jobinstanceid = job_instance.jobinstanceid WHERE job_execution.batchstatus IN ('STARTED', 'STARTING') AND job_instance.jobname = 'company-usage-export';
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT job_execution.jobexecutionid FROM job_execution INNER JOIN job_instance ON job_execution.jobinstanceid = job_instance.jobinstanceid WHERE job_execution.batchstatus IN ('STARTED', 'STARTING') AND job_instance.jobname = 'company-usage-export';
\echo '--- [3] JBeret select-step-executions-by-job-execution-id (JobOperator.getStepExecutions)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM step_execution WHERE jobexecutionid = 777777 ORDER BY stepexecutionid;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM step_execution WHERE jobexecutionid = 777777 ORDER BY stepexecutionid;
\echo '--- [4] JBeret find-original-step-execution (restart)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT step_execution.* FROM step_execution INNER JOIN job_execution ON step_execution.jobexecutionid = job_execution.jobexecutionid WHERE job_execution.jobinstanceid = 777777 AND step_execution.stepname = 'export' ORDER BY step_execution.stepexecutionid DESC;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT step_execution.* FROM step_execution INNER JOIN job_execution ON step_execution.jobexecutionid = job_execution.jobexecutionid WHERE job_execution.jobinstanceid = 777777 AND step_execution.stepname = 'export' ORDER BY step_execution.stepexecutionid DESC;
\echo '--- [5] ExportExecutionIndex.running (per export start and status)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(*) FROM export_execution_index x JOIN job_execution e ON e.jobexecutionid = x.execution_id WHERE x.environment_id = 7777 AND x.destination = 's3' AND e.batchstatus IN ('STARTING', 'STARTED', 'STOPPING');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(*) FROM export_execution_index x JOIN job_execution e ON e.jobexecutionid = x.execution_id WHERE x.environment_id = 7777 AND x.destination = 's3' AND e.batchstatus IN ('STARTING', 'STARTED', 'STOPPING');
\echo '--- [6] ExportExecutionIndex.outcomes, step half (100 executions of a calendar)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT jobexecutionid, exitstatus FROM step_execution WHERE batchstatus = 'FAILED' AND jobexecutionid IN (SELECT 7000 + 10000 * k FROM generate_series(0, 99) k);
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT jobexecutionid, exitstatus FROM step_execution WHERE batchstatus = 'FAILED' AND jobexecutionid IN (SELECT 7000 + 10000 * k FROM generate_series(0, 99) k);

\echo '--- [7] one execution ending (JBeret update-job-execution), rolled back: the write the indexes tax'
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) UPDATE job_execution SET endtime = now(), lastupdatedtime = now(), batchstatus = 'COMPLETED', exitstatus = 'COMPLETED', restartposition = NULL WHERE jobexecutionid = 999999;
ROLLBACK;

\echo '=== the indexes, as JobRepositoryIndexes creates them on PostgreSQL (build time each) ==='
CREATE INDEX IF NOT EXISTS job_execution_instance_idx ON job_execution (jobinstanceid);
CREATE INDEX IF NOT EXISTS job_execution_running_idx ON job_execution (batchstatus) WHERE batchstatus IN ('STARTING', 'STARTED', 'STOPPING');
CREATE INDEX IF NOT EXISTS step_execution_execution_idx ON step_execution (jobexecutionid);
\timing off
ANALYZE job_execution;
ANALYZE step_execution;
SELECT indexrelname, pg_size_pretty(pg_relation_size(indexrelid)) AS size FROM pg_stat_user_indexes
  WHERE indexrelname IN ('job_execution_instance_idx', 'job_execution_running_idx', 'step_execution_execution_idx')
  ORDER BY indexrelname;
\timing on

\echo '=== AFTER ==='
\echo '--- [1] JBeret select-job-executions-by-job-instance-id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM job_execution WHERE jobinstanceid = 777777 ORDER BY jobexecutionid;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM job_execution WHERE jobinstanceid = 777777 ORDER BY jobexecutionid;
\echo '--- [2] JBeret select-running-job-executions-by-job-name'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT job_execution.jobexecutionid FROM job_execution INNER JOIN job_instance ON job_execution.jobinstanceid = job_instance.jobinstanceid WHERE job_execution.batchstatus IN ('STARTED', 'STARTING') AND job_instance.jobname = 'company-usage-export';
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT job_execution.jobexecutionid FROM job_execution INNER JOIN job_instance ON job_execution.jobinstanceid = job_instance.jobinstanceid WHERE job_execution.batchstatus IN ('STARTED', 'STARTING') AND job_instance.jobname = 'company-usage-export';
\echo '--- [3] JBeret select-step-executions-by-job-execution-id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM step_execution WHERE jobexecutionid = 777777 ORDER BY stepexecutionid;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM step_execution WHERE jobexecutionid = 777777 ORDER BY stepexecutionid;
\echo '--- [4] JBeret find-original-step-execution'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT step_execution.* FROM step_execution INNER JOIN job_execution ON step_execution.jobexecutionid = job_execution.jobexecutionid WHERE job_execution.jobinstanceid = 777777 AND step_execution.stepname = 'export' ORDER BY step_execution.stepexecutionid DESC;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT step_execution.* FROM step_execution INNER JOIN job_execution ON step_execution.jobexecutionid = job_execution.jobexecutionid WHERE job_execution.jobinstanceid = 777777 AND step_execution.stepname = 'export' ORDER BY step_execution.stepexecutionid DESC;
\echo '--- [5] ExportExecutionIndex.running'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(*) FROM export_execution_index x JOIN job_execution e ON e.jobexecutionid = x.execution_id WHERE x.environment_id = 7777 AND x.destination = 's3' AND e.batchstatus IN ('STARTING', 'STARTED', 'STOPPING');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT COUNT(*) FROM export_execution_index x JOIN job_execution e ON e.jobexecutionid = x.execution_id WHERE x.environment_id = 7777 AND x.destination = 's3' AND e.batchstatus IN ('STARTING', 'STARTED', 'STOPPING');
\echo '--- [6] ExportExecutionIndex.outcomes, step half'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT jobexecutionid, exitstatus FROM step_execution WHERE batchstatus = 'FAILED' AND jobexecutionid IN (SELECT 7000 + 10000 * k FROM generate_series(0, 99) k);
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT jobexecutionid, exitstatus FROM step_execution WHERE batchstatus = 'FAILED' AND jobexecutionid IN (SELECT 7000 + 10000 * k FROM generate_series(0, 99) k);
\echo '--- [7] what an index costs the writes: one execution ending (JBeret update-job-execution), rolled back'
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) UPDATE job_execution SET endtime = now(), lastupdatedtime = now(), batchstatus = 'COMPLETED', exitstatus = 'COMPLETED', restartposition = NULL WHERE jobexecutionid = 999999;
ROLLBACK;
