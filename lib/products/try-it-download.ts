import 'server-only';
import type { Db } from '../db';
import { productDocument } from './document-cache';
import { matchesEtag, productForDocument } from './document-download';

// GET /api/catalog/<slug>/operations: what the product page's try-it form
// offers, from the per-version cache (document-cache.ts). The browser fetches
// it when the form mounts instead of the page carrying it, so a product with
// a thousand operations costs its page nothing (docs/architecture.md,
// "Product pages and big documents").

export async function tryItOperationsResponse(db: Db, slug: string, req: Request): Promise<Response> {
  const product = await productForDocument(db, slug);
  const etag = `W/"${product.id}-${product.updatedAt.getTime()}-try-it"`;
  const headers = { etag, 'cache-control': 'private, no-cache', vary: 'accept-encoding, cookie' };
  if (matchesEtag(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  const doc = await productDocument(db, product);
  return Response.json(doc.operations, { headers });
}
