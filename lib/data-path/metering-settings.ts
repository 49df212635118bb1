import { createLimitsSource, fileLimitsLoader, remoteLimitsLoader, type LimitsLoader, type LimitsSource } from './limits/limits-source';
import { createMeteredCheck, type MeteredCheck } from './metered-check';
import { DataPathMetrics, type Transport } from './metrics';
import type { Limiter } from './rate-limit/limiter';
import { createMemoryLimiter } from './rate-limit/memory-limiter';
import { createRedisLimiter } from './rate-limit/redis-limiter';
import type { DataPathCheck } from './types';
import { createUsageFlusher, remoteUsageSink, type UsageFlusher, type UsageSink } from './usage/usage-flusher';
import { UsageRecorder } from './usage/usage-recorder';

// Plans and usage for one data-path process, put together from its settings
// (docs/adr/0006-plan-limits-in-the-data-path.md): where the limits table
// comes from (the portal's export, a file, or — inside the portal — its
// database), which limiter store (in process, or Redis when
// LANYARD_REDIS_URL is set), and where usage goes (the portal's ingest
// endpoint, or its database). The HTTP and gRPC listeners of one process
// share all of it, so they enforce one allowance and count into one place.

/** The portal's API for the data path: GET …/limits, POST …/usage (bearer LANYARD_DATA_PATH_TOKEN). */
export const DATA_PATH_API = '/api/data-path/v1';

export interface MeteringSettings {
  limits?: { kind: 'portal'; url: string; token: string } | { kind: 'file'; path: string };
  usage?: { url: string; token: string };
  redis?: { url: string; prefix: string };
  refreshMs: number;
  flushMs: number;
}

export interface Metering {
  readonly metrics: DataPathMetrics;
  readonly limits: LimitsSource;
  readonly limiter: Limiter;
  readonly recorder: UsageRecorder;
  readonly flusher?: UsageFlusher;
  /** The check with plans applied, for one transport (they share limits, limiter and usage). */
  meter(check: DataPathCheck, transport: Transport, options?: { recordAdmitted?: boolean }): MeteredCheck;
  start(): void;
  /** Stops polling, flushes what is left and closes the limiter store. */
  stop(): Promise<void>;
}

export interface MeteringParts {
  /** Overrides settings.limits (the portal passes its database). */
  load?: LimitsLoader;
  /** Overrides settings.usage (the portal writes its database). */
  sink?: UsageSink;
  metrics?: DataPathMetrics;
  log?: (line: string) => void;
}

/** Logs a failure once until it clears, not once per poll. */
function onceUntilCleared(log: (line: string) => void, what: string) {
  let failing = false;
  return {
    fail(err: unknown) {
      if (!failing) log(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      failing = true;
    },
    ok() {
      failing = false;
    },
  };
}

export function createMetering(settings: MeteringSettings, parts: MeteringParts = {}): Metering {
  const log = parts.log ?? ((line) => console.warn(line));
  const metrics = parts.metrics ?? new DataPathMetrics();
  const limitsErrors = onceUntilCleared(log, 'warning: the limits table could not be refreshed (the last one stays in force)');
  const load =
    parts.load ??
    (settings.limits?.kind === 'portal'
      ? remoteLimitsLoader(settings.limits.url, settings.limits.token)
      : settings.limits?.kind === 'file'
        ? fileLimitsLoader(settings.limits.path)
        : undefined);
  const limits = createLimitsSource({
    load: load
      ? async (version) => {
          const result = await load(version);
          limitsErrors.ok();
          return result;
        }
      : async () => 'unchanged',
    refreshMs: settings.refreshMs,
    onError: (err) => limitsErrors.fail(err),
  });
  const storeErrors = onceUntilCleared(log, 'warning: the Redis limiter failed; requests are admitted without limits meanwhile');
  const limiter = settings.redis
    ? createRedisLimiter({ url: settings.redis.url, prefix: settings.redis.prefix, onError: (err) => storeErrors.fail(err) })
    : createMemoryLimiter();
  const recorder = new UsageRecorder();
  const sink = parts.sink ?? (settings.usage ? remoteUsageSink(settings.usage.url, settings.usage.token) : undefined);
  const flushErrors = onceUntilCleared(log, 'warning: usage could not be flushed (kept for the next flush)');
  const flusher = sink
    ? createUsageFlusher({
        recorder,
        sink: async (rows) => {
          await sink(rows);
          flushErrors.ok();
        },
        intervalMs: settings.flushMs,
        onError: (err) => flushErrors.fail(err),
      })
    : undefined;
  metrics.watch({ limits, recorder, flusher });

  return {
    metrics,
    limits,
    limiter,
    recorder,
    flusher,
    // Without a sink nothing would ever empty the recorder: usage is counted only with one.
    meter: (check, transport, options = {}) =>
      createMeteredCheck({ check, transport, limits, limiter, metrics, usage: flusher ? recorder : undefined, ...options }),
    start() {
      if (load) limits.start();
      flusher?.start();
    },
    async stop() {
      limits.stop();
      await flusher?.stop();
      await limiter.close();
    },
  };
}
