import type { Db } from '../db';
import type { IdpAdapter } from '../idp/types';

// The IdP client of an application may request exactly the scopes of its
// approved subscriptions. Every change computes the new set, writes it to the
// IdP first and the database second; if the database write fails the IdP is
// put back, so the two never disagree for longer than one request.

export async function approvedProductIds(db: Db, applicationId: string): Promise<string[]> {
  const rows = await db.subscription.findMany({
    where: { applicationId, status: 'approved' },
    select: { product: { select: { apiProductId: true } } },
  });
  return rows.map((r) => r.product.apiProductId).sort();
}

export async function changeClientProducts<T>(
  db: Db,
  idp: IdpAdapter,
  app: { id: string; clientId: string | null },
  next: (current: string[]) => string[],
  writeDb: () => Promise<T>,
): Promise<T> {
  const current = await approvedProductIds(db, app.id);
  const wanted = [...new Set(next(current))].sort();
  const changes = app.clientId && wanted.join(' ') !== current.join(' ');
  if (changes) await idp.setClientApiProducts(app.clientId!, wanted);
  try {
    return await writeDb();
  } catch (err) {
    if (changes) {
      await idp.setClientApiProducts(app.clientId!, current).catch((undo: unknown) => {
        console.error(`Could not restore the scopes of IdP client ${app.clientId}; the drift report will show it:`, undo);
      });
    }
    throw err;
  }
}
