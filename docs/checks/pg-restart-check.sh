#!/usr/bin/env bash
# By-hand check of issue 20: the app on PostgreSQL keeps exporting after pg_ctlcluster restart.
set -u
# Usage: docs/checks/pg-restart-check.sh (restarts the local PostgreSQL 15 cluster once; run it by hand, never in CI)
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
LOG=/tmp/pg-restart-check.txt; : > $LOG
say() { echo "[$(date +%T)] $*" | tee -a $LOG; }
rm -rf /tmp/manual && git clone -q "$REPO" /tmp/manual && cd /tmp/manual || exit 1
say "commit $(git rev-parse --short HEAD)"
dropdb -h 127.0.0.1 -U postgres --if-exists wt_manual; createdb -h 127.0.0.1 -U postgres wt_manual
(EXPORT_LOOKBACK_PERIODS=60 DB_DRIVER=postgresql DB_URL=jdbc:postgresql://127.0.0.1:5432/wt_manual DB_USER=postgres DB_PASSWORD=postgres \
  mvn -B -Prun package > /tmp/manual-run.log 2>&1 &)
for i in $(seq 1 900); do
  curl -sf -u operator:operator http://localhost:8080/api/v1/environments > /tmp/envs.json 2>/dev/null && break; sleep 2; done
say "app up: $(head -c 200 /tmp/envs.json)"
ENV=$(python3 -c "import json;d=json.load(open('/tmp/envs.json'));d=d if isinstance(d,list) else d.get('items',d);print([e['id'] for e in d if e['name']=='Production'][0])")
say "demo environment $ENV"
sleep 60  # the start-up catch-up of the last 7 days
TODAY=$(date -u +%F)
FROM=$(date -u -d "$TODAY -45 days" +%F); TO=$(date -u -d "$TODAY -9 days" +%F)
say "backfill $FROM..$TO: $(curl -s -u operator:operator -H 'Content-Type: application/json' -d "{\"from\":\"$FROM\",\"to\":\"$TO\"}" http://localhost:8080/api/v1/environments/$ENV/export-settings/backfill | head -c 300)"
sleep 3
say "restarting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect 15 main restart; say "PostgreSQL restarted"
for i in $(seq 1 20); do say "ready: $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9990/health/ready) status: $(curl -s -o /dev/null -w '%{http_code}' -u operator:operator http://localhost:8080/api/v1/environments/$ENV/export-status)"; sleep 1; done
for i in $(seq 1 120); do
  curl -s -u operator:operator "http://localhost:8080/api/v1/environments/$ENV/export-calendar" > /tmp/cal.json
  N=$(python3 -c "import json;c=json.load(open('/tmp/cal.json'))['cells'];print(sum(1 for x in c if '$FROM'<=x['period']<='$TO' and x['state']=='landed'))")
  [ "$N" = "37" ] && break; sleep 5; done
say "landed after restart: $N of 37 (backfill $FROM..$TO)"
say "states: $(python3 -c "import json,collections;c=json.load(open('/tmp/cal.json'))['cells'];print(collections.Counter(x['state'] for x in c))")"
say "STARTED executions left: $(psql -h 127.0.0.1 -U postgres -d wt_manual -Atc "select count(*) from job_execution where batchstatus in ('STARTED','STARTING')")"
say "objects per period (should all be 1): $(find /tmp/manual/data/s3/warehouse-demo -name '*.csv' -path '*daily*' | sed 's|/[^/]*$||' | sort | uniq -c | awk '{print $1}' | sort | uniq -c | tr '\n' ' ')"
# new work after the restart: a second backfill lands too (ticks and pump alive)
FROM2=$(date -u -d "$TODAY -55 days" +%F); TO2=$(date -u -d "$TODAY -46 days" +%F)
say "second backfill $FROM2..$TO2: $(curl -s -u operator:operator -H 'Content-Type: application/json' -d "{\"from\":\"$FROM2\",\"to\":\"$TO2\"}" http://localhost:8080/api/v1/environments/$ENV/export-settings/backfill | head -c 200)"
for i in $(seq 1 60); do
  curl -s -u operator:operator "http://localhost:8080/api/v1/environments/$ENV/export-calendar" > /tmp/cal.json
  N2=$(python3 -c "import json;c=json.load(open('/tmp/cal.json'))['cells'];print(sum(1 for x in c if '$FROM2'<=x['period']<='$TO2' and x['state']=='landed'))")
  [ "$N2" = "10" ] && break; sleep 5; done
say "second backfill landed: $N2 of 10"
say "log lines 'This connection has been closed': $(grep -c 'This connection has been closed' /tmp/manual/ear/target/server/*/standalone/log/server.log)"
/tmp/manual/ear/target/server/wildfly-*/bin/jboss-cli.sh -c :shutdown >/dev/null 2>&1
sleep 5; pkill -f "s3proxy.*8333" ; say done
