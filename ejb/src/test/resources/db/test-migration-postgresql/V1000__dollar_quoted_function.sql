-- Test-only (FlywaySchemaTest): a PostgreSQL function whose dollar-quoted body holds semicolons,
-- which the old hand-written migrator split apart.
CREATE FUNCTION export_claim_count(env BIGINT) RETURNS BIGINT AS $$
DECLARE
  n BIGINT;
BEGIN
  SELECT count(*) INTO n FROM export_period_claim WHERE environment_id = env;
  RETURN n + length('a;b') - 3;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE after_function (id INTEGER PRIMARY KEY);
INSERT INTO after_function (id) VALUES (1);
