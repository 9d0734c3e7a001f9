-- Ingestion key rotation (PRODUCT.md §1): after a rotation the previous key keeps working until
-- previous_key_expires_at (24 h by default), so senders can switch without losing events.
ALTER TABLE environment ADD COLUMN ingestion_key_created_at BIGINT;
ALTER TABLE environment ADD COLUMN previous_key_hash VARCHAR(64);
ALTER TABLE environment ADD COLUMN previous_key_hint VARCHAR(16);
ALTER TABLE environment ADD COLUMN previous_key_expires_at BIGINT;
UPDATE environment SET ingestion_key_created_at = created_at;
CREATE INDEX environment_previous_key_idx ON environment (previous_key_hash);
