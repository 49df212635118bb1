#!/usr/bin/env bash
# The portal for Playwright: a fresh database every run, then `npm start`.
set -euo pipefail
rm -f .data/e2e-"${PORT}".db*
exec npm start
