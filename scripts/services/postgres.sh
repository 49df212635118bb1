#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on loopback, without systemd:
#   eval "$(bash scripts/services/postgres.sh start)"   # exports LANYARD_PG_ADMIN_URL
#   bash scripts/services/postgres.sh stop
# Installs Debian's postgresql when it is missing and we run as root (as
# ensure-chromium.sh does for Chromium). The cluster lives under
# $LANYARD_SERVICES_DIR (default: .services; not inside .data/, which only
# the portal's own user may enter) and runs as the `postgres`
# user, in UTC with the C collation (docs/adr/0004-postgresql.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${LANYARD_PG_PORT:-55432}"
BASE="$(realpath -m "${LANYARD_SERVICES_DIR:-.services}")"
DATA="$BASE/postgres"

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$dir" ] && [ -x "$dir/postgres" ] && echo "$dir"
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's postgresql (needed by the PostgreSQL tests)…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    BIN="$(find_bin)"
  else
    echo "PostgreSQL is not installed. Run: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

case "${1:-start}" in
  start)
    mkdir -p "$BASE"
    if [ ! -s "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"
      [ "$(id -u)" = 0 ] && chown postgres "$DATA" && chmod 0700 "$DATA"
      as_postgres "'$BIN/initdb' -D '$DATA' -A trust -U postgres --locale=C.UTF-8 -E UTF8" >/dev/null
    fi
    if ! as_postgres "'$BIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; then
      as_postgres "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/server.log' -w -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c timezone=UTC -c max_connections=300 -c fsync=off\" start" >/dev/null
    fi
    echo "export LANYARD_PG_ADMIN_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_postgres "'$BIN/pg_ctl' -D '$DATA' -m fast stop" >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: postgres.sh start|stop" >&2
    exit 2
    ;;
esac
