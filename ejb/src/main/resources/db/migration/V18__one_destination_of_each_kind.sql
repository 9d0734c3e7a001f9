-- PRODUCT.md §11: one environment may have one destination of each kind (a bucket AND a PostgreSQL
-- table), each with its own switch, schedule, claims, status and auto-pause.
--
-- export_settings: the bucket keeps enabled / cadence / first_period; the table gets its own.
-- destination_kind now only names the kind saved last (the console's and API's default).
ALTER TABLE export_settings ADD COLUMN pg_enabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE export_settings ADD COLUMN pg_cadence VARCHAR(10);
ALTER TABLE export_settings ADD COLUMN pg_first_period INTEGER;
UPDATE export_settings SET pg_cadence = cadence, pg_first_period = first_period
  WHERE pg_host IS NOT NULL;
-- An environment that exported to its table (V16: one kind at a time) keeps doing so; its bucket,
-- if one was saved before, stays switched off as it was.
UPDATE export_settings SET pg_enabled = enabled, enabled = FALSE
  WHERE destination_kind = 'postgresql';

-- Claims are per destination: the key gains the destination kind. Rebuilt (not altered) because
-- the primary key's constraint name differs between H2 and PostgreSQL. Existing claims belong to
-- the kind their environment exported to.
CREATE TABLE export_period_claim_v18 (
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
INSERT INTO export_period_claim_v18 (environment_id, destination, cadence, period, execution_id,
    attempts, claimed_at, claimed_by, state, next_attempt_at, requested_at)
  SELECT c.environment_id,
         COALESCE((SELECT s.destination_kind FROM export_settings s
                   WHERE s.environment_id = c.environment_id), 's3'),
         c.cadence, c.period, c.execution_id, c.attempts, c.claimed_at, c.claimed_by, c.state,
         c.next_attempt_at, c.requested_at
  FROM export_period_claim c;
DROP TABLE export_period_claim;
ALTER TABLE export_period_claim_v18 RENAME TO export_period_claim;
CREATE INDEX export_period_claim_state ON export_period_claim (environment_id, state);
CREATE INDEX export_period_claim_open ON export_period_claim (state, environment_id);

-- Failing mark and auto-pause are per destination too: a table that keeps failing pauses the
-- table, not the bucket.
CREATE TABLE export_alert_state_v18 (
  environment_id  BIGINT         NOT NULL REFERENCES environment (id),
  destination     VARCHAR(16)    NOT NULL,
  failing         BOOLEAN        NOT NULL,
  paused_at       BIGINT,
  paused_reason   VARCHAR(2000),
  PRIMARY KEY (environment_id, destination)
);
INSERT INTO export_alert_state_v18 (environment_id, destination, failing, paused_at, paused_reason)
  SELECT a.environment_id,
         COALESCE((SELECT s.destination_kind FROM export_settings s
                   WHERE s.environment_id = a.environment_id), 's3'),
         a.failing, a.paused_at, a.paused_reason
  FROM export_alert_state a;
DROP TABLE export_alert_state;
ALTER TABLE export_alert_state_v18 RENAME TO export_alert_state;
