-- Load one Warehouse Export company-usage CSV (schema version 1) into DuckDB 1.1 or later.
--
-- Replace {{CSV_PATH}} with the file's path or URL: a local path, an https:// URL, or (with the
-- httpfs extension and an S3 secret) s3://<bucket>/<key>/company-usage/daily/date=*/*.csv.
-- Every column type is given explicitly: nothing is sniffed, so an all-empty column stays DATE or
-- SMALLINT and a changed file layout fails loudly instead of loading shifted values.

CREATE TABLE company_usage AS
SELECT *
FROM read_csv(
  '{{CSV_PATH}}',
  header = true,
  auto_detect = false,
  delim = ',',
  quote = '"',
  escape = '"',
  new_line = '\n',
  encoding = 'utf-8',
  dateformat = '%Y-%m-%d',
  nullstr = '',
  strict_mode = true,
  columns = {
    'company_id': 'VARCHAR',
    'company_name': 'VARCHAR',
    'feature_name': 'VARCHAR',
    'feature_id': 'VARCHAR',
    'date': 'DATE',
    'first_seen': 'DATE',
    'last_seen': 'DATE',
    'first_used': 'DATE',
    'last_used': 'DATE',
    'stars_state_label': 'VARCHAR',
    'stars_state': 'SMALLINT',
    'frequency_label': 'VARCHAR',
    'frequency': 'SMALLINT',
    'satisfaction_label': 'VARCHAR',
    'satisfaction': 'SMALLINT',
    'feedback_count': 'INTEGER',
    'segment_names': 'VARCHAR',
    'segment_ids': 'VARCHAR'
  }
);
