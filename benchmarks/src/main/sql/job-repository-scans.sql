-- Issue 24 (capacity): what JBeret's two unindexed job-repository statements cost once the
-- repository holds 1,000,000 executions (≈ 100 nights of 10,000 environments), before and after
-- two indexes. Run in a scratch database, never the app's:
--   createdb -h 127.0.0.1 -U postgres wt_bench_scratch
--   psql -h 127.0.0.1 -U postgres -d wt_bench_scratch -f benchmarks/src/main/sql/job-repository-scans.sql
-- Tables as JBeret 3.1 creates them on PostgreSQL (sql/jberet-postgresql.ddl), without the FK.
DROP TABLE IF EXISTS job_execution;
DROP TABLE IF EXISTS job_instance;
CREATE TABLE job_instance (
  jobinstanceid BIGSERIAL PRIMARY KEY, version INTEGER, jobname VARCHAR(512),
  applicationname VARCHAR(512));
CREATE TABLE job_execution (
  jobexecutionid BIGSERIAL PRIMARY KEY, jobinstanceid BIGINT NOT NULL, version INTEGER,
  createtime TIMESTAMPTZ, starttime TIMESTAMPTZ, endtime TIMESTAMPTZ, lastupdatedtime TIMESTAMPTZ,
  batchstatus VARCHAR(30), exitstatus VARCHAR(512), jobparameters VARCHAR(3000),
  restartposition VARCHAR(255));
INSERT INTO job_instance (jobinstanceid, jobname, applicationname)
  SELECT g, 'company-usage-export', 'warehouse-export' FROM generate_series(1, 1000000) g;
-- job parameters as the scheduler writes them (copied from a benchmark run's job_execution)
INSERT INTO job_execution (jobinstanceid, createtime, starttime, endtime, lastupdatedtime,
                           batchstatus, exitstatus, jobparameters)
  SELECT g, now(), now(), now(), now(),
         CASE WHEN g > 999995 THEN 'STARTED' ELSE 'COMPLETED' END, 'COMPLETED',
         E'requestedBy = scheduler\nnode = localhost\nperiod = 2026-12-05\nenvironmentId = ' || g
           || E'\nasOf = 2026-12-06T00:00:00Z\ndestination = s3\naggregation = snapshot\ncadence = daily\n'
  FROM generate_series(1, 1000000) g;
VACUUM ANALYZE job_instance;
VACUUM ANALYZE job_execution;
SELECT pg_size_pretty(pg_total_relation_size('job_execution')) AS job_execution_size;
\timing on
-- JBeret select-job-executions-by-job-instance-id (twice: the second with a warm cache)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM job_execution WHERE jobinstanceid = 777777 ORDER BY jobexecutionid;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM job_execution WHERE jobinstanceid = 777777 ORDER BY jobexecutionid;
-- JBeret select-running-job-executions-by-job-name
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT job_execution.jobexecutionid FROM job_execution INNER JOIN job_instance ON job_execution.jobinstanceid = job_instance.jobinstanceid WHERE job_execution.batchstatus IN ('STARTED', 'STARTING') AND job_instance.jobname = 'company-usage-export';
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT job_execution.jobexecutionid FROM job_execution INNER JOIN job_instance ON job_execution.jobinstanceid = job_instance.jobinstanceid WHERE job_execution.batchstatus IN ('STARTED', 'STARTING') AND job_instance.jobname = 'company-usage-export';
-- two indexes (JBeret's DDL has none besides the primary keys); the application now adds these
-- and one on step_execution at start: job-repository-indexes.sql measures exactly its DDL
CREATE INDEX job_execution_instance_idx ON job_execution (jobinstanceid);
CREATE INDEX job_execution_running_idx ON job_execution (batchstatus) WHERE batchstatus IN ('STARTED', 'STARTING');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM job_execution WHERE jobinstanceid = 777777 ORDER BY jobexecutionid;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT job_execution.jobexecutionid FROM job_execution INNER JOIN job_instance ON job_execution.jobinstanceid = job_instance.jobinstanceid WHERE job_execution.batchstatus IN ('STARTED', 'STARTING') AND job_instance.jobname = 'company-usage-export';

-- Part 2: the scheduler tick's claim aggregate (PeriodClaims.latestPeriods, every tick on every
-- node) over one year of daily claims of 10,000 environments (3,650,000 rows), as V2/V3/V6 create it.
DROP TABLE IF EXISTS export_period_claim;
CREATE TABLE export_period_claim (
  environment_id BIGINT NOT NULL, cadence VARCHAR(10) NOT NULL, period INTEGER NOT NULL,
  execution_id BIGINT, attempts INTEGER NOT NULL, claimed_at BIGINT NOT NULL,
  claimed_by VARCHAR(100) NOT NULL, state VARCHAR(12) DEFAULT 'started' NOT NULL,
  next_attempt_at BIGINT, PRIMARY KEY (environment_id, cadence, period));
CREATE INDEX export_period_claim_state ON export_period_claim (environment_id, state);
CREATE INDEX export_period_claim_open ON export_period_claim (state, environment_id);
INSERT INTO export_period_claim (environment_id, cadence, period, execution_id, attempts,
                                 claimed_at, claimed_by, state)
  SELECT e, 'daily', 20000 + d, e * 1000 + d, 1, 0, 'node-1', 'landed'
  FROM generate_series(1, 10000) e, generate_series(1, 365) d;
VACUUM ANALYZE export_period_claim;
SELECT pg_size_pretty(pg_total_relation_size('export_period_claim')) AS claim_table_size;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT environment_id, cadence, MAX(period) FROM export_period_claim GROUP BY environment_id, cadence;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT environment_id, cadence, MAX(period) FROM export_period_claim GROUP BY environment_id, cadence;
