import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V1_OPENAPI } from '@/lib/api-v1/openapi-document';
import { V1_ROUTES } from '@/lib/api-v1/route-table';
import { seedLanyardApiProduct } from '@/lib/seed/lanyard-api-product';
import { listVersions } from '@/lib/versions/versions';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';

// The API's own document is in the catalog like any product, and stays the
// one /api/v1/openapi.json serves: a changed document becomes a new version.

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startEmbeddedIdp();
});
afterAll(async () => {
  await idp?.stop();
});

describe('the Lanyard API product', () => {
  it('is seeded once, with every /api/v1 operation, and the IdP knows its scope', async () => {
    expect(await seedLanyardApiProduct(idp.testDb.db, idp.adapter)).toBe('created');
    expect(await seedLanyardApiProduct(idp.testDb.db, idp.adapter)).toBe('unchanged');
    const row = await idp.testDb.db.apiProduct.findUniqueOrThrow({ where: { apiProductId: 'lanyard' } });
    expect(JSON.parse(row.openapi)).toEqual(JSON.parse(JSON.stringify(V1_OPENAPI)));
    const operations = Object.values(V1_ROUTES).reduce((n, m) => n + Object.keys(m).length, 0);
    expect(row.operationCount).toBe(operations);
    expect((await idp.adapter.listApiProducts()).map((p) => p.id)).toContain('lanyard');
  });

  it('a changed document becomes a new version', async () => {
    const row = await idp.testDb.db.apiProduct.findUniqueOrThrow({ where: { apiProductId: 'lanyard' } });
    const older = JSON.parse(row.openapi) as { paths: Record<string, unknown> };
    delete older.paths['/api/v1/audit'];
    await idp.testDb.db.apiProduct.update({ where: { id: row.id }, data: { openapi: JSON.stringify(older) } });
    await idp.testDb.db.productVersion.deleteMany({ where: { productId: row.id } });
    expect(await seedLanyardApiProduct(idp.testDb.db, idp.adapter)).toBe('updated');
    const [latest] = await listVersions(idp.testDb.db, 'lanyard');
    expect(latest?.number).toBe(2);
    expect(latest?.changes.added).toEqual([{ method: 'GET', path: '/api/v1/audit' }]);
  });
});
