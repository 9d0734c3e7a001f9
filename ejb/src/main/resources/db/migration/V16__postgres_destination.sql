-- Issue 23 item 2: the PostgreSQL table destination. An environment's automatic export goes to
-- its chosen destination kind ('s3' or 'postgresql'); the bucket columns stay as they were (kept
-- when the kind switches) but are no longer required, since a PostgreSQL-only environment has none.
ALTER TABLE export_settings ADD COLUMN destination_kind VARCHAR(16) DEFAULT 's3' NOT NULL;
ALTER TABLE export_settings ALTER COLUMN provider DROP NOT NULL;
ALTER TABLE export_settings ALTER COLUMN bucket DROP NOT NULL;
ALTER TABLE export_settings ALTER COLUMN region DROP NOT NULL;
ALTER TABLE export_settings ALTER COLUMN key_prefix DROP NOT NULL;
ALTER TABLE export_settings ALTER COLUMN access_key_id_enc DROP NOT NULL;
ALTER TABLE export_settings ALTER COLUMN secret_access_key_enc DROP NOT NULL;
ALTER TABLE export_settings ALTER COLUMN access_key_id_hint DROP NOT NULL;
ALTER TABLE export_settings ADD COLUMN pg_host VARCHAR(255);
ALTER TABLE export_settings ADD COLUMN pg_port INTEGER;
ALTER TABLE export_settings ADD COLUMN pg_database VARCHAR(100);
ALTER TABLE export_settings ADD COLUMN pg_schema VARCHAR(100);
ALTER TABLE export_settings ADD COLUMN pg_table VARCHAR(100);
ALTER TABLE export_settings ADD COLUMN pg_user VARCHAR(100);
-- AES-256-GCM token (v1:<keyId>:<base64>) bound to the environment and field, like the S3 secret.
ALTER TABLE export_settings ADD COLUMN pg_password_enc VARCHAR(2000);
ALTER TABLE export_settings ADD COLUMN pg_tls_mode VARCHAR(10);
