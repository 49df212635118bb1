#!/usr/bin/env bash
# A loopback load balancer for the two-replica tests, without systemd:
#   bash scripts/services/haproxy.sh start <listen-port> <backend-port>...
#   bash scripts/services/haproxy.sh stop
# Round-robin over the backends, health-checked on /api/health/live, with the
# client's address in X-Forwarded-For and the serving backend's name in an
# X-Served-By response header (so tests can see the requests alternate).
# Installs Debian's haproxy when it is missing and we run as root.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR="$(realpath -m "${LANYARD_SERVICES_DIR:-.services}")/haproxy"

if ! command -v haproxy >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's haproxy (needed by the two-replica tests)…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null) >&2
  else
    echo "haproxy is not installed. Run: sudo apt-get install -y haproxy" >&2
    exit 1
  fi
fi

case "${1:-}" in
  start)
    listen="$2"; shift 2
    mkdir -p "$DIR"
    {
      printf 'global\n  maxconn 2000\n\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n  option forwardfor\n\n'
      printf 'frontend portal\n  bind 127.0.0.1:%s\n  default_backend replicas\n\n' "$listen"
      printf 'backend replicas\n  balance roundrobin\n  option httpchk GET /api/health/live\n  http-response set-header X-Served-By %%s\n'
      i=1
      for port in "$@"; do printf '  server replica%s 127.0.0.1:%s check inter 1s\n' "$i" "$port"; i=$((i + 1)); done
    } >"$DIR/haproxy.cfg"
    haproxy -c -q -f "$DIR/haproxy.cfg"
    haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
    ;;
  stop)
    [ -f "$DIR/haproxy.pid" ] && kill "$(cat "$DIR/haproxy.pid")" 2>/dev/null || true
    rm -f "$DIR/haproxy.pid"
    ;;
  *)
    echo "usage: haproxy.sh start <listen-port> <backend-port>... | stop" >&2
    exit 2
    ;;
esac
