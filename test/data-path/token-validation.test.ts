import { createHmac, createPublicKey, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataPathConfigError } from '@/lib/data-path/create-check';
import { JwksUnavailableError } from '@/lib/data-path/jwks-cache';
import { expectDenied, setupCheckHarness } from './check-harness';
import { unsecuredToken } from './local-issuer';

// The data path (docs/architecture.md), the token itself: RFC 6750 §2.1/§3.1 (bearer credentials and
// their absence), RFC 7519 (exp, nbf, iss), RFC 7515 and RFC 8725 §3.1 (the
// signature; an algorithm allow-list with no `none` and no HMAC keyed with
// the public key) and RFC 7517 (keys by kid, rotation, a rate-limited refetch).

const h = setupCheckHarness();

describe('a valid token with the product scope', () => {
  it('is admitted, naming the client, its subject and its scopes', async () => {
    const token = await h.idp.sign({ scope: 'tracks petstore', client_id: 'lyd_abc', sub: 'lyd_abc' });
    const result = await h.checkWith().check(`Bearer ${token}`, 'tracks');
    expect(result).toMatchObject({
      allow: true,
      clientId: 'lyd_abc',
      subject: 'lyd_abc',
      scopes: ['tracks', 'petstore'],
      scope: 'tracks petstore',
    });
  });

  it('accepts the scheme name in any case (RFC 9110 §11.1)', async () => {
    const token = await h.idp.sign();
    expect((await h.checkWith().check(`bearer ${token}`, 'tracks')).allow).toBe(true);
  });
});

describe('RFC 6750 §3.1: no credentials', () => {
  it('answers 401 without an error code when there is no Authorization header', async () => {
    const result = await h.checkWith().check(undefined, 'tracks');
    expectDenied(result, 401, 'invalid_request');
    expect(result).toMatchObject({ noCredentials: true });
  });

  it('treats another scheme as no bearer credentials', async () => {
    expect(await h.checkWith().check('Basic dXNlcjpwYXNz', 'tracks')).toMatchObject({ status: 401, noCredentials: true });
  });

  it('answers invalid_token for "Bearer" with nothing or garbage after it', async () => {
    expectDenied(await h.checkWith().check('Bearer ', 'tracks'), 401, 'invalid_token', /well-formed/);
    expectDenied(await h.checkWith().check('Bearer not.a.jwt', 'tracks'), 401, 'invalid_token', /well-formed/);
  });
});

describe('RFC 7519 §4.1.4 / §4.1.5: expiry and not-before, with 30 s leeway', () => {
  it('refuses an expired token', async () => {
    const token = await h.idp.sign({ exp: h.nowSeconds() - 31 });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 401, 'invalid_token', /expired/);
  });

  it('admits a token that expired within the leeway', async () => {
    const token = await h.idp.sign({ exp: h.nowSeconds() - 10 });
    expect((await h.checkWith().checkToken(token, 'tracks')).allow).toBe(true);
  });

  it('refuses a token that is not valid yet', async () => {
    const token = await h.idp.sign({ nbf: h.nowSeconds() + 120 });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 401, 'invalid_token', /not valid yet/);
  });

  it('admits a token whose nbf is within the leeway', async () => {
    const token = await h.idp.sign({ nbf: h.nowSeconds() + 10 });
    expect((await h.checkWith().checkToken(token, 'tracks')).allow).toBe(true);
  });

  it('refuses a token without exp', async () => {
    const token = await h.idp.sign({ exp: undefined });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 401, 'invalid_token', /no expiry/);
  });
});

describe('RFC 7519 §4.1.1: issuer', () => {
  it('refuses a token from another issuer signed with a published key', async () => {
    const token = await h.idp.sign({ iss: 'https://evil.example.com' });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 401, 'invalid_token', /issuer/);
  });
});

describe('RFC 8725 §3.1: the algorithm allow-list', () => {
  it('refuses alg none', async () => {
    const token = unsecuredToken({ iss: h.idp.issuer, scope: 'tracks', exp: h.nowSeconds() + 60 });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 401, 'invalid_token', /algorithm/);
  });

  it('refuses HS256 signed with the public key bytes (key confusion)', async () => {
    const pem = createPublicKey({ key: h.idp.key.publicJwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${encode({ alg: 'HS256', kid: h.idp.key.kid, typ: 'at+jwt' })}.${encode({ iss: h.idp.issuer, scope: 'tracks', exp: h.nowSeconds() + 60 })}`;
    const token = `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 401, 'invalid_token', /algorithm/);
  });

  it('refuses a published algorithm left off a narrower allow-list', async () => {
    const es = await h.idp.rotate({ keepOld: true, alg: 'ES256' });
    const token = await h.idp.sign({}, { key: es });
    expectDenied(await h.checkWith({ algorithms: ['RS256'] }).checkToken(token, 'tracks'), 401, 'invalid_token', /algorithm/);
    expect((await h.checkWith().checkToken(token, 'tracks')).allow).toBe(true);
  });

  it('cannot be configured with none or HMAC algorithms', () => {
    expect(() => h.checkWith({ algorithms: ['RS256', 'HS256'] })).toThrow(DataPathConfigError);
    expect(() => h.checkWith({ algorithms: ['none'] })).toThrow(DataPathConfigError);
  });
});

