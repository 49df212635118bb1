#!/usr/bin/env bash
# The portal for Playwright: a fresh database every run, then `npm start`.
set -euo pipefail
rm -f .data/e2e.db .data/e2e.db-journal .data/e2e.db-wal .data/e2e.db-shm
exec npm start
