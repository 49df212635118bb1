import 'server-only';
import type { Viewer } from '../apps/access';
import { audited } from '../audit/audited';
import type { Db } from '../db';
import { booleanColumn, dateColumn, querySql } from '../db-sql';
import { invalid, notFound } from '../errors';
import type { ApiProduct } from '../generated/prisma/client';
import { productChanged, productDeprecated } from '../notifications/announce';
import { limitsChanged } from '../plans/limits-changed';
import { insertVersionRow } from '../products/document-rows';
import { findProduct, findProductRef } from '../products/find-product';
import { diffOpenApi, NO_CHANGES, type ChangeSummary } from './changes';

// Product versions (docs/architecture.md, "Product versions"): every OpenAPI
// document a product was published with is kept, numbered from 1, with what
// changed from the one before. Publishing and updating (lib/products/) call
// recordVersion after the catalog row is written; a product published before
// versions existed gets its first version the first time it is needed.

export interface VersionSummary {
  number: number;
  version: string;
  createdAt: string;
  breaking: boolean;
  changes: ChangeSummary;
}

export interface VersionDetail extends VersionSummary {
  openapi: Record<string, unknown>;
}

type VersionRow = { number: number; version: string; createdAt: Date; breaking: boolean; changes: string };
/** What the changelog shows of a version: never its document. */
const toSummary = (r: VersionRow): VersionSummary => ({
  number: r.number,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  breaking: r.breaking,
  changes: { ...NO_CHANGES, ...(JSON.parse(r.changes) as Partial<ChangeSummary>) },
});

/**
 * Version 1 from the product's document, for a product published before
 * versions were kept. `known` is that document when the caller has it (an
 * update passes the row as it was); otherwise it is read, only when needed.
 */
async function ensureFirstVersion(db: Db, product: { id: string } & Partial<Pick<ApiProduct, 'version' | 'openapi'>>): Promise<void> {
  if (await db.productVersion.findFirst({ where: { productId: product.id }, select: { id: true } })) return;
  const known =
    product.openapi !== undefined && product.version !== undefined
      ? { version: product.version, openapi: product.openapi }
      : await db.apiProduct.findUniqueOrThrow({ where: { id: product.id }, select: { version: true, openapi: true } });
  // When another request wrote it first, that is the same row.
  await insertVersionRow(
    db,
    {
      productId: product.id,
      number: 1,
      version: known.version,
      openapi: known.openapi,
      changes: JSON.stringify(NO_CHANGES),
      breaking: false,
      createdById: null,
    },
    { ifAbsent: true },
  );
}

/**
 * Keeps the product's current document as a new version when it differs from
 * the latest one, with the change summary; subscribers hear of breaking changes.
 * `previous` is the row before an update. The caller holds the product's publish lock (lib/products/publish-product.ts)
 * or accepts that two updates at once are numbered in the order they land.
 */
export async function recordVersion(
  db: Db,
  product: ApiProduct,
  actor: Viewer | null,
  previous?: ApiProduct,
): Promise<VersionSummary | null> {
  // The document it replaces becomes version 1 if nothing was kept yet.
  if (previous) await ensureFirstVersion(db, previous);
  const latest = await db.productVersion.findFirst({ where: { productId: product.id }, orderBy: { number: 'desc' } });
  if (latest && latest.openapi === product.openapi) return null;
  const changes = latest
    ? diffOpenApi(JSON.parse(latest.openapi) as Record<string, unknown>, JSON.parse(product.openapi) as Record<string, unknown>)
    : NO_CHANGES;
  const row = {
    productId: product.id,
    number: (latest?.number ?? 0) + 1,
    version: product.version,
    openapi: product.openapi,
    changes: JSON.stringify(changes),
    breaking: changes.breaking.length > 0,
    createdById: actor?.id ?? null,
  };
  const createdAt = new Date();
  // Through the driver, as the product row is written (lib/products/document-rows.ts).
  await insertVersionRow(db, row, {}, createdAt);
  if (row.breaking)
    await productChanged(
      db,
      product,
      row.number,
      changes.breaking.map((b) => b.detail),
    );
  return toSummary({ ...row, createdAt });
}

