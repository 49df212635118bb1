import { z } from 'zod';
import { auditFilterSchema } from '../audit/schemas';
import { subscriptionStatus } from '../subscriptions/schemas';
import { cursorQuery } from './pagination';

// Request schemas of /api/v1 that are not the portal's own (those are reused).

const flag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

/** POST /api/v1/products?id=…: the body is the OpenAPI document (JSON or YAML). */
export const publishQuery = z.object({
  id: z.string({ message: 'Give the product id: ?id=tracks' }).trim().min(1, 'Give the product id: ?id=tracks').max(200),
  approval: flag.optional(),
  name: z.string().trim().max(100).optional(),
  description: z.string().trim().max(2000).optional(),
});

/** PUT /api/v1/products/{id}/openapi. */
export const republishQuery = z.object({ approval: flag.optional() });

export const productPatchSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    approvalRequired: z.boolean().optional(),
  })
  .strict();

export const deprecationSchema = z.object({ sunset: z.string({ message: 'Give the sunset date, e.g. 2027-06-30' }) }).strict();

export const subscriptionsQuery = cursorQuery.extend({ status: subscriptionStatus.optional() });

export const rejectSchema = z
  .object({
    reason: z.string().trim().min(1, 'Say why: the app’s owner sees this reason').max(500, 'Keep the reason under 500 characters'),
  })
  .strict();
export const approveSchema = z.object({ reason: z.string().trim().max(500).default('') }).strict();

export const auditQuery = cursorQuery.extend(auditFilterSchema.shape);
