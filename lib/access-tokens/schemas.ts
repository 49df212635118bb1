import { z } from 'zod';
import { oneLine } from '../text-rules';
import { MAX_TOKEN_DAYS, TOKEN_SCOPES } from './scopes';

// What the token forms (and the API) send to create a token.

export const tokenScopeSchema = z.enum(TOKEN_SCOPES, { message: `Choose from ${TOKEN_SCOPES.join(', ')}` });

export const createTokenSchema = z.object({
  name: oneLine(z.string().trim().min(1, 'Give the token a name, e.g. "CI for tracks"').max(80, 'Keep the name under 80 characters')),
  scopes: z
    .array(tokenScopeSchema)
    .min(1, 'Choose at least one scope')
    .transform((s) => [...new Set(s)]),
  /** Days from now; required: every token expires. */
  expiresInDays: z.coerce
    .number({ message: 'Choose when the token expires' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS} days`),
});

export type CreateTokenInput = z.infer<typeof createTokenSchema>;