describe('RFC 7515 §5.2: signature', () => {
  it('refuses a token whose signature was altered', async () => {
    const token = await h.idp.sign();
    const [head, body, sig] = token.split('.');
    const flipped = `${sig!.slice(0, 10)}${sig![10] === 'A' ? 'B' : 'A'}${sig!.slice(11)}`;
    expectDenied(await h.checkWith().checkToken(`${head}.${body}.${flipped}`, 'tracks'), 401, 'invalid_token', /signature/);
  });

  it('refuses a token whose claims were altered, even after the original was cached', async () => {
    const check = h.checkWith();
    const token = await h.idp.sign({ scope: 'tracks' });
    expect((await check.checkToken(token, 'tracks')).allow).toBe(true);
    const [head, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: 'tracks petstore' })).toString('base64url');
    expectDenied(await check.checkToken(`${head}.${forged}.${sig}`, 'petstore'), 401, 'invalid_token', /signature/);
  });
});

describe('RFC 7517: keys, kid and rotation', () => {
  it('refuses a token signed with a key the issuer does not publish', async () => {
    const stranger = await h.idp.unpublishedKey();
    const token = await h.idp.sign({}, { key: stranger });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 401, 'invalid_token', /does not publish/);
  });

  it('refetches the JWKS once for an unknown kid, and at most once per cooldown', async () => {
    const check = h.checkWith({ jwksCooldownMs: 30_000 });
    await h.idp.rotate();
    expect((await check.checkToken(await h.idp.sign(), 'tracks')).allow).toBe(true);
    const afterFirstLoad = h.idp.fetches;

    // The IdP rotates: the new kid is unknown, the check refetches and admits.
    h.clock += 31_000;
    await h.idp.rotate();
    expect((await check.checkToken(await h.idp.sign(), 'tracks')).allow).toBe(true);
    expect(h.idp.fetches).toBe(afterFirstLoad + 1);

    // Another rotation within the cooldown: no refetch, so the new kid stays unknown.
    h.clock += 5_000;
    await h.idp.rotate();
    const early = await h.idp.sign();
    expectDenied(await check.checkToken(early, 'tracks'), 401, 'invalid_token', /does not publish/);
    const stranger = await h.idp.sign({}, { key: await h.idp.unpublishedKey() });
    expectDenied(await check.checkToken(stranger, 'tracks'), 401, 'invalid_token');
    expect(h.idp.fetches).toBe(afterFirstLoad + 1);

    // Once the cooldown has passed, the next unknown kid refetches.
    h.clock += 30_000;
    expect((await check.checkToken(early, 'tracks')).allow).toBe(true);
    expect(h.idp.fetches).toBe(afterFirstLoad + 2);
  });

  it('does not refetch for a bad signature under the published kid', async () => {
    const check = h.checkWith();
    await h.idp.rotate();
    expect((await check.checkToken(await h.idp.sign(), 'tracks')).allow).toBe(true);
    const before = h.idp.fetches;
    const stranger = await h.idp.unpublishedKey();
    // Signed with another key but claiming the published kid.
    const forged = await h.idp.sign({}, { key: { ...stranger, kid: h.idp.key.kid } });
    h.clock += 60_000;
    expectDenied(await check.checkToken(forged, 'tracks'), 401, 'invalid_token', /signature/);
    expect(h.idp.fetches).toBe(before);
  });

  it('follows a rotation to a key of another algorithm', async () => {
    const check = h.checkWith();
    await h.idp.rotate();
    expect((await check.checkToken(await h.idp.sign(), 'tracks')).allow).toBe(true);
    h.clock += 31_000;
    const ec = await h.idp.rotate({ alg: 'ES256' });
    expect((await check.checkToken(await h.idp.sign({}, { key: ec }), 'tracks')).allow).toBe(true);
  });

  it('shares one fetch among concurrent first requests', async () => {
    const check = h.checkWith();
    const before = h.idp.fetches;
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => h.idp.sign()));
    const results = await Promise.all(tokens.map((t) => check.checkToken(t, 'tracks')));
    expect(results.every((r) => r.allow)).toBe(true);
    expect(h.idp.fetches).toBe(before + 1);
  });

  it('says the keys are unavailable (not that the token is bad) when the JWKS cannot be fetched', async () => {
    h.idp.setAvailable(false);
    try {
      const token = await h.idp.sign();
      await expect(h.checkWith().checkToken(token, 'tracks')).rejects.toBeInstanceOf(JwksUnavailableError);
    } finally {
      h.idp.setAvailable(true);
    }
  });
});
