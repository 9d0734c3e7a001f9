-- Load one Warehouse Export company-usage CSV (schema version 1) into PostgreSQL 12 or later.
--
-- The CSV is read from psql's standard input, so this file runs unchanged for any file:
--
--   psql "postgresql://user@host:5432/analytics" -v ON_ERROR_STOP=1 \
--        -f postgresql.sql < company-usage-production-12-2026-11-26.csv
--
-- Loading a file whose (Company ID, Feature ID, Date) rows are already in the table fails on the
-- primary key and loads nothing; docs/schema.md shows how to replace a re-exported period.
-- Company and feature ids use COLLATE "C" so that ORDER BY gives the file's own row order.

CREATE TABLE IF NOT EXISTS company_usage (
  company_id          text COLLATE "C" NOT NULL,
  company_name        text,
  feature_name        text             NOT NULL,
  feature_id          text COLLATE "C" NOT NULL,
  date                date             NOT NULL,
  first_seen          date             NOT NULL,
  last_seen           date             NOT NULL,
  first_used          date,
  last_used           date,
  stars_state_label   text             NOT NULL,
  stars_state         smallint         NOT NULL CHECK (stars_state BETWEEN 1 AND 4),
  frequency_label     text             NOT NULL,
  frequency           smallint         NOT NULL CHECK (frequency BETWEEN 0 AND 3),
  satisfaction_label  text,
  satisfaction        smallint         CHECK (satisfaction BETWEEN 1 AND 5),
  feedback_count      integer          NOT NULL,
  segment_names       text,
  segment_ids         text,
  PRIMARY KEY (company_id, feature_id, date)
);

\copy company_usage FROM pstdin WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
