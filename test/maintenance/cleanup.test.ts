import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredRows } from '@/lib/maintenance/cleanup';
import { hitCounter } from '@/lib/rate-limit/counters';
import { addPortalUser } from '../helpers/portal-fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The periodic clean-up deletes what has expired and nothing else.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe('deleteExpiredRows', () => {
  it('removes expired IdP rows, sessions and ended counters, and keeps live ones', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const past = new Date(now.getTime() - 1000);
    const future = new Date(now.getTime() + 3600_000);
    await t.db.oidcPayload.createMany({
      data: [
        { model: 'AuthorizationCode', id: 'old', payload: '{}', expiresAt: past },
        { model: 'Session', id: 'live', payload: '{}', expiresAt: future },
        { model: 'Client', id: 'forever', payload: '{}' },
      ],
    });
    const user = await addPortalUser(t.db, 'someone@example.com');
    await t.db.session.createMany({
      data: [
        { tokenHash: 'expired', userId: user.id, expires: past },
        { tokenHash: 'valid', userId: user.id, expires: future },
      ],
    });
    await hitCounter(t.db, 'ended', 60_000, now.getTime() - 120_000);
    await hitCounter(t.db, 'current', 60_000, now.getTime());

    const result = await deleteExpiredRows(t.db, now);
    expect(result).toMatchObject({ oidc: 1, sessions: 1, counters: 1 });
    expect((await t.db.oidcPayload.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id)).toEqual(['forever', 'live']);
    expect((await t.db.session.findMany()).map((s) => s.tokenHash)).toEqual(['valid']);
    expect((await t.db.rateLimitCounter.findMany()).map((c) => c.key)).toEqual(['current']);
  });
});
