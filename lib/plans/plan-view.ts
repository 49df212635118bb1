import type { Plan } from '../generated/prisma/client';
import type { QuotaWindow, RateWindow } from '../data-path/limits/plan-limits';

// A plan as the portal shows and sends it: the catalog, the app page, the
// admin console and the limits export all read this shape.

export interface PlanView {
  id: string;
  key: string;
  name: string;
  description: string;
  rate: { limit: number; window: RateWindow } | null;
  quota: { limit: number; window: QuotaWindow } | null;
  approvalRequired: boolean;
  isDefault: boolean;
}

export function toPlanView(
  row: Pick<
    Plan,
    'id' | 'key' | 'name' | 'description' | 'rateLimit' | 'rateWindow' | 'quotaLimit' | 'quotaWindow' | 'approvalRequired' | 'isDefault'
  >,
): PlanView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    rate: row.rateLimit !== null && row.rateWindow ? { limit: row.rateLimit, window: row.rateWindow as RateWindow } : null,
    quota: row.quotaLimit !== null && row.quotaWindow ? { limit: row.quotaLimit, window: row.quotaWindow as QuotaWindow } : null,
    approvalRequired: row.approvalRequired,
    isDefault: row.isDefault,
  };
}

const n = (v: number) => v.toLocaleString('en-US');

/** "10 requests per minute · 1,000 per day", or "No limits". */
export function describeLimits(plan: Pick<PlanView, 'rate' | 'quota'>): string {
  const parts: string[] = [];
  if (plan.rate) parts.push(`${n(plan.rate.limit)} request${plan.rate.limit === 1 ? '' : 's'} per ${plan.rate.window}`);
  if (plan.quota) parts.push(`${n(plan.quota.limit)} per ${plan.quota.window}`);
  return parts.length ? parts.join(' · ') : 'No limits';
}

/** A plan as a choice in a menu: "Sandbox — 3 requests per minute · 100 per day (needs approval)". */
export const planChoiceLabel = (plan: PlanView) =>
  `${plan.name} — ${describeLimits(plan)}${plan.approvalRequired ? ' (needs approval)' : ''}`;

/** Default first, then by name: the order every list of plans uses. */
export const planOrder = [{ isDefault: 'desc' as const }, { name: 'asc' as const }];
