import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveScopes } from '@/lib/access-tokens/scopes';
import {
  authenticateAccessToken,
  createAccessToken,
  hashAccessToken,
  listPersonalTokens,
  listServiceTokens,
  revokeAccessToken,
} from '@/lib/access-tokens/tokens';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { addPortalUser } from '../helpers/portal-fixtures';

// Tokens as their owners manage them: listed without the secret, revoked by
// the owner (or, for service tokens, any admin) and nobody else, expired at
// their date, and never more powerful than their owner.

let t: TestDb;
let admin: { id: string; email: string; role: 'admin' };
let other: { id: string; email: string; role: 'admin' };
let dev: { id: string; email: string; role: 'consumer' };

beforeAll(async () => {
  t = await createTestDb();
  admin = { ...(await addPortalUser(t.db, 'ada@example.com', true)), role: 'admin' };
  other = { ...(await addPortalUser(t.db, 'grace@example.com', true)), role: 'admin' };
  dev = { ...(await addPortalUser(t.db, 'dev@example.com')), role: 'consumer' };
});
afterAll(async () => {
  await t?.cleanup();
});

describe('access tokens', () => {
  it('effective scopes are the token’s scopes ∩ the owner’s rights', () => {
    const all = ['products:read', 'products:write', 'audit:read'];
    expect([...effectiveScopes(all, { isAdmin: true, disabled: false })]).toEqual(all);
    expect([...effectiveScopes(all, { isAdmin: false, disabled: false })]).toEqual(['products:read']);
    expect([...effectiveScopes(all, { isAdmin: true, disabled: true })]).toEqual([]);
    expect([...effectiveScopes(['no:such'], { isAdmin: true, disabled: false })]).toEqual([]);
  });

  it('lists show the prefix, never the token or its hash', async () => {
    const created = await createAccessToken(t.db, dev, 'personal', { name: 'laptop', scopes: ['apps:read'], expiresInDays: 7 });
    const [listed] = await listPersonalTokens(t.db, dev);
    expect(listed).toMatchObject({
      id: created.id,
      name: 'laptop',
      prefix: created.token.slice(0, 8),
      status: 'active',
      scopes: ['apps:read'],
    });
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(hashAccessToken(created.token));
    expect(await listPersonalTokens(t.db, admin)).toEqual([]);
  });

  it('expire at their date', async () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const created = await createAccessToken(t.db, dev, 'personal', { name: 'short', scopes: ['apps:read'], expiresInDays: 1 }, now);
    expect(created.expiresAt).toBe('2026-12-02T00:00:00.000Z');
    expect(await authenticateAccessToken(t.db, created.token, new Date('2026-12-01T23:59:59Z'))).not.toBeNull();
    expect(await authenticateAccessToken(t.db, created.token, new Date('2026-12-02T00:00:00Z'))).toBeNull();
  });

  it('are revoked by their owner, and service tokens by any admin; anyone else gets 404', async () => {
    const personal = await createAccessToken(t.db, admin, 'personal', { name: 'mine', scopes: ['audit:read'], expiresInDays: 7 });
    await expect(revokeAccessToken(t.db, other, personal.id)).rejects.toThrow(/not found/);
    const service = await createAccessToken(t.db, admin, 'service', { name: 'CI', scopes: ['products:write'], expiresInDays: 30 });
    await expect(revokeAccessToken(t.db, dev, service.id)).rejects.toThrow(/not found/);
    expect((await listServiceTokens(t.db)).map((s) => s.name)).toEqual(['CI']);
    const revoked = await revokeAccessToken(t.db, other, service.id);
    expect(revoked.status).toBe('revoked');
    expect(await authenticateAccessToken(t.db, service.token)).toBeNull();
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'token.revoke', targetId: service.id } });
    expect(audit.actorEmail).toBe(other.email);
    expect(audit.detail).not.toContain(service.token);
  });

  it('stand for their owner with the effective scopes', async () => {
    const created = await createAccessToken(t.db, admin, 'personal', {
      name: 'all',
      scopes: ['products:write', 'apps:read'],
      expiresInDays: 7,
    });
    const caller = await authenticateAccessToken(t.db, created.token);
    expect(caller?.user).toMatchObject({ id: admin.id, email: admin.email, role: 'admin' });
    expect([...caller!.scopes]).toEqual(['products:write', 'apps:read']);
    await t.db.user.update({ where: { id: admin.id }, data: { isAdmin: false } });
    expect([...(await authenticateAccessToken(t.db, created.token))!.scopes]).toEqual(['apps:read']);
    const last = created.token.at(-1) === 'x' ? 'y' : 'x';
    expect(await authenticateAccessToken(t.db, `${created.token.slice(0, -1)}${last}`)).toBeNull();
  });
});
