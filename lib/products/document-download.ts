import 'server-only';
import type { Db } from '../db';
import { notFound } from '../errors';
import yaml from 'js-yaml';
import { productDocument, productDocumentYaml } from './document-cache';

// GET /apis/<slug>/openapi.json and .yaml: the document as stored, for the
// product page's renderer and for people who generate SDKs from it. Every
// product in the catalog is public (the catalog and product pages need no
// sign-in), so shared caches may keep it; they revalidate each time, and the
// ETag (the product's id and updatedAt) makes that a 304 until the product
// changes (docs/architecture.md, "Product pages and big documents").
// Compression is Next's (it gzips route responses itself, and would gzip a
// gzipped body a second time).

export type DocumentFormat = 'json' | 'yaml';

const CONTENT_TYPE: Record<DocumentFormat, string> = {
  json: 'application/json; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
};

/** Whether If-None-Match names this ETag (weak comparison, as for GET). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => bare(t) === bare(etag));
}

/**
 * `?version=N`: that kept version's document (lib/versions/), as the product
 * page's changelog links to it. A kept version never changes, so its ETag is
 * its number.
 */
async function keptVersion(db: Db, product: { id: string }, format: DocumentFormat, asked: string) {
  const number = /^[1-9]\d{0,8}$/.test(asked) ? Number(asked) : NaN;
  const row = Number.isNaN(number)
    ? null
    : await db.productVersion.findUnique({ where: { productId_number: { productId: product.id, number } }, select: { openapi: true } });
  if (!row) throw notFound(`Version ${asked} of this API product`);
  const text = format === 'json' ? row.openapi : yaml.dump(JSON.parse(row.openapi), { noRefs: true, lineWidth: -1 });
  return { text, etag: `W/"${product.id}-v${number}-${format}"` };
}

/** The product a document route serves, by slug: the row's version key (id, updatedAt) without the document. 404 when there is none. */
export async function productForDocument(db: Db, slug: string): Promise<{ id: string; slug: string; updatedAt: Date }> {
  const product = await db.apiProduct.findUnique({ where: { slug }, select: { id: true, slug: true, updatedAt: true } });
  if (!product) throw notFound('API product');
  return product;
}

export async function documentResponse(db: Db, slug: string, format: DocumentFormat, req: Request): Promise<Response> {
  const product = await productForDocument(db, slug);
  const asked = new URL(req.url).searchParams.get('version');
  const { text, etag } =
    asked !== null
      ? await keptVersion(db, product, format, asked)
      : format === 'json'
        ? await productDocument(db, product).then((doc) => ({ text: doc.json, etag: doc.etag.json }))
        : await productDocumentYaml(db, product);
  const headers: Record<string, string> = {
    etag,
    'cache-control': 'public, max-age=0, must-revalidate',
    vary: 'accept-encoding',
    'last-modified': product.updatedAt.toUTCString(),
  };
  if (matchesEtag(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = CONTENT_TYPE[format];
  headers['content-disposition'] = `inline; filename="${product.slug}.openapi.${format}"`;
  return new Response(text, { headers });
}
