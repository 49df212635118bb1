import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spiRateLimits } from '@/lib/spi-http';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { startSpi, type RunningSpi } from './spi-server';

// Per-caller limits on the SPI over HTTP, counted in the database: a request
// budget per address, and a stop for an address that keeps sending a wrong
// bearer token. Every answer, 429s included, matches the SPI's OpenAPI document.

let idp: RunningIdp;
let spi: RunningSpi;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  spi = await startSpi(
    () => idp.adapter,
    undefined,
    spiRateLimits(() => idp.testDb.db, { trustProxy: false, requestsPerMinute: 4, authFailuresPerMinute: 2 }),
  );
});
afterAll(async () => {
  await spi.stop();
  await idp.stop();
});

describe('SPI rate limits', () => {
  it('refuses an address that keeps presenting a wrong token, before checking it again', async () => {
    expect((await spi.call('GET', '/api-products', { authorization: 'Bearer wrong-wrong-wrong-wrong-wrong-wrong' })).status).toBe(401);
    expect((await spi.call('GET', '/api-products', { authorization: 'Bearer wrong-wrong-wrong-wrong-wrong-wrong' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    const refused = await spi.call('GET', '/api-products');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.json).toMatchObject({ code: 429, message: 'Too Many Requests' });
  });
});
