import 'server-only';
import type { Db } from '../db';
import { documentFacts, LISTING_VERSION, productListing } from './listing';

// Rows published before the listing columns existed, or derived by an older
// LISTING_VERSION, are derived again here. `npm run migrate` (scripts/db.ts
// deploy) runs it after the migrations; it reads a few documents at a time, so
// its memory stays bounded at any catalog size, and it is safe to run twice or
// from two processes at once (each row's result is the same).

const BATCH = 20;

/** Derives the listing columns of every row that lacks the current ones; returns how many it wrote. */
export async function backfillListings(db: Db): Promise<number> {
  let written = 0;
  for (;;) {
    const rows = await db.apiProduct.findMany({
      where: { listingVersion: { lt: LISTING_VERSION } },
      select: { id: true, name: true, apiProductId: true, description: true, openapi: true, updatedAt: true },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    if (rows.length === 0) return written;
    for (const row of rows) {
      let document: unknown = null;
      try {
        document = JSON.parse(row.openapi);
      } catch {
        // A stored document that is not JSON lists as one without operations.
      }
      // updatedAt is kept: deriving columns is not a change anyone made, and
      // "recently updated" must not put every product first.
      await db.apiProduct.update({
        where: { id: row.id },
        data: { ...productListing(row, documentFacts(document)), updatedAt: row.updatedAt },
      });
      written += 1;
    }
  }
}
