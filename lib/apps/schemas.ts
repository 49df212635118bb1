import { z } from 'zod';
import { oneLine } from '../text-rules';
import { optionalText, pageSchema } from '../pagination';
import { subscriptionStatus } from '../subscriptions/schemas';
import { APP_TYPES, REMOVED_FLOWS, type AppType } from './app-types';
import { checkRedirectUrisFor, redirectUriListSchema } from './redirect-uris';
import { jwksSchema, jwksUriSchema } from './signing-keys';

const name = oneLine(z.string().trim().min(1, 'Give the application a name').max(80, 'Keep the name under 80 characters'));
const description = z.string().trim().max(500, 'Keep the description under 500 characters');

/** A type, or the reason a flow OAuth 2.1 removed is refused (REMOVED_FLOWS). */
const appType = z.enum(APP_TYPES, {
  error: (issue) => (typeof issue.input === 'string' && REMOVED_FLOWS[issue.input]) || 'Choose service, web, spa or native',
});

export const clientAuthentication = z.enum(['client_secret', 'private_key_jwt'], {
  error: 'Choose client_secret or private_key_jwt',
});
export type ClientAuthentication = z.infer<typeof clientAuthentication>;

interface SettingsInput {
  type: AppType;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  clientAuthentication?: ClientAuthentication;
  jwks?: unknown;
  jwksUri?: string;
}

/** The rules that depend on the type: redirect URIs for user-facing apps only, keys for private_key_jwt only. */
function checkSettings(v: SettingsInput, ctx: z.RefinementCtx): void {
  if (v.redirectUris) checkRedirectUrisFor(v.type, 'redirectUris', v.redirectUris, ctx);
  if (v.postLogoutRedirectUris) checkRedirectUrisFor(v.type, 'postLogoutRedirectUris', v.postLogoutRedirectUris, ctx);
  const keys = [v.jwks !== undefined, v.jwksUri !== undefined].filter(Boolean).length;
  if (v.clientAuthentication === 'private_key_jwt') {
    if (v.type !== 'service') {
      ctx.addIssue({
        code: 'custom',
        path: ['clientAuthentication'],
        message: 'Only service apps use private_key_jwt; web apps keep a secret, spa and native apps hold none',
      });
    } else if (keys !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['jwks'],
        message: 'Register your public keys: paste a JWK Set or give its URL (one of the two)',
      });
    }
  } else if (v.clientAuthentication === 'client_secret' && keys) {
    ctx.addIssue({ code: 'custom', path: ['jwks'], message: 'Keys are only for private_key_jwt: choose it, or leave the keys out' });
  }
}

/** `POST /api/apps`. `type` defaults to service; user-facing types need a redirect URI. */
export const createAppSchema = z
  .object({
    name,
    description: description.default(''),
    /** null or absent: owned by me; else one of my teams. */
    ownerTeamId: z.string().min(1).nullish(),
    type: appType.default('service'),
    redirectUris: redirectUriListSchema.default([]),
    postLogoutRedirectUris: redirectUriListSchema.default([]),
    /** Service apps only: a secret (default) or private_key_jwt with `jwks` or `jwksUri`. */
    clientAuthentication: clientAuthentication.default('client_secret'),
    jwks: jwksSchema.optional(),
    jwksUri: jwksUriSchema.optional(),
  })
  .superRefine(checkSettings);

const updateFields = z.object({
  name: name.optional(),
  description: description.optional(),
  redirectUris: redirectUriListSchema.optional(),
  postLogoutRedirectUris: redirectUriListSchema.optional(),
  jwks: jwksSchema.optional(),
  jwksUri: jwksUriSchema.optional(),
});

export const updateAppSchema = updateFields.refine(
  (v) => Object.values(v).some((x) => x !== undefined),
  'Change the name, the description, the redirect URIs or the keys',
);

/** The same, with the rules of the app's own type (the edit dialog, and the domain before it writes). */
export function updateAppSchemaFor(type: AppType, auth: 'client_secret' | 'private_key_jwt' | 'none') {
  return updateAppSchema.superRefine((v, ctx) => {
    const keysGiven = v.jwks !== undefined || v.jwksUri !== undefined;
    if (keysGiven && auth !== 'private_key_jwt') {
      ctx.addIssue({ code: 'custom', path: ['jwks'], message: 'This app does not use private_key_jwt, so it has no keys to change' });
      return;
    }
    if (v.jwks !== undefined && v.jwksUri !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['jwks'], message: 'Give a JWK Set or its URL, not both' });
    }
    checkSettings({ type, redirectUris: v.redirectUris, postLogoutRedirectUris: v.postLogoutRedirectUris }, ctx);
  });
}

export type CreateAppInput = z.input<typeof createAppSchema>;
export type CreateAppValues = z.infer<typeof createAppSchema>;

/** The admin console's list of every application: ?q, ?owner, ?product, ?status, ?page, ?pageSize. */
export const appListQuery = pageSchema.extend({
  q: optionalText(),
  owner: optionalText(),
  product: optionalText(),
  status: subscriptionStatus.optional(),
});
export type AppListQuery = z.infer<typeof appListQuery>;

/** GET /api/apps (my apps): ?q (name or client id), ?page, ?pageSize (25–50). */
export const myAppListQuery = pageSchema.extend({ q: optionalText() });
export type MyAppListQuery = z.infer<typeof myAppListQuery>;
export type UpdateAppInput = z.input<typeof updateAppSchema>;
