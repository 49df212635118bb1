import { z } from 'zod';
import { oneLine } from '../text-rules';
import { optionalText, pageSchema } from '../pagination';
import { subscriptionStatus } from '../subscriptions/schemas';

const name = oneLine(z.string().trim().min(1, 'Give the application a name').max(80, 'Keep the name under 80 characters'));
const description = z.string().trim().max(500, 'Keep the description under 500 characters');

export const createAppSchema = z.object({
  name,
  description: description.default(''),
  /** null or absent: owned by me; else one of my teams. */
  ownerTeamId: z.string().min(1).nullish(),
});

export const updateAppSchema = z
  .object({ name: name.optional(), description: description.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, 'Change the name or the description');

export type CreateAppInput = z.infer<typeof createAppSchema>;

/** The admin console's list of every application: ?q, ?owner, ?product, ?status, ?page, ?pageSize. */
export const appListQuery = pageSchema.extend({
  q: optionalText(),
  owner: optionalText(),
  product: optionalText(),
  status: subscriptionStatus.optional(),
});
export type AppListQuery = z.infer<typeof appListQuery>;
export type UpdateAppInput = z.infer<typeof updateAppSchema>;
