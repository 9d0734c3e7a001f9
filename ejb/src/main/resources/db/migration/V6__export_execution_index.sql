-- Which environment each export job execution belongs to, so that status and history read only the
-- executions they show (the JBeret job repository stays the history; this only points into it).
-- Written when an execution is started or restarted (JobOperatorExportOperations); executions from
-- before this migration, or whose row was lost to a crash right after the start, are filled in at
-- server start from JOB_EXECUTION's parameters (ExportExecutionIndex.backfill).
CREATE TABLE export_execution_index (
  execution_id    BIGINT       PRIMARY KEY,
  environment_id  BIGINT       NOT NULL,
  destination     VARCHAR(20)  NOT NULL
);
CREATE INDEX export_execution_index_env ON export_execution_index (environment_id, execution_id);
CREATE INDEX export_execution_index_env_dest
  ON export_execution_index (environment_id, destination, execution_id);

-- The scheduler reads all open claims (started / retrying) of all environments in one query per
-- tick instead of one query per environment.
CREATE INDEX export_period_claim_open ON export_period_claim (state, environment_id);
