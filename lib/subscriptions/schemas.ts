import { z } from 'zod';
import { optionalText, pageSchema } from '../pagination';
import { planIdSchema } from '../plans/schemas';

export const subscriptionStatus = z.enum(['pending', 'approved', 'rejected']);
export type SubscriptionStatus = z.infer<typeof subscriptionStatus>;

/** POST /api/apps/{id}/subscriptions, with the plan to start on (absent: the product's default). */
export const subscribeSchema = z.object({
  apiProductId: z.string().trim().min(1, 'Choose an API product').max(200),
  planId: planIdSchema.optional(),
});

/** An admin's decision on a pending subscription; a rejection says why. */
export const decisionSchema = z
  .object({
    approve: z.boolean({ error: 'Choose approve or reject' }),
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters').default(''),
  })
  .superRefine((v, ctx) => {
    if (!v.approve && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why: the app’s owner sees this reason' });
  });

export type DecisionInput = z.infer<typeof decisionSchema>;

/** The admin console's list of every subscription: ?q, ?owner, ?product, ?status, ?page, ?pageSize. */
export const subscriptionListQuery = pageSchema.extend({
  q: optionalText(),
  owner: optionalText(),
  product: optionalText(),
  status: subscriptionStatus.optional(),
});
export type SubscriptionListQuery = z.infer<typeof subscriptionListQuery>;
