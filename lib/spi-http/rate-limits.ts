import 'server-only';
import type { Db } from '../db';
import { clientAddress } from '../http/client-address';
import { assertFailuresBelow, countFailure, spendBudget } from '../rate-limit/policies';
import { isRateLimited } from '../rate-limit/rate-limited';
import type { SpiGuard } from './node';
import { errorResponse } from './responses';

/**
 * Per-caller limits on the SPI (docs/architecture.md, "Rate limits"): a
 * request budget per address per minute, and an address that keeps
 * presenting a wrong bearer token is stopped for the rest of the minute.
 * Over a limit: 429 with Retry-After, in Gloo's error shape.
 */
export function spiRateLimits(
  db: () => Db,
  options: { trustProxy: boolean; requestsPerMinute: number; authFailuresPerMinute?: number },
): SpiGuard {
  const failures = options.authFailuresPerMinute ?? 20;
  return {
    async before(req) {
      const address = clientAddress(req, options.trustProxy);
      try {
        await assertFailuresBelow(db(), 'spi-auth-failures', address, failures);
        await spendBudget(db(), 'spi-requests', address, options.requestsPerMinute);
        return undefined;
      } catch (err) {
        if (!isRateLimited(err)) throw err;
        return errorResponse(429, err.message, { 'retry-after': String(err.retryAfterSeconds) });
      }
    },
    after(req, response) {
      if (response.status === 401)
        void countFailure(db(), 'spi-auth-failures', clientAddress(req, options.trustProxy)).catch(() => undefined);
    },
  };
}
