-- PostgreSQL only (FlywaySchema.POSTGRESQL_LOCATION; H2 compares strings by code unit already).
-- The tracking keys (company, user, feature, attribute and message ids) compare by byte: COLLATE "C".
-- Under a libc locale such as C.UTF-8 or en_US.UTF-8 every B-tree comparison of these keys called
-- strcoll; in the ingestion benchmark's profile (issue 24) text comparisons were a fifth of the
-- database's CPU per event. The export already orders companies by code point (COLLATE "C",
-- SqlDialect.binaryOrder), which the primary keys now give without a sort. Ids are opaque: nothing
-- sorts them for people, and equality is the same under any deterministic collation.
-- Changing only the collation rewrites no table, but rebuilds the indexes on these columns (the
-- migration's transaction holds off writes to each table while its indexes are rebuilt).
ALTER TABLE company ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C";
ALTER TABLE company_attribute
  ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C",
  ALTER COLUMN attr_key TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE company_day ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C";
ALTER TABLE feature ALTER COLUMN feature_key TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE feedback
  ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C",
  ALTER COLUMN feature_key TYPE VARCHAR(200) COLLATE "C",
  ALTER COLUMN user_id TYPE VARCHAR(500) COLLATE "C";
ALTER TABLE ingested_message ALTER COLUMN message_id TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE tracked_event
  ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C",
  ALTER COLUMN event_name TYPE VARCHAR(200) COLLATE "C",
  ALTER COLUMN user_id TYPE VARCHAR(500) COLLATE "C";
ALTER TABLE tracked_user ALTER COLUMN user_id TYPE VARCHAR(500) COLLATE "C";
ALTER TABLE usage_day
  ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C",
  ALTER COLUMN feature_key TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE usage_summary
  ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C",
  ALTER COLUMN feature_key TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE user_attribute
  ALTER COLUMN user_id TYPE VARCHAR(500) COLLATE "C",
  ALTER COLUMN attr_key TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE user_company_link
  ALTER COLUMN company_id TYPE VARCHAR(500) COLLATE "C",
  ALTER COLUMN user_id TYPE VARCHAR(500) COLLATE "C";
