import { z } from 'zod';

// Plans (docs/architecture.md, "Plans and limits"): what an admin defines per
// product, and what a consumer sends to pick or change one. A limit is a whole
// number of requests per window; a plan may have a rate limit, a quota, both
// or neither. The bounds keep counters inside a 32-bit integer column.

export const RATE_WINDOWS = ['second', 'minute'] as const;
export const QUOTA_WINDOWS = ['day', 'month'] as const;

const noNul = (s: string) => !s.includes('\u0000');

const name = z
  .string()
  .trim()
  .min(1, 'Give the plan a name')
  .max(60, 'Keep the name under 60 characters')
  .refine(noNul, 'may not contain NUL characters');
const description = z.string().trim().max(300, 'Keep the description under 300 characters').refine(noNul, 'may not contain NUL characters');

const count = (max: number, what: string) =>
  z.coerce
    .number({ error: `The ${what} must be a number` })
    .int(`The ${what} must be a whole number`)
    .min(1, `The ${what} must be at least 1`)
    .max(max, `The ${what} must be at most ${max.toLocaleString('en-US')}`);

/** A rate limit, or null for none. */
const rate = z.object({
  limit: count(1_000_000, 'rate limit'),
  window: z.enum(RATE_WINDOWS, { error: 'Choose per second or per minute' }),
});
/** A quota, or null for none. */
const quota = z.object({ limit: count(1_000_000_000, 'quota'), window: z.enum(QUOTA_WINDOWS, { error: 'Choose per day or per month' }) });

export const createPlanSchema = z.object({
  name,
  description: description.default(''),
  rate: rate.nullable().default(null),
  quota: quota.nullable().default(null),
  approvalRequired: z.boolean().default(false),
  /** Make it the product's default plan (the first plan always is). */
  isDefault: z.boolean().default(false),
});
export type CreatePlanInput = z.infer<typeof createPlanSchema>;

export const updatePlanSchema = z
  .object({
    name: name.optional(),
    description: description.optional(),
    rate: rate.nullable().optional(),
    quota: quota.nullable().optional(),
    approvalRequired: z.boolean().optional(),
    /** Only `true`: a product always has a default while it has plans, so another plan takes over instead. */
    isDefault: z.literal(true, { error: 'Make another plan the default instead' }).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Change at least one field');
export type UpdatePlanInput = z.infer<typeof updatePlanSchema>;

/** The consumer's choice of plan: when subscribing (optional: the default) and when changing it. */
export const planIdSchema = z.string().trim().min(1, 'Choose a plan').max(40).refine(noNul, 'Choose a plan');

/** PATCH /api/apps/{id}/subscriptions/{subscriptionId} */
export const changePlanSchema = z.object({ planId: planIdSchema });
export type ChangePlanInput = z.infer<typeof changePlanSchema>;
