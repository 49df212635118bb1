#!/usr/bin/env bash
# Playwright drives Debian's Chromium: these machines cannot download
# Playwright's browsers. Install it when missing and we may; else say how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "Chromium not found at $CHROMIUM: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH) and retry." >&2
exit 1
