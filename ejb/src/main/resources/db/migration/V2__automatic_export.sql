-- Automatic export: per-environment settings (secrets encrypted) and per-period claims.

CREATE TABLE export_settings (
  environment_id         BIGINT PRIMARY KEY REFERENCES environment (id),
  enabled                BOOLEAN        NOT NULL,
  cadence                VARCHAR(10)    NOT NULL,
  provider               VARCHAR(10)    NOT NULL,
  bucket_url             VARCHAR(1000),
  bucket                 VARCHAR(255)   NOT NULL,
  region                 VARCHAR(64)    NOT NULL,
  key_prefix             VARCHAR(600)   NOT NULL,
  endpoint               VARCHAR(1000),
  -- AES-256-GCM tokens (v1:<keyId>:<base64>), bound to the environment and field.
  access_key_id_enc      VARCHAR(2000)  NOT NULL,
  secret_access_key_enc  VARCHAR(2000)  NOT NULL,
  access_key_id_hint     VARCHAR(20)    NOT NULL,
  object_slug            VARCHAR(100)   NOT NULL,
  -- The first period that may be exported (the day after the settings were first enabled).
  first_period           INTEGER        NOT NULL,
  updated_at             BIGINT         NOT NULL,
  updated_by             VARCHAR(100)
);

-- One row per environment x cadence x period that an automatic export was started for:
-- the idempotency key that makes "exactly one export per period" hold across nodes, timers
-- firing twice and manual starts. The job repository keeps the history; this only points at it.
CREATE TABLE export_period_claim (
  environment_id  BIGINT       NOT NULL,
  cadence         VARCHAR(10)  NOT NULL,
  period          INTEGER      NOT NULL,
  execution_id    BIGINT,
  attempts        INTEGER      NOT NULL,
  claimed_at      BIGINT       NOT NULL,
  claimed_by      VARCHAR(100) NOT NULL,
  PRIMARY KEY (environment_id, cadence, period)
);
