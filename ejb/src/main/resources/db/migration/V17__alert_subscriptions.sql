-- Per-target event subscriptions (issue 22, PRODUCT.md §12): the events a notification target
-- receives, comma-separated JSON names (period.failed, export.paused, export.recovered); NULL
-- (targets made before) means every event. The test notification reaches every target.
ALTER TABLE notification_target ADD COLUMN events VARCHAR(200);
