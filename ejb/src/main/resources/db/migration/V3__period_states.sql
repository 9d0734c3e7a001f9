-- Every period lands: each claimed period keeps its delivery state, so a failed attempt is retried
-- with backoff until it lands or the give-up horizon passes, across restarts and nodes.
--   started  : an attempt is running (execution_id set), or being started (NULL / negative
--              placeholder since claimed_at: stale after the claim deadline, then started again)
--   retrying : the last attempt failed; the next one is due at next_attempt_at (epoch millis)
--   landed   : the object and its manifest are in the bucket
--   failed   : failed for good (the give-up horizon passed); a settings save retries it
--   missed   : fell outside the look-back window before it was ever attempted (shown, not run)
ALTER TABLE export_period_claim ADD COLUMN state VARCHAR(12) DEFAULT 'started' NOT NULL;
ALTER TABLE export_period_claim ADD COLUMN next_attempt_at BIGINT;
CREATE INDEX export_period_claim_state ON export_period_claim (environment_id, state);
