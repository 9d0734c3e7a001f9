-- PostgreSQL only (FlywaySchema.POSTGRESQL_LOCATION; H2 has no partial indexes and keeps V14's).
-- A late link reads the items of its user that wait for their company link (by_link), and nothing
-- else reads tracked_event or feedback by user: index only those rows. An item sent with its
-- companyId (by_link false, which never changes) no longer pays for a third B-tree on a text key
-- at every insert. The new index is built before the old one is dropped (both inside this
-- migration's transaction, which holds off writes to the table while it builds).
CREATE INDEX tracked_event_link_wait_idx ON tracked_event (environment_id, user_id, occurred_at)
  WHERE by_link;
DROP INDEX tracked_event_user_idx;
CREATE INDEX feedback_link_wait_idx ON feedback (environment_id, user_id, occurred_at)
  WHERE by_link;
DROP INDEX feedback_user_idx;
