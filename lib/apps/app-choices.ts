import 'server-only';
import type { Db } from '../db';
import { notFound } from '../errors';
import { booleanColumn, querySql } from '../db-sql';
import { reachableSql } from './access';

/** An app the product page offers in its subscribe and try-it menus. */
export interface AppChoice {
  id: string;
  name: string;
  /** Whether it holds an approved subscription to this product. */
  subscribed: boolean;
}

// A person with more apps than this subscribes the others from each app's page.
export const APP_CHOICES_SHOWN = 100;

/**
 * The newest apps the user can reach (their own and their teams'), with whether each
 * is subscribed to one product: only the columns the menus show, so a product
 * page costs the same however many products those apps subscribe to.
 */
export async function appChoices(db: Db, userId: string, productId: string): Promise<AppChoice[]> {
  // Every product page view asks, so it is one statement through the driver (lib/db-sql.ts).
  const rows = await querySql(
    db,
    (p) =>
      `SELECT a."id", a."name", EXISTS (SELECT 1 FROM "Subscription" s WHERE s."applicationId" = a."id" AND s."productId" = ${p(1)} AND s."status" = 'approved') AS "subscribed"
       FROM "Application" a WHERE ${reachableSql(p, 0)} ORDER BY a."createdAt" DESC, a."id" DESC LIMIT ${p(2)}`,
    [
      ['string', userId],
      ['string', productId],
      ['int', APP_CHOICES_SHOWN],
    ],
  );
  return rows.map((a) => ({ id: String(a.id), name: String(a.name), subscribed: booleanColumn(a.subscribed) }));
}

/** appChoices for the product at a catalog slug; 404 when there is none. Every signed-in product page view asks, so through the driver too. */
export async function appChoicesForProduct(db: Db, userId: string, slug: string): Promise<AppChoice[]> {
  const [product] = await querySql(db, (p) => `SELECT "id" FROM "ApiProduct" WHERE "slug" = ${p(0)}`, [['string', slug]]);
  if (!product) throw notFound('That API product');
  return appChoices(db, userId, String(product.id));
}
