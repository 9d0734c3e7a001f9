-- Late, repeated and old tracking data (issue 20, PRODUCT.md §2). Portable: H2 2.x and PostgreSQL.

-- Idempotent ingestion: the messageIds an environment stored, kept as long as raw events
-- (RAW_EVENT_RETENTION). The primary key is what makes two copies in flight at once (two requests,
-- two nodes) store one: the second insert waits for the first and then conflicts.
CREATE TABLE ingested_message (
  environment_id  BIGINT        NOT NULL,
  message_id      VARCHAR(200)  NOT NULL,
  received_at     BIGINT        NOT NULL,
  PRIMARY KEY (environment_id, message_id)
);
CREATE INDEX ingested_message_received_idx ON ingested_message (received_at);

-- Late links: by_link marks an event or feedback sent without companyId, whose company follows the
-- user's links (a link arriving later may move it). Existing rows without a company were such.
ALTER TABLE tracked_event ADD COLUMN by_link BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE tracked_event SET by_link = TRUE WHERE company_id IS NULL;
ALTER TABLE feedback ADD COLUMN by_link BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE feedback SET by_link = TRUE WHERE company_id IS NULL;
-- A late link reads its user's items from the link's time on.
CREATE INDEX tracked_event_user_idx ON tracked_event (environment_id, user_id, occurred_at);
CREATE INDEX feedback_user_idx ON feedback (environment_id, user_id, occurred_at);
-- Raw-event retention removes by arrival.
CREATE INDEX tracked_event_received_idx ON tracked_event (received_at);

-- How many sightings (company calls, events, feedback) a company day holds, so that one a late
-- link moves away can be taken off and an emptied day removed. Days stored before this version
-- do not know theirs: a count no move can use up keeps them.
ALTER TABLE company_day ADD COLUMN sightings BIGINT DEFAULT 1000000000 NOT NULL;
