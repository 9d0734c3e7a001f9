-- FlywaySchemaTest.OnPostgresql: a migration step that takes longer than the connection's socket
-- timeout (an index build over a large table would), which the migration must outlast.
SELECT pg_sleep(2.5);
CREATE TABLE after_the_wait (id INTEGER);
