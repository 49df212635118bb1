#!/usr/bin/env bash
# A throwaway Redis for the tests (the shared rate-limit counters), on
# loopback, without systemd and without persistence:
#   eval "$(bash scripts/services/redis.sh start)"   # exports LANYARD_TEST_REDIS_URL
#   bash scripts/services/redis.sh stop
# Installs Debian's redis-server when it is missing and we run as root (as
# postgres.sh does). It lives under $LANYARD_SERVICES_DIR (default:
# .data/services) on $LANYARD_REDIS_PORT (default 56379).
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${LANYARD_REDIS_PORT:-56379}"
BASE="$(realpath -m "${LANYARD_SERVICES_DIR:-.data/services}")"
DIR="$BASE/redis"
PIDFILE="$DIR/redis.pid"

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's redis-server (needed by the rate-limit tests)…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) >&2
  else
    echo "redis-server is not installed. Run: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
fi

case "${1:-start}" in
  start)
    mkdir -p "$DIR"
    if ! { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }; then
      redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --dir "$DIR" --pidfile "$PIDFILE" --logfile "$DIR/redis.log" >/dev/null
      for _ in $(seq 1 50); do
        redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
        sleep 0.1
      done
    fi
    echo "export LANYARD_TEST_REDIS_URL=redis://127.0.0.1:$PORT"
    ;;
  stop)
    if [ -s "$PIDFILE" ]; then
      kill "$(cat "$PIDFILE")" 2>/dev/null || true
      rm -f "$PIDFILE"
    fi
    ;;
  *)
    echo "usage: redis.sh start|stop" >&2
    exit 2
    ;;
esac
