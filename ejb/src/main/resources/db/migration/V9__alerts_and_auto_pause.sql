-- Alerts and auto-pause (PRODUCT.md §8).

-- Notification targets per environment: a webhook (HTTPS URL, HMAC-SHA256 signing secret stored
-- AES-256-GCM encrypted like the S3 credentials) or a list of e-mail addresses.
CREATE SEQUENCE notification_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE notification_target (
  id              BIGINT        PRIMARY KEY,
  environment_id  BIGINT        NOT NULL REFERENCES environment (id),
  kind            VARCHAR(10)   NOT NULL,   -- webhook | email
  url             VARCHAR(2000),            -- webhook
  secret_enc      VARCHAR(2000),            -- webhook: v1:<keyId>:<base64>, bound to the target
  addresses       VARCHAR(2000),            -- email: comma-separated
  created_at      BIGINT        NOT NULL,
  created_by      VARCHAR(100)
);
CREATE INDEX notification_target_env ON notification_target (environment_id);

-- The outbox: one row per message and target, delivered by a timer on any node and retried with
-- backoff until it is delivered or given up. A node takes a row by moving next_attempt_at forward
-- (compare-and-set on attempts), so each attempt is made by one node.
CREATE TABLE notification_delivery (
  id               BIGINT         PRIMARY KEY,
  target_id        BIGINT         NOT NULL,
  environment_id   BIGINT         NOT NULL,
  event            VARCHAR(20)    NOT NULL,
  payload          VARCHAR(8000)  NOT NULL,   -- the JSON body (no secrets)
  state            VARCHAR(12)    NOT NULL,   -- pending | delivered | failed
  attempts         INTEGER        NOT NULL,
  next_attempt_at  BIGINT,
  last_error       VARCHAR(1000),
  created_at       BIGINT         NOT NULL
);
CREATE INDEX notification_delivery_due ON notification_delivery (state, next_attempt_at);

-- Per environment: automatic export paused by itself after consecutive periods failed for good
-- (paused_at set), and whether the last final outcome was a failure (the next landing is a
-- "recovered" event).
CREATE TABLE export_alert_state (
  environment_id  BIGINT         PRIMARY KEY REFERENCES environment (id),
  failing         BOOLEAN        NOT NULL,
  paused_at       BIGINT,
  paused_reason   VARCHAR(2000)
);

-- export_period_claim.state may now also be 'paused': a period that fell due while automatic export
-- was auto-paused (no execution); resuming drops these claims so the next tick exports them.
