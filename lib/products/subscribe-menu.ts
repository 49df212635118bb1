import 'server-only';
import type { Db } from '../db';
import { plansByProduct } from '../plans/list-plans';
import type { PlanView } from '../plans/plan-view';
import { catalogOptions } from './catalog';
import type { CatalogOption } from './product-summary';

/**
 * What an app page's subscribe menu offers: every product (id, name,
 * approval) and each product's plans. The browser fetches it once
 * (GET /api/catalog/options) rather than every page view carrying a
 * thousand products in its HTML.
 */
export interface SubscribeMenu {
  catalog: CatalogOption[];
  /** Each product's plans, by API product id. */
  plans: Record<string, PlanView[]>;
}

export async function subscribeMenu(db: Db): Promise<SubscribeMenu> {
  const [catalog, plans] = await Promise.all([catalogOptions(db), plansByProduct(db)]);
  return { catalog, plans };
}
