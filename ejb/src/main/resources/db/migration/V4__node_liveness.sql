-- Several nodes: each node's heartbeat, and which live node took over a dead node's execution
-- (the primary key lets exactly one node take over each execution).
CREATE TABLE node_heartbeat (
  node        VARCHAR(100) PRIMARY KEY,
  started_at  BIGINT       NOT NULL,
  last_seen   BIGINT       NOT NULL
);

CREATE TABLE execution_takeover (
  execution_id  BIGINT       PRIMARY KEY,
  dead_node     VARCHAR(100) NOT NULL,
  taken_by      VARCHAR(100) NOT NULL,
  taken_at      BIGINT       NOT NULL
);
