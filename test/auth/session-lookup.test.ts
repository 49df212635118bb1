import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hashSessionToken,
  SESSION_MAX_AGE_S,
  SESSION_UPDATE_AGE_S,
  sessionCookieName,
  userForSessionToken,
} from '@/lib/auth/session-lookup';
import { createTestDb, type TestDb } from '../helpers/test-db';

// How every page and route finds its signed-in user (lib/auth/session-lookup.ts):
// the cookie's hash looked up in the Session rows next-auth writes at sign-in.

let t: TestDb;
let userId: string;
const now = Date.now();

async function session(expiresInMs: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await t.db.session.create({ data: { tokenHash: hashSessionToken(token), userId, expires: new Date(now + expiresInMs) } });
  return token;
}

beforeAll(async () => {
  t = await createTestDb();
  const user = await t.db.user.create({
    data: { email: 'ada@example.com', name: 'Ada', isAdmin: true, groups: JSON.stringify(['lanyard-admins', 'ops']) },
  });
  userId = user.id;
});
afterAll(() => t.cleanup());

describe('the session lookup', () => {
  it('answers the user of a live session, as the session callback shapes it', async () => {
    const token = await session(SESSION_MAX_AGE_S * 1000);
    expect(await userForSessionToken(t.db, token, now)).toEqual({
      id: userId,
      email: 'ada@example.com',
      name: 'Ada',
      groups: ['lanyard-admins', 'ops'],
      role: 'admin',
    });
  });

  it('answers a consumer without a name as a consumer, with no groups', async () => {
    const consumer = await t.db.user.create({ data: { email: 'cy@example.com' } });
    const token = randomBytes(32).toString('base64url');
    await t.db.session.create({ data: { tokenHash: hashSessionToken(token), userId: consumer.id, expires: new Date(now + 60_000) } });
    expect(await userForSessionToken(t.db, token, now)).toEqual({
      id: consumer.id,
      email: 'cy@example.com',
      name: null,
      groups: [],
      role: 'consumer',
    });
  });

  it('knows no cookie it did not issue, and not the stored hash used as a cookie', async () => {
    const token = await session(SESSION_MAX_AGE_S * 1000);
    expect(await userForSessionToken(t.db, randomBytes(32).toString('base64url'), now)).toBeNull();
    expect(await userForSessionToken(t.db, hashSessionToken(token), now)).toBeNull();
  });

  it('refuses an expired session and deletes its row', async () => {
    const token = await session(-1000);
    expect(await userForSessionToken(t.db, token, now)).toBeNull();
    expect(await t.db.session.count({ where: { tokenHash: hashSessionToken(token) } })).toBe(0);
  });

  it('pushes the expiry of a session in use once it is older than the update age, and not before', async () => {
    const fresh = await session(SESSION_MAX_AGE_S * 1000);
    await userForSessionToken(t.db, fresh, now + 60_000);
    const untouched = await t.db.session.findUniqueOrThrow({ where: { tokenHash: hashSessionToken(fresh) } });
    expect(untouched.expires.getTime()).toBe(now + SESSION_MAX_AGE_S * 1000);

    const later = now + (SESSION_UPDATE_AGE_S + 1) * 1000;
    expect(await userForSessionToken(t.db, fresh, later)).not.toBeNull();
    const pushed = await t.db.session.findUniqueOrThrow({ where: { tokenHash: hashSessionToken(fresh) } });
    expect(pushed.expires.getTime()).toBe(later + SESSION_MAX_AGE_S * 1000);
  });

  it('reads the __Host- cookie over https, as next-auth sets it there', () => {
    expect(sessionCookieName('https://developers.example.com')).toBe('__Host-next-auth.session-token');
    expect(sessionCookieName('http://localhost:3000')).toBe('next-auth.session-token');
  });
});
