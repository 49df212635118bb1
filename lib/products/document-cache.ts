import 'server-only';
import { createHash } from 'node:crypto';
import yaml from 'js-yaml';
import type { Db } from '../db';
import { env } from '../env';
import { notFound } from '../errors';
import { SizeBoundedLru } from '../size-bounded-lru';
import { gatewayBase, tryItOperations, type TryItOperation } from './try-it-operations';

// A product's OpenAPI document, parsed once per product version and kept in a
// cache bounded by size (least recently used out first;
// docs/architecture.md, "Product pages and big documents"). The key is the
// product's id and updatedAt: any change to the product makes a new key, so a
// portal process never serves an old version, even when another replica made
// the change. Entries hold what pages and downloads need — the JSON as
// stored, the try-it operations — not the parsed tree, which takes
// several times the text's size in memory.

export interface ProductVersion {
  id: string;
  updatedAt: Date;
}

export interface CachedDocument {
  /** Weak: one validator for a representation, whatever its content coding. */
  etag: { json: string; yaml: string };
  json: string;
  operations: TryItOperation[];
  /** Every operation of the document (all HTTP methods; try-it offers the common five). */
  operationCount: number;
  gatewayBase?: string;
  /** Made on the first YAML download only. */
  yaml?: { text: string };
}

interface Entry {
  value: CachedDocument;
  bytes: number;
}

// The custom server and Next's bundles may each load this module: one cache per process, on globalThis.
const globalCache = globalThis as unknown as {
  __lanyardDocuments?: SizeBoundedLru<Entry>;
  __lanyardDocumentsLoading?: Map<string, Promise<Entry>>;
};

function cache(): SizeBoundedLru<Entry> {
  return (globalCache.__lanyardDocuments ??= new SizeBoundedLru<Entry>(env().LANYARD_OPENAPI_CACHE_MB * 1024 * 1024));
}
function loading(): Map<string, Promise<Entry>> {
  return (globalCache.__lanyardDocumentsLoading ??= new Map());
}

const keyOf = (p: ProductVersion) => `${p.id}:${p.updatedAt.getTime()}`;
const tag = (p: ProductVersion, representation: string) =>
  `W/"${createHash('sha256')
    .update(`${keyOf(p)}:${representation}`)
    .digest('base64url')
    .slice(0, 27)}"`;

// Strings count two bytes a character at most; a rough size is enough for a bound.
const sizeOf = (d: CachedDocument) => d.json.length + JSON.stringify(d.operations).length + (d.yaml ? d.yaml.text.length : 0);

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
function countOperations(doc: Record<string, unknown>): number {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown> | null>;
  return Object.values(paths).reduce((n, item) => n + Object.keys(item ?? {}).filter((k) => METHODS.has(k)).length, 0);
}

async function build(db: Db, product: ProductVersion): Promise<Entry> {
  const row = await db.apiProduct.findUnique({ where: { id: product.id }, select: { openapi: true, updatedAt: true } });
  if (!row) throw notFound('API product');
  const doc = JSON.parse(row.openapi) as Record<string, unknown>;
  const value: CachedDocument = {
    etag: { json: tag(product, 'json'), yaml: tag(product, 'yaml') },
    json: row.openapi,
    operations: tryItOperations(doc),
    operationCount: countOperations(doc),
    gatewayBase: gatewayBase(doc),
  };
  return { value, bytes: sizeOf(value) };
}

/** The product's document at this version, from the cache or loaded once (concurrent callers share the load). */
export async function productDocument(db: Db, product: ProductVersion): Promise<CachedDocument> {
  const key = keyOf(product);
  const hit = cache().get(key);
  if (hit) return hit.value;
  let load = loading().get(key);
  if (!load) {
    load = build(db, product).finally(() => loading().delete(key));
    loading().set(key, load);
    const entry = await load;
    cache().set(key, entry);
    return entry.value;
  }
  return (await load).value;
}

/** The YAML rendering of the document, made once per version. */
export async function productDocumentYaml(db: Db, product: ProductVersion): Promise<{ text: string; etag: string }> {
  const doc = await productDocument(db, product);
  if (!doc.yaml) {
    const text = yaml.dump(JSON.parse(doc.json), { noRefs: true, lineWidth: -1 });
    doc.yaml = { text };
    cache().resize(keyOf(product), sizeOf(doc));
  }
  return { ...doc.yaml, etag: doc.etag.yaml };
}

/** For tests: what the cache holds now. */
export function documentCacheStats(): { entries: number; bytes: number } {
  return { entries: cache().size, bytes: cache().bytes };
}

/** For tests: start from an empty cache. */
export function clearDocumentCache(): void {
  cache().clear();
}
