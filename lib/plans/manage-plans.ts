import { audited } from '../audit/audited';
import type { Viewer } from '../apps/access';
import type { Db } from '../db';
import { conflict, invalid, notFound } from '../errors';
import type { Plan } from '../generated/prisma/client';
import { findProduct } from '../products/find-product';
import { limitsChanged } from './limits-changed';
import { describeLimits, toPlanView, type PlanView } from './plan-view';
import type { CreatePlanInput, UpdatePlanInput } from './schemas';

// An admin defines a product's plans. While a product has plans exactly one
// is the default: the first plan created is, and making another the default
// takes it from the old one in the same transaction. A deleted plan's
// subscribers fall back to the default (effectivePlan in list-plans.ts), so
// the default can only go last. Every change is audited and reloads the
// limits of the data path running in this process.

const KEY_MAX = 40;

/** `Gold (EU)` → `gold-eu`: the stable key gateway descriptors and RateLimit policy names carry. */
export function planKeyBase(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, KEY_MAX)
    .replace(/-+$/, '');
  return /^[a-z]/.test(s) ? s : `plan${s ? `-${s}` : ''}`.slice(0, KEY_MAX);
}

async function freeKey(db: Db, productId: string, name: string): Promise<string> {
  const base = planKeyBase(name);
  const taken = new Set((await db.plan.findMany({ where: { productId }, select: { key: true } })).map((p) => p.key));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, KEY_MAX - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function limitColumns(input: Pick<UpdatePlanInput, 'rate' | 'quota'>) {
  return {
    ...(input.rate !== undefined && { rateLimit: input.rate?.limit ?? null, rateWindow: input.rate?.window ?? null }),
    ...(input.quota !== undefined && { quotaLimit: input.quota?.limit ?? null, quotaWindow: input.quota?.window ?? null }),
  };
}

async function nameTaken(db: Db, productId: string, name: string, exceptId?: string): Promise<boolean> {
  const same = await db.plan.findFirst({ where: { productId, name, ...(exceptId && { id: { not: exceptId } }) }, select: { id: true } });
  return same !== null;
}

const duplicateName = (name: string) =>
  invalid(`A plan named ${name} already exists`, { name: 'Another plan of this product has that name' });

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'P2002';
}

export async function createPlan(db: Db, admin: Viewer, productRef: string, input: CreatePlanInput): Promise<PlanView> {
  const product = await findProduct(db, productRef);
  if (await nameTaken(db, product.id, input.name)) throw duplicateName(input.name);
  const key = await freeKey(db, product.id, input.name);
  const created = await audited(
    db,
    {
      actor: admin,
      action: 'plan.create',
      target: { type: 'api_product', id: product.apiProductId },
      detail: { plan: key, name: input.name, limits: describeLimits(input), approvalRequired: input.approvalRequired },
    },
    () =>
      db
        .$transaction(async (tx) => {
          const first = (await tx.plan.count({ where: { productId: product.id } })) === 0;
          const isDefault = first || input.isDefault;
          if (isDefault) await tx.plan.updateMany({ where: { productId: product.id, isDefault: true }, data: { isDefault: false } });
          return tx.plan.create({
            data: {
              productId: product.id,
              key,
              name: input.name,
              description: input.description,
              approvalRequired: input.approvalRequired,
              isDefault,
              ...limitColumns(input),
            },
          });
        })
        .catch((err: unknown) => {
          throw isUniqueViolation(err) ? duplicateName(input.name) : err;
        }),
    (plan) => ({ isDefault: plan.isDefault }),
  );
  limitsChanged();
  return toPlanView(created);
}

async function findPlan(db: Db, productRef: string, planId: string): Promise<{ plan: Plan; apiProductId: string }> {
  const product = await findProduct(db, productRef);
  const plan = await db.plan.findFirst({ where: { id: planId, productId: product.id } });
  if (!plan) throw notFound('That plan');
  return { plan, apiProductId: product.apiProductId };
}

export async function updatePlan(db: Db, admin: Viewer, productRef: string, planId: string, input: UpdatePlanInput): Promise<PlanView> {
  const { plan, apiProductId } = await findPlan(db, productRef, planId);
  if (input.name !== undefined && input.name !== plan.name && (await nameTaken(db, plan.productId, input.name, plan.id))) {
    throw duplicateName(input.name);
  }
  const data = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.approvalRequired !== undefined && { approvalRequired: input.approvalRequired }),
    ...limitColumns(input),
  };
  const before = toPlanView(plan);
  const updated = await audited(
    db,
    {
      actor: admin,
      action: 'plan.update',
      target: { type: 'api_product', id: apiProductId },
      detail: {
        plan: plan.key,
        changed: Object.keys(data).concat(input.isDefault ? ['isDefault'] : []),
        before: describeLimits(before),
      },
    },
    () =>
      db
        .$transaction(async (tx) => {
          if (input.isDefault && !plan.isDefault) {
            await tx.plan.updateMany({ where: { productId: plan.productId, isDefault: true }, data: { isDefault: false } });
          }
          return tx.plan.update({ where: { id: plan.id }, data: { ...data, ...(input.isDefault && { isDefault: true }) } });
        })
        .catch((err: unknown) => {
          throw isUniqueViolation(err) ? duplicateName(input.name ?? plan.name) : err;
        }),
    (after) => ({ after: describeLimits(toPlanView(after)) }),
  );
  limitsChanged();
  return toPlanView(updated);
}

/** Deletes a plan; its subscribers fall back to the default plan, and requests to move to it are dropped. */
export async function deletePlan(db: Db, admin: Viewer, productRef: string, planId: string): Promise<{ movedSubscriptions: number }> {
  const { plan, apiProductId } = await findPlan(db, productRef, planId);
  const others = await db.plan.count({ where: { productId: plan.productId, id: { not: plan.id } } });
  if (plan.isDefault && others > 0) throw conflict(`${plan.name} is the default plan: make another plan the default first`);
  const moved = await db.subscription.count({ where: { planId: plan.id } });
  await audited(
    db,
    {
      actor: admin,
      action: 'plan.delete',
      target: { type: 'api_product', id: apiProductId },
      detail: { plan: plan.key, name: plan.name, movedSubscriptions: moved },
    },
    () =>
      db.$transaction([
        db.subscription.updateMany({
          where: { requestedPlanId: plan.id },
          data: { requestedPlanId: null, planRequestedAt: null, planRequestedById: null },
        }),
        db.subscription.updateMany({ where: { planId: plan.id }, data: { planId: null } }),
        db.plan.delete({ where: { id: plan.id } }),
      ]),
  );
  limitsChanged();
  return { movedSubscriptions: moved };
}
