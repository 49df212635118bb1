import { z } from 'zod';

const secret = z.string().trim().min(1).max(512).optional();
/** A client assertion (RFC 7523) the owner signed; a JWT, so at most a few KB. */
const assertion = z.string().trim().min(1).max(8192).optional();

export const fetchTokenSchema = z.object({
  /** Ask for this one product only (minimally scoped). */
  apiProductId: z.string().trim().min(1).max(200).optional(),
  clientSecret: secret,
  clientAssertion: assertion,
});

export const tokenTypeHint = z.enum(['access_token', 'refresh_token']);
export type TokenTypeHint = z.infer<typeof tokenTypeHint>;

export const tokenActionSchema = z.object({
  token: z.string().trim().min(1, 'Paste or fetch a token first').max(16_384),
  tokenTypeHint: tokenTypeHint.default('access_token'),
  clientSecret: secret,
  clientAssertion: assertion,
});

/** RFC 7636 code_verifier: 43–128 characters of [A-Za-z0-9._~-]. */
export const redeemCodeSchema = z.object({
  code: z.string().trim().min(1).max(2048),
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be a PKCE code verifier (43–128 characters)'),
  redirectUri: z.string().trim().min(1).max(2000),
  clientSecret: secret,
});

export const refreshTokenSchema = z.object({
  refreshToken: z.string().trim().min(1, 'Sign in first: there is no refresh token').max(16_384),
  clientSecret: secret,
});
