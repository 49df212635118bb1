# Lanyard's container image (docs/deployment.md). Build it from a clean
# checkout: `docker build -t lanyard .`. Its steps are the commands CI runs
# (.ci/run, scripts/test.sh), so the image is built the way the tests build.

# ---- build: install the locked versions, generate the clients, build Next ----
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# As .ci/run: the locked versions (npm ci refuses a lockfile without other
# platforms' optional binaries). postinstall generates both Prisma clients.
RUN npm install --no-save --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache test e2e

# ---- runtime: production dependencies only, a non-root user ----
FROM node:20.20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    # Replicas do not migrate or seed: a one-off `npm run migrate` job does.
    LANYARD_MIGRATE_ON_START=off \
    LANYARD_SEED_ON_START=off \
    LANYARD_DEMO=off
RUN groupadd --system --gid 10001 lanyard && useradd --system --uid 10001 --gid lanyard --home /app lanyard
COPY --from=build --chown=root:root /app /app
# Only the SQLite file (when SQLite is used) and Next's cache need to be
# writable; with PostgreSQL the root filesystem can be read-only.
RUN mkdir -p /app/.data /app/.next/cache && chown lanyard:lanyard /app/.data /app/.next/cache && chmod 0700 /app/.data
VOLUME ["/app/.data"]
USER lanyard
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The same entry point as `npm start`, without npm in the way of signals.
CMD ["node", "--import", "tsx", "--import", "./scripts/node/server-only.mjs", "scripts/start.ts"]
