import 'server-only';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { errors, type TokenEndpointGrantContext } from 'oidc-provider';
import type { Db } from '../../../db';
import { apiAudience, productIdFrom, productResource } from './api-resources';
import type { LanyardClientFields } from './client-metadata';

// RFC 8693 token exchange for API-to-API calls. oidc-provider ships
// no handler for it, so this is one, registered with `registerGrantType`.
//
// A service client that implements an API product receives a caller's token
// (the subject token) and exchanges it for a token whose audience is one
// downstream product. Policy at issuance:
// 1. the subject token is a JWT access token this IdP signed, unexpired, that
//    the data path would admit to a product P (its `aud` is the API audience
//    or P's own, and its scopes hold P's scope);
// 2. the client holds a rule "P calls D" (an admin declared that P calls D
//    through this application, pushed here by setClientTokenExchange);
// 3. the client itself is subscribed to D;
// 4. the new token's scopes = the client's subscription to D ∩ the subject
//    token's scopes (never more than the original caller was granted);
// 5. it is audience-restricted to D, lives no longer than the subject token,
//    keeps the subject's `sub`, and its `act` claim (RFC 8693 §4.1) names the
//    client, nesting any `act` the subject token already carried.
//
// JWT access tokens are not stored by oidc-provider, so the subject token is
// verified here against the provider's own signing keys, not looked up.

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const MAX_TTL_SECONDS = 3600;

export const TOKEN_EXCHANGE_PARAMETERS = [
  'subject_token',
  'subject_token_type',
  'actor_token',
  'actor_token_type',
  'requested_token_type',
  'resource',
  'audience',
  'scope',
] as const;
/** `resource` and `audience` may repeat by the RFC; more than one target is refused below. */
export const TOKEN_EXCHANGE_DUPLICATES = ['resource', 'audience'] as const;

type ExchangeParams = Partial<Record<(typeof TOKEN_EXCHANGE_PARAMETERS)[number], string | string[]>>;

/** The `act` claim each exchanged token carries, handed to extraTokenClaims. */
const actors = new WeakMap<object, Record<string, unknown>>();

export function actClaimFor(token: object): Record<string, unknown> | undefined {
  const act = actors.get(token);
  return act ? { act } : undefined;
}

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new errors.InvalidTarget(`name one downstream product: more than one ${name} was given`);
    return value[0];
  }
  return value;
}

function scopesOf(payload: JWTPayload): Set<string> {
  return new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []);
}

function audiencesOf(payload: JWTPayload): string[] {
  return typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
}

export interface TokenExchangeOptions {
  portalUrl: string;
  issuer: string;
  /** The provider's signing keys (private JWKs); only their public parts are used. */
  signingKeys: JWK[];
  db: () => Db;
}