/** Every version of a product, newest first (the changelog). */
export async function listVersions(db: Db, ref: string): Promise<VersionSummary[]> {
  return versionsOf(db, await findProductRef(db, ref));
}

/** The same, for a product the caller has already found (the product page): one query, unless version 1 is still to be kept. */
export async function versionsOf(db: Db, product: { id: string }): Promise<VersionSummary[]> {
  // Every product page view lists them (its changelog), so through the driver (lib/db-sql.ts).
  const list = async (): Promise<VersionRow[]> =>
    (
      await querySql(
        db,
        (p) =>
          `SELECT "number", "version", "createdAt", "breaking", "changes" FROM "ProductVersion" WHERE "productId" = ${p(0)} ORDER BY "number" DESC`,
        [['string', product.id]],
      )
    ).map((r) => ({
      number: Number(r.number),
      version: String(r.version),
      createdAt: dateColumn(r.createdAt),
      breaking: booleanColumn(r.breaking),
      changes: String(r.changes),
    }));
  let rows = await list();
  if (rows.length === 0) {
    await ensureFirstVersion(db, product);
    rows = await list();
  }
  return rows.map(toSummary);
}

export async function getVersion(db: Db, ref: string, number: number): Promise<VersionDetail> {
  const product = await findProductRef(db, ref);
  await ensureFirstVersion(db, product);
  const row = await db.productVersion.findUnique({ where: { productId_number: { productId: product.id, number } } });
  if (!row) throw notFound(`Version ${number} of ${product.name}`);
  return { ...toSummary(row), openapi: JSON.parse(row.openapi) as Record<string, unknown> };
}

/** The sunset date: a calendar day (UTC) after today, at most ten years ahead. */
export function parseSunset(day: string, now = new Date()): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw invalid('The sunset date must be a day like 2027-06-30', { sunset: 'Use YYYY-MM-DD' });
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day)
    throw invalid('The sunset date is not a real day', { sunset: 'Not a real day' });
  if (date <= now) throw invalid('The sunset date must be in the future', { sunset: 'Choose a day after today' });
  if (date.getTime() - now.getTime() > 10 * 366 * 86_400_000)
    throw invalid('The sunset date is too far ahead', { sunset: 'At most ten years ahead' });
  return date;
}

/**
 * Deprecates a product with a sunset date (or moves the date). The catalog
 * marks it, its subscribers are told, and the data path adds `Deprecation`
 * and `Sunset` headers to its responses (lib/data-path/deprecation.ts).
 */
export async function deprecateProduct(db: Db, actor: Viewer, ref: string, sunsetDay: string, now = new Date()): Promise<ApiProduct> {
  const product = await findProduct(db, ref);
  const sunsetAt = parseSunset(sunsetDay, now);
  const updated = await audited(
    db,
    { actor, action: 'product.deprecate', target: { type: 'api_product', id: product.apiProductId }, detail: { sunset: sunsetDay } },
    () => db.apiProduct.update({ where: { id: product.id }, data: { deprecatedAt: product.deprecatedAt ?? now, sunsetAt } }),
  );
  // The data path's notices travel with its limits table: reload it now.
  limitsChanged();
  await productDeprecated(db, updated, sunsetAt);
  return updated;
}

/** Takes a deprecation back: the headers stop and the catalog mark goes. */
export async function undeprecateProduct(db: Db, actor: Viewer, ref: string): Promise<ApiProduct> {
  const product = await findProduct(db, ref);
  if (!product.deprecatedAt) return product;
  const updated = await audited(
    db,
    { actor, action: 'product.undeprecate', target: { type: 'api_product', id: product.apiProductId } },
    () => db.apiProduct.update({ where: { id: product.id }, data: { deprecatedAt: null, sunsetAt: null } }),
  );
  limitsChanged();
  return updated;
}
