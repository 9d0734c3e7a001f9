-- The scheduler tick's reads of export_period_claim after one year of daily claims of 10,000
-- environments (3,650,000 rows, the V18 table and indexes), on every tick of every node:
--   1. before (issue 24): the newest period of every schedule by aggregating the whole table;
--   2. now (PeriodClaims.latestPeriods): one probe of the primary key per schedule the tick visits
--      (here all 10,000; the app sends them 500 at a time as a VALUES list — generate_series stands in
--      for the list, the plan per row is the same);
--   3. the open claims (PeriodClaims.openByEnvironment), 50 of them open.
-- Run:  createdb -h 127.0.0.1 -U postgres wt_tick_reads
--       psql -h 127.0.0.1 -U postgres -d wt_tick_reads -f benchmarks/src/main/sql/tick-claim-reads.sql
--       dropdb -h 127.0.0.1 -U postgres wt_tick_reads
\timing on
DROP TABLE IF EXISTS export_period_claim;
CREATE TABLE export_period_claim (
  environment_id   BIGINT       NOT NULL,
  destination      VARCHAR(16)  NOT NULL,
  cadence          VARCHAR(10)  NOT NULL,
  period           INTEGER      NOT NULL,
  execution_id     BIGINT,
  attempts         INTEGER      NOT NULL,
  claimed_at       BIGINT       NOT NULL,
  claimed_by       VARCHAR(100) NOT NULL,
  state            VARCHAR(12)  DEFAULT 'started' NOT NULL,
  next_attempt_at  BIGINT,
  requested_at     BIGINT,
  PRIMARY KEY (environment_id, destination, cadence, period)
);
CREATE INDEX export_period_claim_state ON export_period_claim (environment_id, state);
CREATE INDEX export_period_claim_open ON export_period_claim (state, environment_id);
INSERT INTO export_period_claim (environment_id, destination, cadence, period, execution_id,
                                 attempts, claimed_at, claimed_by, state)
  SELECT e, 's3', 'daily', 20424 - d, e * 1000 + d, 1, 0, 'node-a',
         CASE WHEN d = 0 AND e % 200 = 0 THEN 'started' ELSE 'landed' END
  FROM generate_series(1, 10000) e, generate_series(0, 364) d;
VACUUM ANALYZE export_period_claim;
SELECT count(*) AS claims, pg_size_pretty(pg_total_relation_size('export_period_claim')) AS size
  FROM export_period_claim;

-- 1. before: the whole table aggregated (twice: cold, warm)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT environment_id, destination, cadence, MAX(period) FROM export_period_claim
  GROUP BY environment_id, destination, cadence;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT environment_id, destination, cadence, MAX(period) FROM export_period_claim
  GROUP BY environment_id, destination, cadence;

-- 2. now: one primary-key probe per schedule visited (10,000 schedules; twice)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT k.e, k.d, k.c, (SELECT MAX(p.period) FROM export_period_claim p
                         WHERE p.environment_id = k.e AND p.destination = k.d AND p.cadence = k.c)
  FROM (SELECT g AS e, 's3'::varchar AS d, 'daily'::varchar AS c FROM generate_series(1, 10000) g) k;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT k.e, k.d, k.c, (SELECT MAX(p.period) FROM export_period_claim p
                         WHERE p.environment_id = k.e AND p.destination = k.d AND p.cadence = k.c)
  FROM (SELECT g AS e, 's3'::varchar AS d, 'daily'::varchar AS c FROM generate_series(1, 10000) g) k;
-- … and as the app sends it: a VALUES list of 500 schedules
SELECT 'VALUES ' || string_agg(format('(%s::bigint, %L::varchar, %L::varchar)', g, 's3', 'daily'), ', ')
  AS list FROM generate_series(1, 500) g \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT k.e, k.d, k.c, (SELECT MAX(p.period) FROM export_period_claim p
                         WHERE p.environment_id = k.e AND p.destination = k.d AND p.cadence = k.c)
  FROM (:list) AS k (e, d, c);

-- 3. the open claims
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT environment_id, cadence, period, execution_id, attempts, state, claimed_at, next_attempt_at,
         claimed_by, requested_at, destination
  FROM export_period_claim WHERE state IN ('started', 'retrying') ORDER BY period;
