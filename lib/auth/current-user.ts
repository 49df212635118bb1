import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { connection } from 'next/server';
import { authOptions } from './options';

export type SessionUser = Session['user'];

/** The signed-in user of this request, or null. Server-side only. */
export async function currentUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerendered at build time.
  await connection();
  const session = await getServerSession(authOptions());
  return session?.user ?? null;
}
