import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApplicationDetail } from '@/lib/apps/app-detail';
import { createApplication } from '@/lib/apps/create-app';
import { updateApplication } from '@/lib/apps/manage-app';
import { type DomainError } from '@/lib/errors';
import type { IdpAdapter, IdpDiscovery } from '@/lib/idp/types';
import { subscribe } from '@/lib/subscriptions/subscribe';
import { introspectToken, revokeToken } from '@/lib/token-tool/token-actions';
import { redeemCode, refreshUserToken } from '@/lib/token-tool/user-tokens';
import { declareProductCall } from '@/lib/token-exchange/product-calls';
import { harnessFactories, rejection, type AdapterHarness } from '../helpers/adapter-harness';
import { pkcePair } from '../helpers/code-flow';
import { addPortalUser, publishProduct } from '../helpers/portal-fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

// User-facing applications on the server side, for every adapter: an application that signs
// people in, from creation through a sign-in, refresh, introspection and
// revocation, to editing its redirect URIs; private_key_jwt and token
// exchange where the IdP can, and a refusal that says why where it cannot.

describe.each(harnessFactories)('apps that sign people in, on $kind', (factory) => {
  let h: AdapterHarness;
  let idp: IdpAdapter;
  let portal: TestDb;
  let discovery: IdpDiscovery;
  let dev: { id: string; email: string };
  let other: { id: string; email: string };
  let appId: string;
  const REDIRECT = 'http://127.0.0.1:5173/callback';

  beforeAll(async () => {
    h = await factory.start();
    idp = h.adapter;
    discovery = await idp.discovery();
    portal = await createTestDb();
    dev = await addPortalUser(portal.db, 'dev@example.com');
    other = await addPortalUser(portal.db, 'other@example.com');
    await publishProduct(portal.db, idp, 'tracks');
    await publishProduct(portal.db, idp, 'petstore');
  });
  afterAll(async () => {
    await h?.stop();
    await portal?.cleanup();
  });

  async function signIn(scopeIds: string[]) {
    const { verifier, challenge } = pkcePair();
    const scope = [...idp.features().userScopes, ...scopeIds.map((id) => idp.scopeFor(id))].join(' ');
    const url = `${idp.features().authorizationEndpoint}?${new URLSearchParams({
      client_id: (await getApplicationDetail(portal.db, idp, dev, appId, 'http://portal.test')).credentials.clientId!,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`;
    const { redirect } = await h.authorize(url);
    return { code: redirect!.searchParams.get('code')!, verifier };
  }

  const productScopes = async (token: string) => {
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwksUri)), { issuer: discovery.issuer });
    const raw = payload[discovery.scopeClaim];
    const products = ['tracks', 'petstore'].map((id) => idp.scopeFor(id));
    return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(' ')).filter((s) => products.includes(s));
  };

  it('creates a spa app: no secret to show, its type and redirect URI everywhere', async () => {
    const created = await createApplication(portal.db, idp, dev, { name: 'Route viewer', type: 'spa', redirectUris: [REDIRECT] });
    appId = created.id;
    expect(created).toMatchObject({ type: 'spa' });
    expect(created.clientSecret).toBeUndefined();
    expect(await portal.db.clientSecret.count({ where: { applicationId: appId } })).toBe(0);
    const detail = await getApplicationDetail(portal.db, idp, dev, appId, 'http://portal.test');
    expect(detail).toMatchObject({
      type: 'spa',
      clientAuth: 'none',
      redirectUris: [REDIRECT],
      consoleRedirectUri: 'http://portal.test/try-it/callback',
    });
    expect(detail.credentials.authorizationEndpoint).toBe(idp.features().authorizationEndpoint);
    expect((await idp.getClient(created.clientId)).redirectUris).toEqual([REDIRECT]);
  });

  it('a sign-in gives a token for exactly the subscribed product; refresh works', async () => {
    await subscribe(portal.db, idp, dev, appId, 'tracks');
    const { code, verifier } = await signIn(['tracks']);
    const token = await redeemCode(portal.db, idp, dev, appId, { code, codeVerifier: verifier, redirectUri: REDIRECT });
    expect(await productScopes(token.accessToken)).toEqual([idp.scopeFor('tracks')]);
    expect(token.refreshToken).toBeTypeOf('string');
    const refreshed = await refreshUserToken(portal.db, idp, dev, appId, { refreshToken: token.refreshToken! });
    expect(await productScopes(refreshed.accessToken)).toEqual([idp.scopeFor('tracks')]);
  });

  it('introspects and revokes the refresh token where the IdP can, and says why where it cannot', async () => {
    const { code, verifier } = await signIn(['tracks']);
    const token = await redeemCode(portal.db, idp, dev, appId, { code, codeVerifier: verifier, redirectUri: REDIRECT });
    const limits = idp.features().limits;
    const input = { token: token.refreshToken!, tokenTypeHint: 'refresh_token' as const };
    if (limits.refreshTokenIntrospection) {
      expect(((await rejection(introspectToken(portal.db, idp, dev, appId, input))) as DomainError).message).toBe(
        limits.refreshTokenIntrospection,
      );
    } else {
      expect(await introspectToken(portal.db, idp, dev, appId, input)).toMatchObject({ active: true });
    }
    expect(await revokeToken(portal.db, idp, dev, appId, input)).toEqual({ revoked: true });
    const after = (await rejection(refreshUserToken(portal.db, idp, dev, appId, { refreshToken: token.refreshToken! }))) as DomainError;
    expect(after.message).toMatch(/invalid_grant/);
  });

  it('the code is redeemed only for the app’s own redirect URIs, and only by someone who can reach the app', async () => {
    const { code, verifier } = await signIn(['tracks']);
    const wrong = (await rejection(
      redeemCode(portal.db, idp, dev, appId, { code, codeVerifier: verifier, redirectUri: 'https://evil.example/cb' }),
    )) as DomainError;
    expect(wrong.fields).toHaveProperty('redirectUri');
    const stranger = (await rejection(
      redeemCode(portal.db, idp, other, appId, { code, codeVerifier: verifier, redirectUri: REDIRECT }),
    )) as DomainError;
    expect(stranger.code).toBe('not_found');
  });

  it('the owner edits the redirect URIs: the IdP holds the new list', async () => {
    const next = [REDIRECT, 'https://viewer.example.com/callback'];
    await updateApplication(portal.db, idp, dev, appId, { redirectUris: next });
    expect((await idp.getClient((await portal.db.application.findUniqueOrThrow({ where: { id: appId } })).clientId!)).redirectUris).toEqual(
      next,
    );
    expect((await getApplicationDetail(portal.db, idp, dev, appId, 'http://portal.test')).redirectUris).toEqual(next);
    const refused = await rejection(updateApplication(portal.db, idp, dev, appId, { redirectUris: [] }));
    expect(refused).toHaveProperty('name', 'ZodError');
  });

  it('private_key_jwt where the IdP supports it; refused before anything is created where not', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] };
    const input = { name: 'Signer', clientAuthentication: 'private_key_jwt' as const, jwks };
    const reason = idp.features().limits.privateKeyJwt;
    if (reason) {
      const before = await portal.db.application.count();
      const err = (await rejection(createApplication(portal.db, idp, dev, input))) as DomainError;
      expect(err.fields?.clientAuthentication).toBe(reason);
      expect(await portal.db.application.count()).toBe(before);
      return;
    }
    const created = await createApplication(portal.db, idp, dev, input);
    expect(created.clientSecret).toBeUndefined();
    expect((await getApplicationDetail(portal.db, idp, dev, created.id, 'http://portal.test')).jwks).toEqual(jwks);
  });

  it('token exchange relationships where the IdP enforces them; a reason where not', async () => {
    const backend = await createApplication(portal.db, idp, dev, { name: 'Tracks backend' });
    const declare = declareProductCall(portal.db, idp, dev, 'tracks', { calleeApiProductId: 'petstore', applicationId: backend.id });
    if (!idp.setClientTokenExchange) {
      expect(((await rejection(declare)) as DomainError).message).toBe(idp.features().limits.tokenExchange);
      expect(await portal.db.productCall.count()).toBe(0);
      return;
    }
    await declare;
    expect((await getApplicationDetail(portal.db, idp, dev, backend.id, 'http://portal.test')).tokenExchange).toEqual([
      {
        from: { apiProductId: 'tracks', name: 'tracks API' },
        to: { apiProductId: 'petstore', name: 'petstore API', resource: idp.resourceFor!('petstore') },
      },
    ]);
    // Only a service app can be an API's backend.
    const refused = (await rejection(
      declareProductCall(portal.db, idp, dev, 'tracks', { calleeApiProductId: 'petstore', applicationId: appId }),
    )) as DomainError;
    expect(refused.fields).toHaveProperty('applicationId');
  });
});
