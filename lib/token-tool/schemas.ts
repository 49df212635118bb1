import { z } from 'zod';

const secret = z.string().trim().min(1).max(512).optional();

export const fetchTokenSchema = z.object({
  /** Ask for this one product only (minimally scoped). */
  apiProductId: z.string().trim().min(1).max(200).optional(),
  clientSecret: secret,
});

export const tokenActionSchema = z.object({
  token: z.string().trim().min(1, 'Paste or fetch a token first').max(16_384),
  clientSecret: secret,
});
