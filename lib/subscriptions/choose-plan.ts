import type { Db } from '../db';
import { invalid } from '../errors';
import type { Plan } from '../generated/prisma/client';

/**
 * The plan a new subscription starts on: the one asked for, which must be a
 * plan of this product, else the product's default. A product without plans
 * has none, and its subscriptions have no limits.
 */
export async function choosePlan(db: Db, productRowId: string, planId: string | undefined): Promise<Plan | null> {
  if (planId !== undefined) {
    const plan = await db.plan.findFirst({ where: { id: planId, productId: productRowId } });
    if (!plan) throw invalid('That plan is not one of this product’s plans', { planId: 'Choose one of this product’s plans' });
    return plan;
  }
  return db.plan.findFirst({ where: { productId: productRowId, isDefault: true } });
}