export function tokenExchangeHandler({ portalUrl, issuer, signingKeys, db }: TokenExchangeOptions) {
  const publicKeys = createLocalJWKSet({
    keys: signingKeys.map(({ kty, n, e, crv, x, y, kid, alg }) => ({ kty, n, e, crv, x, y, kid, alg, use: 'sig' })),
  });
  const audience = apiAudience(portalUrl);

  async function verifySubject(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, publicKeys, {
        issuer,
        typ: 'at+jwt',
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub', 'aud'],
      });
      return payload;
    } catch (err) {
      const why = err instanceof joseErrors.JWTExpired ? 'it has expired' : 'it is not an access token this identity provider issued';
      throw new errors.InvalidRequest(`subject_token is not valid: ${why}`);
    }
  }

  /** The products the data path would admit the subject token to. */
  function productsAdmitted(payload: JWTPayload): Set<string> {
    const scopes = scopesOf(payload);
    const admitted = new Set<string>();
    for (const aud of audiencesOf(payload)) {
      if (aud === audience) scopes.forEach((s) => admitted.add(s));
      const product = productIdFrom(aud, portalUrl);
      if (product !== undefined && scopes.has(product)) admitted.add(product);
    }
    return admitted;
  }

  /** The downstream product named by `resource` (its RFC 8707 URI) or `audience` (its id or URI). */
  function downstreamOf(params: ExchangeParams): string {
    const resource = single(params.resource, 'resource');
    const named = single(params.audience, 'audience');
    if (resource && named) throw new errors.InvalidTarget('name the downstream product with resource or audience, not both');
    const target = resource ?? named;
    if (!target) throw new errors.InvalidTarget('name the downstream product with resource (or audience)');
    const product = productIdFrom(target, portalUrl) ?? (resource === undefined && !target.includes(':') ? target : undefined);
    if (!product) throw new errors.InvalidTarget(`${target} is not an API product of this portal`);
    return product;
  }

  return async function exchange(ctx: TokenEndpointGrantContext<ExchangeParams>): Promise<void> {
    const { client, params, provider } = ctx.oidc;
    const fields = client as unknown as LanyardClientFields;
    const subjectToken = single(params.subject_token, 'subject_token');
    const subjectType = single(params.subject_token_type, 'subject_token_type');
    if (!subjectToken || !subjectType) throw new errors.InvalidRequest('subject_token and subject_token_type are required');
    if (subjectType !== ACCESS_TOKEN_TYPE && subjectType !== JWT_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
    }
    if (params.actor_token !== undefined || params.actor_token_type !== undefined) {
      throw new errors.InvalidRequest('actor_token is not supported: the authenticated client is the actor');
    }
    const requested = single(params.requested_token_type, 'requested_token_type');
    if (requested !== undefined && requested !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`only ${ACCESS_TOKEN_TYPE} can be issued`);
    }
    const downstream = downstreamOf(params);
    const subject = await verifySubject(subjectToken);

    const admitted = productsAdmitted(subject);
    const rules = (fields.lanyard_token_exchange ?? []).filter((r) => admitted.has(r.from));
    if (!rules.length) {
      throw new errors.InvalidRequest('the subject token is not for an API this client implements, so it cannot be exchanged here');
    }
    if (!rules.some((r) => r.to.includes(downstream))) {
      const from = rules.map((r) => r.from).join(', ');
      throw new errors.InvalidTarget(`${from} does not declare that it calls ${downstream}`);
    }
    const product = await db().idpApiScope.findUnique({ where: { productId: downstream } });
    if (!product || !fields.lanyard_api_scopes?.includes(product.scope)) {
      throw new errors.InvalidTarget(`this client is not subscribed to ${downstream}`);
    }
    const subjectScopes = scopesOf(subject);
    const allowed = [product.scope].filter((s) => subjectScopes.has(s));
    if (!allowed.length) {
      throw new errors.InvalidScope(`the subject token does not grant ${product.scope}, so neither may the exchanged token`, product.scope);
    }
    const asked = typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [];
    for (const scope of asked) {
      if (!allowed.includes(scope)) throw new errors.InvalidScope('requested scope is not allowed', scope);
    }
    const scope = (asked.length ? asked : allowed).join(' ');

    const ttl = Math.min(MAX_TTL_SECONDS, (subject.exp as number) - Math.floor(Date.now() / 1000));
    if (ttl <= 0) throw new errors.InvalidRequest('subject_token is not valid: it has expired');
    const resource = productResource(portalUrl, downstream);
    const at = new provider.AccessToken({
      // The subject stays the subject: the exchanged token acts for them.
      accountId: String(subject.sub),
      client,
      gty: TOKEN_EXCHANGE_GRANT,
      scope,
      expiresIn: ttl,
    } as unknown as ConstructorParameters<typeof provider.AccessToken>[0]);
    at.resourceServer = new provider.ResourceServer(resource, {
      scope: product.scope,
      audience: resource,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'RS256' } },
    });
    actors.set(at, { sub: client.clientId, ...(subject.act ? { act: subject.act } : {}) });
    ctx.oidc.entity('AccessToken', at);
    const accessToken = await at.save();
    ctx.body = {
      access_token: accessToken,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: ttl,
      scope,
    };
  };
}
