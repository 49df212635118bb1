import type { Db } from '../db';
import { booleanColumn, nullableColumn, querySql } from '../db-sql';
import { findProduct } from '../products/find-product';
import { planOrder, toPlanView, type PlanView } from './plan-view';

/** The columns planFromSql reads. */
export const PLAN_COLUMNS = `"id", "key", "name", "description", "rateLimit", "rateWindow", "quotaLimit", "quotaWindow", "approvalRequired", "isDefault"`;

/** A product's plans, default first (the catalog, the admin console). */
export async function listProductPlans(db: Db, productRef: string): Promise<PlanView[]> {
  return plansOfProduct(db, (await findProduct(db, productRef)).id);
}

/** A product's plans by its row id, for callers that have the row already (the product page, which must not load the document again). */
export async function plansOfProduct(db: Db, productId: string): Promise<PlanView[]> {
  // Every product page view reads them, so through the driver (lib/db-sql.ts); the order is planOrder's.
  const rows = await querySql(
    db,
    (p) => `SELECT ${PLAN_COLUMNS} FROM "Plan" WHERE "productId" = ${p(0)} ORDER BY "isDefault" DESC, "name" ASC`,
    [['string', productId]],
  );
  return rows.map((r) => toPlanView(planFromSql(r)));
}

/** A Plan row read through the driver (columns PLAN_COLUMNS), as toPlanView takes it. */
export function planFromSql(r: Record<string, unknown>): Parameters<typeof toPlanView>[0] {
  return {
    id: String(r.id),
    key: String(r.key),
    name: String(r.name),
    description: String(r.description),
    rateLimit: nullableColumn(r.rateLimit, Number),
    rateWindow: nullableColumn(r.rateWindow, String),
    quotaLimit: nullableColumn(r.quotaLimit, Number),
    quotaWindow: nullableColumn(r.quotaWindow, String),
    approvalRequired: booleanColumn(r.approvalRequired),
    isDefault: booleanColumn(r.isDefault),
  };
}

/** Every product's plans, keyed by API product id (the app page's subscribe menu). */
export async function plansByProduct(db: Db): Promise<Record<string, PlanView[]>> {
  const rows = await db.plan.findMany({ orderBy: planOrder, include: { product: { select: { apiProductId: true } } } });
  const out: Record<string, PlanView[]> = {};
  for (const row of rows) (out[row.product.apiProductId] ??= []).push(toPlanView(row));
  return out;
}

/**
 * The plan whose limits apply to a subscription: its own, else the product's
 * default (a subscription made before the product had plans, or whose plan
 * was deleted).
 */
export function effectivePlan<P extends { id: string; isDefault: boolean }>(planId: string | null, plans: readonly P[]): P | undefined {
  return (planId ? plans.find((p) => p.id === planId) : undefined) ?? plans.find((p) => p.isDefault);
}

export interface SubscriptionPlans {
  /** The plan whose limits apply (null: the product has no plans, so no limits). */
  plan: PlanView | null;
  /** A plan change waiting for approval. */
  requestedPlan: { id: string; name: string } | null;
  /** The product's plans, for choosing another. */
  plans: PlanView[];
}

/** What the app page shows of a subscription's plan. */
export function subscriptionPlans(
  sub: { planId: string | null; requestedPlan: { id: string; name: string } | null },
  productPlans: Parameters<typeof toPlanView>[0][],
): SubscriptionPlans {
  const plans = [...productPlans].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name)).map(toPlanView);
  return {
    plan: effectivePlan(sub.planId, plans) ?? null,
    requestedPlan: sub.requestedPlan ? { id: sub.requestedPlan.id, name: sub.requestedPlan.name } : null,
    plans,
  };
}
