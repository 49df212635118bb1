import 'server-only';
import type { Db } from '../db';
import { createMetering, type Metering } from '../data-path/metering-settings';
import type { Env } from '../env';
import { exportLimits } from '../plans/limits-export';
import { onLimitsChanged } from '../plans/limits-changed';
import { ingestUsage } from './ingest-usage';
import { usageRetention } from './settings';

// Plans and usage for the data path inside the portal (the demo gateway):
// the limits table read straight from the database, reloaded the moment a
// plan or subscription changes (limits-changed.ts), and usage written
// straight into it. The counters are in process unless LANYARD_REDIS_URL
// names a Redis shared with other gateways.

export function portalMetering(db: () => Db, config: Env): Metering {
  const metering = createMetering(
    {
      refreshMs: 30_000,
      flushMs: config.LANYARD_USAGE_FLUSH_SECONDS * 1000,
      ...(config.LANYARD_REDIS_URL && { redis: { url: config.LANYARD_REDIS_URL, prefix: config.LANYARD_REDIS_PREFIX } }),
    },
    {
      load: async (known) => {
        const exported = await exportLimits(db());
        return exported.version === known ? 'unchanged' : exported;
      },
      sink: async (rows) => {
        await ingestUsage(db(), rows, usageRetention());
      },
    },
  );
  onLimitsChanged(() => void metering.limits.refresh());
  return metering;
}
