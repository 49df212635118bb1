#!/usr/bin/env bash
# `npm test`: every test Lanyard has. Format, lint, types, migrations (offline), unit and
# integration tests (vitest), then the browser tests (Playwright + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-chromium.sh

# Each step says how long the one before it took, so a slow step shows.
START=$SECONDS
LAST=$SECONDS
step() {
  [ "$LAST" != "$START" ] || [ "$SECONDS" != "$START" ] && printf '   (%ss)\n' "$((SECONDS - LAST))"
  LAST=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$1"
}
trap_end() { printf '   (%ss)\n\n== npm test took %ss\n' "$((SECONDS - LAST))" "$((SECONDS - START))"; }
step "Format";       npx prettier --check --log-level warn .
step "Lint";         npx eslint --max-warnings 0 .
step "Types";        npx tsc --noEmit
# A real PostgreSQL on loopback for the migration check and the second
# integration run (installed from Debian's packages when missing).
eval "$(bash scripts/services/postgres.sh start)"
# A real Redis on loopback for the shared rate-limit counters (two authz
# processes drawing on one quota); the tests that need it read LANYARD_TEST_REDIS_URL.
eval "$(bash scripts/services/redis.sh start)"
trap 'bash scripts/services/postgres.sh stop; bash scripts/services/redis.sh stop' EXIT

step "Migrations (SQLite and PostgreSQL)"; LANYARD_CHECK_POSTGRES_URL="$LANYARD_PG_ADMIN_URL" npm run --silent db:check
step "Vitest on SQLite";     npx vitest run
step "Vitest on PostgreSQL"; LANYARD_TEST_POSTGRES_URL="$LANYARD_PG_ADMIN_URL" npx vitest run
# The production build the browser tests run against, built here rather than
# inside Playwright's web-server start, whose timeout a cold build on two cores can pass.
step "Build";        npx tsx scripts/build-if-changed.ts
step "Playwright";   npx playwright test
step "Two replicas on PostgreSQL behind haproxy"; bash scripts/e2e-replicas.sh
trap_end
