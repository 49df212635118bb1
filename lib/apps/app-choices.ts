import 'server-only';
import type { Db } from '../db';
import { reachableApps } from './access';

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
  const rows = await db.application.findMany({
    where: await reachableApps(db, userId),
    select: { id: true, name: true, subscriptions: { where: { productId, status: 'approved' }, select: { id: true }, take: 1 } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: APP_CHOICES_SHOWN,
  });
  return rows.map((a) => ({ id: a.id, name: a.name, subscribed: a.subscriptions.length > 0 }));
}
