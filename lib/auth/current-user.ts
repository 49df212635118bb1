import 'server-only';
import type { Session } from 'next-auth';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { cache } from 'react';
import { db } from '../db';
import { env } from '../env';
import { sessionCookieName, userForSessionToken } from './session-lookup';

export type SessionUser = Session['user'];

/**
 * The signed-in user of this request, or null. Server-side only. A layout and
 * its page both ask; React's per-request cache answers the second from the first.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  // Per-request by nature: never prerendered at build time.
  await connection();
  const token = (await cookies()).get(sessionCookieName(env().LANYARD_URL))?.value;
  return token ? userForSessionToken(db(), token) : null;
});
