#!/usr/bin/env bash
# The production topology on one machine (docs/deployment.md): two portal
# replicas started at the same moment on one empty PostgreSQL database,
# behind haproxy (round-robin), then the Playwright specs in e2e/replicas/
# through the balancer. Needs LANYARD_PG_ADMIN_URL (scripts/services/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${LANYARD_PG_ADMIN_URL:?start PostgreSQL first: eval \"\$(bash scripts/services/postgres.sh start)\"}"

BALANCER=3400
PORTS=(3401 3402)
LOGS="$(realpath -m .services/replicas)"
mkdir -p "$LOGS"
DB=lanyard_replicas
psql -q "$LANYARD_PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
DATABASE_URL="${LANYARD_PG_ADMIN_URL%/*}/$DB"

npx tsx scripts/build-if-changed.ts

export DATABASE_URL
export NEXTAUTH_SECRET="replicas-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export LANYARD_URL="http://localhost:$BALANCER"
export LANYARD_TRUST_PROXY=on
export LANYARD_DEMO=on
export LANYARD_SPI_TOKEN=replica-spi-bearer-credential-0123456789

pids=()
cleanup() {
  bash scripts/services/haproxy.sh stop
  # Each replica runs in its own process group (setsid): npm, start.ts and server.ts go together.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# Both at once, on an empty database: each migrates and seeds, and both must come up.
for port in "${PORTS[@]}"; do
  PORT=$port setsid npm start >"$LOGS/replica-$port.log" 2>&1 &
  pids+=($!)
done
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/api/health/ready" >/dev/null 2>&1 && break
    if ! kill -0 "${pids[0]}" 2>/dev/null || ! kill -0 "${pids[1]}" 2>/dev/null; then
      echo "A replica exited during start-up:" >&2; tail -n 30 "$LOGS"/replica-*.log >&2; exit 1
    fi
    sleep 1
  done
  curl -fs "http://127.0.0.1:$port/api/health/ready" >/dev/null || { echo "replica on $port never became ready" >&2; tail -n 30 "$LOGS/replica-$port.log" >&2; exit 1; }
done
echo "Both replicas are up on one database; their migration runs said: $(grep -hE 'applied|No pending' "$LOGS"/replica-*.log | tr '\n' ' ')"

bash scripts/services/haproxy.sh start "$BALANCER" "${PORTS[@]}"
E2E_PORT=$BALANCER npx playwright test --config e2e/replicas/playwright.config.ts
