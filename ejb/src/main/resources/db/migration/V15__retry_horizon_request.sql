-- Retry horizon from the request (issue 20, PRODUCT.md §5): the 48 h give-up horizon counts from
-- the later of the period's due time and the moment someone last asked for it (a backfill, a
-- settings save, a resume, a re-export). NULL: nobody asked, the schedule claimed it.
ALTER TABLE export_period_claim ADD COLUMN requested_at BIGINT;
