#!/usr/bin/env bash
# The portal for Playwright: a build of the current sources, a fresh
# database every run, then `npm start`.
set -euo pipefail
npx tsx scripts/build-if-changed.ts
rm -f .data/e2e-"${PORT}".db*
exec npm start
