import 'server-only';
import type { Db } from '../db';
import { withLock } from '../locks/with-lock';

// Changes to one application's IdP client run one at a time, across every
// portal process: each computes "the approved products" and writes it to the
// IdP, and two interleaved writes would let the older set win.

export function withAppLock<T>(db: Db, appId: string, work: () => Promise<T>): Promise<T> {
  return withLock(db, `app:${appId}`, work);
}
