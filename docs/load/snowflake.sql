-- Load Warehouse Export company-usage CSVs (schema version 1) into Snowflake.
-- NOT executed by this project's tests (no Snowflake account in CI): review before use.
-- Replace <bucket>, <key>, and the credentials (or use a STORAGE INTEGRATION instead).

CREATE TABLE IF NOT EXISTS company_usage (
  company_id          VARCHAR  NOT NULL,
  company_name        VARCHAR,
  feature_name        VARCHAR  NOT NULL,
  feature_id          VARCHAR  NOT NULL,
  date                DATE     NOT NULL,
  first_seen          DATE     NOT NULL,
  last_seen           DATE     NOT NULL,
  first_used          DATE,
  last_used           DATE,
  stars_state_label   VARCHAR  NOT NULL,
  stars_state         SMALLINT NOT NULL,
  frequency_label     VARCHAR  NOT NULL,
  frequency           SMALLINT NOT NULL,
  satisfaction_label  VARCHAR,
  satisfaction        SMALLINT,
  feedback_count      INTEGER  NOT NULL,
  segment_names       VARCHAR,
  segment_ids         VARCHAR,
  PRIMARY KEY (company_id, feature_id, date)  -- informational only in Snowflake
);

CREATE FILE FORMAT IF NOT EXISTS company_usage_csv
  TYPE = CSV
  ENCODING = 'UTF8'
  FIELD_DELIMITER = ','
  RECORD_DELIMITER = '\n'
  SKIP_HEADER = 1
  FIELD_OPTIONALLY_ENCLOSED_BY = '"'
  ESCAPE_UNENCLOSED_FIELD = NONE
  EMPTY_FIELD_AS_NULL = TRUE
  NULL_IF = ()
  DATE_FORMAT = 'YYYY-MM-DD'
  ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE;

CREATE STAGE IF NOT EXISTS company_usage_stage
  URL = 's3://<bucket>/<key>/company-usage/'
  CREDENTIALS = (AWS_KEY_ID = '<access key id>' AWS_SECRET_KEY = '<secret access key>')
  FILE_FORMAT = company_usage_csv;

-- Every daily file not loaded yet (Snowflake remembers loaded files for 64 days; the manifests
-- are excluded by the pattern).
COPY INTO company_usage
  FROM @company_usage_stage/daily/
  PATTERN = '.*/company-usage-.*[.]csv'
  ON_ERROR = ABORT_STATEMENT;
