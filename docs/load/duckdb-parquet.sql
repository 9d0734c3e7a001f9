-- Load Warehouse Export company-usage Parquet files (schema version 1) into DuckDB 1.1 or later.
--
-- Replace {{PARQUET_PATH}} with a file's path or URL, or a glob such as
-- s3://<bucket>/<key>/company-usage/daily/date=*/*.parquet (httpfs extension and an S3 secret).
-- The columns are typed in the file itself (VARCHAR, DATE, INTEGER); the codes are narrowed to
-- SMALLINT so the table is the same as the one docs/load/duckdb.sql makes from the CSV.
-- hive_partitioning = false: the files already hold the date; the date= folder would add it twice.

CREATE TABLE company_usage AS
SELECT
  company_id,
  company_name,
  feature_name,
  feature_id,
  "date",
  first_seen,
  last_seen,
  first_used,
  last_used,
  stars_state_label,
  CAST(stars_state AS SMALLINT) AS stars_state,
  frequency_label,
  CAST(frequency AS SMALLINT) AS frequency,
  satisfaction_label,
  CAST(satisfaction AS SMALLINT) AS satisfaction,
  feedback_count,
  segment_names,
  segment_ids
FROM read_parquet('{{PARQUET_PATH}}', hive_partitioning = false);
