#!/usr/bin/env bash
# Static checks of docker/ that need no Docker engine. Run from anywhere; exits non-zero on failure.
#   docker/validate.sh            # after `mvn -B install -DskipITs` (checks the COPY sources too)
#   docker/validate.sh --no-build # only the files themselves
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
failures=0
ok()   { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
skip() { echo "skip $*"; }

# 1. compose renders with the example environment (and refuses to render without the secrets)
compose=()
if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then compose=(docker-compose)
fi
if [ ${#compose[@]} -gt 0 ]; then
  if out=$(cd "$root" && "${compose[@]}" --env-file docker/.env.example -f docker/compose.yaml config 2>&1); then
    ok "${compose[*]} config renders docker/compose.yaml"
  else
    fail "${compose[*]} config: $out"
  fi
  empty=$(mktemp)
  if (cd "$root" && env -u DB_PASSWORD -u DB_USER -u WAREHOUSE_MASTER_KEYS -u MINIO_ROOT_USER -u MINIO_ROOT_PASSWORD \
        "${compose[@]}" --env-file "$empty" -f docker/compose.yaml config >/dev/null 2>&1); then
    fail "compose config succeeded without secrets: required variables must use \${VAR:?…}"
  else
    ok "compose config refuses to render without the required secrets"
  fi
  rm -f "$empty"
else
  skip "neither 'docker compose' nor 'docker-compose' is installed: compose file not rendered (the PyYAML checks below still run)"
fi

# 2. YAML structure
if python3 - "$here/compose.yaml" "$root" <<'PY'
import os, sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
services = doc["services"]
for name in ("app-1", "app-2", "postgres", "minio", "create-bucket"):
    assert name in services, f"service {name} missing"
apps = [services["app-1"], services["app-2"]]
for app in apps:
    context = os.path.normpath(os.path.join(os.path.dirname(sys.argv[1]), app["build"]["context"]))
    assert context == os.path.normpath(sys.argv[2]), f"build context {context} is not the repository root"
    assert os.path.isfile(os.path.join(context, app["build"]["dockerfile"])), "dockerfile not found from context"
    env = app["environment"]
    for var in ("DB_DRIVER", "DB_URL", "DB_USER", "DB_PASSWORD", "OPERATOR_PASSWORD",
                "WAREHOUSE_MASTER_KEYS", "S3_ENDPOINT_ALLOWLIST", "EXPORT_STORE_URL",
                "EXPORT_STORE_ACCESS_KEY_ID", "EXPORT_STORE_SECRET_ACCESS_KEY", "TIMER_PARTITION",
                "LOG_FORMAT"):
        assert var in env, f"app environment lacks {var}"
    assert env["DB_DRIVER"] == "postgresql"
    assert str(env["DB_URL"]).startswith("jdbc:postgresql://postgres:5432/")
    assert "0.0.0.0" in app["command"], "app must bind 0.0.0.0"
    test = " ".join(app["healthcheck"]["test"])
    assert "9990/health/ready" in test, f"health check must use /health/ready, is {test}"
    assert app["depends_on"]["postgres"]["condition"] == "service_healthy"
# several nodes: one database, one key ring, one store, one timer partition; their own names,
# host ports and data volumes
for var in ("DB_URL", "WAREHOUSE_MASTER_KEYS", "EXPORT_STORE_URL", "TIMER_PARTITION"):
    assert apps[0]["environment"][var] == apps[1]["environment"][var], f"{var} differs between the nodes"
names = [[a for a in app["command"] if a.startswith("-Djboss.node.name=")] for app in apps]
assert all(len(n) == 1 for n in names) and names[0] != names[1], f"each node needs its own jboss.node.name: {names}"
ports = [app["ports"][0] for app in apps]
assert ports[0] != ports[1], f"the nodes publish the same host port: {ports}"
volumes = [app["volumes"][0].split(":")[0] for app in apps]
assert volumes[0] != volumes[1], f"the nodes share a data volume: {volumes}"
assert services["postgres"]["image"].startswith("postgres:15")
PY
then ok "compose.yaml parses (PyYAML): two app nodes sharing database, key ring, store and timers; own names, ports, volumes; health checks on /health/ready"
else fail "compose.yaml structure (see above)"
fi

# 3. .env.example defines every variable compose.yaml references
missing=$(grep -oE '\$\{[A-Z0-9_]+' "$here/compose.yaml" | cut -c3- | sort -u | while read -r v; do
  grep -qE "^$v=" "$here/.env.example" || echo "$v"; done)
[ -z "$missing" ] && ok ".env.example covers every \${VAR} of compose.yaml" || fail ".env.example lacks: $missing"

# 4. Dockerfile essentials
df="$here/Dockerfile"
grep -qE '^FROM eclipse-temurin:17' "$df" && ok "Dockerfile: FROM eclipse-temurin:17…" || fail "Dockerfile: base image"
grep -qE '^USER [a-z]' "$df" && ! grep -qE '^USER (root|0)\b' "$df" && ok "Dockerfile: non-root USER" || fail "Dockerfile: no non-root USER"
grep -qE '^EXPOSE .*\b8080\b' "$df" && ok "Dockerfile: EXPOSE 8080" || fail "Dockerfile: EXPOSE 8080"
grep -qE '^HEALTHCHECK ' "$df" && ok "Dockerfile: HEALTHCHECK" || fail "Dockerfile: HEALTHCHECK"
grep -qE '9990/health/ready' "$df" && ok "Dockerfile: health check on /health/ready" || fail "Dockerfile: HEALTHCHECK must use /health/ready"
grep -qE '^CMD .*"-b", "0\.0\.0\.0"' "$df" && ok "Dockerfile: binds 0.0.0.0" || fail "Dockerfile: CMD must pass -b 0.0.0.0"
version=$(sed -n 's/^ARG WILDFLY_VERSION=//p' "$df")
pom_version=$(sed -n 's:.*<version.wildfly>\(.*\)</version.wildfly>.*:\1:p' "$root/pom.xml")
[ "$version" = "$pom_version" ] && ok "Dockerfile WildFly $version = pom's version.wildfly" \
  || fail "Dockerfile WILDFLY_VERSION '$version' differs from pom.xml version.wildfly '$pom_version'"

# 5. the COPY sources exist (they are produced by the Maven build)
if [ "${1:-}" != "--no-build" ]; then
  server="$root/ear/target/server/wildfly-$version"
  for f in "$server/bin/standalone.sh" "$server/jboss-modules.jar" "$server/modules/org/postgresql/main/postgresql.jar" \
           "$root/ear/target/warehouse-export.ear"; do
    [ -f "$f" ] && ok "exists: ${f#$root/}" || fail "missing: ${f#$root/} (run: mvn -B install -DskipITs)"
  done
  xml="$server/standalone/configuration/standalone.xml"
  grep -q 'AppDS' "$xml" 2>/dev/null \
    && ok "the provisioned standalone.xml is configured (AppDS)" || fail "standalone.xml not configured by configure-server.cli"
  grep -q 'urn:wildfly:microprofile-health-smallrye' "$xml" 2>/dev/null \
    && ok "standalone.xml: MicroProfile Health (/health/ready of the HEALTHCHECK)" || fail "standalone.xml lacks the microprofile-health-smallrye subsystem"
  grep -qE '<prometheus-registry[^>]*context="/metrics"' "$xml" 2>/dev/null \
    && ok "standalone.xml: Micrometer Prometheus registry at /metrics" || fail "standalone.xml lacks the Prometheus registry at /metrics"
  grep -q 'urn:wildfly:microprofile-openapi-smallrye' "$xml" 2>/dev/null \
    && ok "standalone.xml: MicroProfile OpenAPI" || fail "standalone.xml lacks the microprofile-openapi-smallrye subsystem"
  grep -q 'JSON-CONSOLE' "$xml" 2>/dev/null \
    && ok "standalone.xml: JSON console handler (LOG_FORMAT=json)" || fail "standalone.xml lacks the JSON-CONSOLE handler"
  grep -q -- '-Djboss.stability=community' "$server/bin/standalone.conf" 2>/dev/null \
    && ok "bin/standalone.conf starts at stability community (the Prometheus registry needs it)" \
    || fail "bin/standalone.conf lacks -Djboss.stability=community"
fi

if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
echo "all static checks passed (no image was built: that needs a Docker engine)"
