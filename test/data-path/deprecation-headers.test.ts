import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthzServer } from '@/lib/data-path/authz-server';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import { parseLimitsExport } from '@/lib/data-path/limits/limits-source';
import { createMetering, type Metering } from '@/lib/data-path/metering-settings';
import { startLocalIssuer, type LocalIssuer } from './local-issuer';

// A deprecated product's notice, as the data path gets it in the limits
// export: the ext_authz check's 200 carries `Deprecation` (RFC 9745) and
// `Sunset` (RFC 8594) for Envoy to pass to the client; other products' do not.
// A notice that is not in the expected shape refuses the whole export.

let issuer: LocalIssuer;
let metering: Metering;
let http: Server;
let url: string;

const DEPRECATED_AT = Date.UTC(2026, 11, 2, 12) / 1000;

beforeAll(async () => {
  issuer = await startLocalIssuer();
  const check = createDataPathCheck({ issuer: issuer.issuer, jwksUri: issuer.jwksUri });
  metering = createMetering(
    { refreshMs: 60_000, flushMs: 60_000 },
    {
      load: async () =>
        parseLimitsExport({
          version: 'v1',
          generatedAt: '',
          entries: [],
          notices: [{ productId: 'tracks', deprecatedAt: DEPRECATED_AT, sunset: '2027-06-30T00:00:00.000Z' }],
        }),
    },
  );
  await metering.limits.refresh();
  http = createAuthzServer({
    check,
    routes: { '/tracks': 'tracks', '/petstore': 'petstore' },
    metering: metering.meter(check, 'http'),
    productHeaders: (id) => metering.limits.table.productHeaders(id),
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  http?.close();
  await metering?.stop();
  await issuer?.stop();
});

describe('deprecation headers in the data path', () => {
  it('the check’s 200 for a deprecated product carries Deprecation and Sunset', async () => {
    const token = await issuer.sign({ client_id: 'c1', scope: 'tracks petstore' });
    const res = await fetch(`${url}/tracks/1`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('deprecation')).toBe(`@${DEPRECATED_AT}`);
    expect(res.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
    const other = await fetch(`${url}/petstore/1`, { headers: { authorization: `Bearer ${token}` } });
    expect(other.status).toBe(200);
    expect(other.headers.get('deprecation')).toBeNull();
  });

  it('a refused call carries no notice', async () => {
    const res = await fetch(`${url}/tracks/1`);
    expect(res.status).toBe(401);
    expect(res.headers.get('sunset')).toBeNull();
  });

  it('an export with a malformed notice is refused whole', () => {
    const base = { version: 'v', generatedAt: '', entries: [] };
    expect(() => parseLimitsExport({ ...base, notices: [{ productId: 'x', deprecatedAt: 'soon' }] })).toThrow(/product notice/);
    expect(() => parseLimitsExport({ ...base, notices: [{ productId: 'x', deprecatedAt: 1, sunset: 'never' }] })).toThrow(/product notice/);
    expect(parseLimitsExport(base).notices).toBeUndefined();
  });
});
