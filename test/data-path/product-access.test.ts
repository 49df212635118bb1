import { describe, expect, it } from 'vitest';
import { expectDenied, setupCheckHarness } from './check-harness';

// The data path (docs/architecture.md), the product: a valid token is admitted only with the product's
// scope (RFC 6750 §3.1 insufficient_scope) — a `scope` string (embedded,
// Cognito with its `<resource-server>/` prefix) or an `scp` array (Okta) —
// and, where an audience is configured, only if `aud` names this API
// (RFC 7519 §4.1.3, RFC 8707 one-product tokens). The verified-token cache
// re-checks expiry, audience and scope on every hit.

const h = setupCheckHarness();

describe('RFC 6750 §3.1 insufficient_scope: the product scope', () => {
  it('refuses a token without any scope', async () => {
    const token = await h.idp.sign({ scope: undefined });
    const result = await h.checkWith().checkToken(token, 'tracks');
    expectDenied(result, 403, 'insufficient_scope', /tracks/);
    expect(result).toMatchObject({ scope: 'tracks' });
  });

  it("refuses a token that holds another product's scope", async () => {
    const token = await h.idp.sign({ scope: 'petstore' });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 403, 'insufficient_scope');
    expect((await h.checkWith().checkToken(token, 'petstore')).allow).toBe(true);
  });

  it('does not take a scope as a substring of another', async () => {
    const token = await h.idp.sign({ scope: 'tracks-admin mytracks' });
    expectDenied(await h.checkWith().checkToken(token, 'tracks'), 403, 'insufficient_scope');
  });

  it('uses the configured scope string of a listed product', async () => {
    const check = h.checkWith({ products: { tracks: 'api:tracks:read' }, listedProductsOnly: true });
    expect((await check.checkToken(await h.idp.sign({ scope: 'api:tracks:read' }), 'tracks')).allow).toBe(true);
    expectDenied(await check.checkToken(await h.idp.sign({ scope: 'tracks' }), 'tracks'), 403, 'insufficient_scope');
    expectDenied(await check.checkToken(await h.idp.sign(), 'petstore'), 403, 'invalid_request', /no API product/);
  });
});

describe('Okta: scopes in an scp array', () => {
  it('admits an scp array holding the scope', async () => {
    const token = await h.idp.sign({
      scope: undefined,
      scp: ['petstore', 'tracks'],
      client_id: undefined,
      cid: '0oa1okta',
      sub: '0oa1okta',
    });
    expect(await h.checkWith({ scopeClaim: 'scp' }).checkToken(token, 'tracks')).toMatchObject({
      allow: true,
      clientId: '0oa1okta',
      scopes: ['petstore', 'tracks'],
    });
  });

  it('refuses an scp array without it', async () => {
    const token = await h.idp.sign({ scope: undefined, scp: ['petstore'] });
    expectDenied(await h.checkWith({ scopeClaim: 'scp' }).checkToken(token, 'tracks'), 403, 'insufficient_scope');
  });

  it('reads only the configured claim', async () => {
    const token = await h.idp.sign({ scope: 'tracks', scp: ['petstore'] });
    expectDenied(await h.checkWith({ scopeClaim: 'scp' }).checkToken(token, 'tracks'), 403, 'insufficient_scope');
  });
});

describe('Cognito: <resource-server>/<product> scopes', () => {
  const cognito = { scopeStyle: { kind: 'resource-server', identifier: 'https://api.example.com' } } as const;

  it('requires the resource-server prefix', async () => {
    const check = h.checkWith(cognito);
    expect((await check.checkToken(await h.idp.sign({ scope: 'https://api.example.com/tracks' }), 'tracks')).allow).toBe(true);
    const bare = await check.checkToken(await h.idp.sign({ scope: 'tracks' }), 'tracks');
    expectDenied(bare, 403, 'insufficient_scope');
    expect(bare).toMatchObject({ scope: 'https://api.example.com/tracks' });
  });

  it('refuses the same scope name on another resource server', async () => {
    const token = await h.idp.sign({ scope: 'https://other.example.com/tracks' });
    expectDenied(await h.checkWith(cognito).checkToken(token, 'tracks'), 403, 'insufficient_scope');
  });

  it('takes a URI product id as the scope itself', async () => {
    const id = 'https://api.example.com/tracks';
    expect(h.checkWith(cognito).scopeFor(id)).toBe(id);
    expect((await h.checkWith(cognito).checkToken(await h.idp.sign({ scope: id }), id)).allow).toBe(true);
  });
});

describe('RFC 7519 §4.1.3: audience', () => {
  const api = 'https://portal.example.com/apis';

  it('refuses a token for another audience when one is configured', async () => {
    const token = await h.idp.sign({ aud: 'https://elsewhere.example.com' });
    expectDenied(await h.checkWith({ audience: api }).checkToken(token, 'tracks'), 401, 'invalid_token', /not meant for this API/);
    const none = await h.idp.sign();
    expectDenied(await h.checkWith({ audience: api }).checkToken(none, 'tracks'), 401, 'invalid_token', /not meant/);
  });

  it('admits an aud array that names the audience', async () => {
    const token = await h.idp.sign({ aud: ['https://elsewhere.example.com', api] });
    expect((await h.checkWith({ audience: api }).checkToken(token, 'tracks')).allow).toBe(true);
  });

  it('admits a one-product token (RFC 8707) for that product only', async () => {
    const check = h.checkWith({ audience: api, productAudiencePrefix: `${api}/` });
    const token = await h.idp.sign({ aud: `${api}/tracks`, scope: 'tracks petstore' });
    expect((await check.checkToken(token, 'tracks')).allow).toBe(true);
    expectDenied(await check.checkToken(token, 'petstore'), 401, 'invalid_token', /not meant/);
  });
});

describe('the verified-token cache', () => {
  it('still refuses a cached token once it expires', async () => {
    const check = h.checkWith();
    const token = await h.idp.sign({ exp: h.nowSeconds() + 60 });
    expect((await check.checkToken(token, 'tracks')).allow).toBe(true);
    expect(check.stats.cachedTokens).toBe(1);
    h.clock += 60_000 + 29_000;
    expect((await check.checkToken(token, 'tracks')).allow).toBe(true);
    h.clock += 2_000;
    expectDenied(await check.checkToken(token, 'tracks'), 401, 'invalid_token', /expired/);
    expect(check.stats.cachedTokens).toBe(0);
  });

  it('re-checks the product scope on every hit', async () => {
    const check = h.checkWith();
    const token = await h.idp.sign({ scope: 'tracks' });
    expect((await check.checkToken(token, 'tracks')).allow).toBe(true);
    expectDenied(await check.checkToken(token, 'petstore'), 403, 'insufficient_scope');
    expect(check.stats.cachedTokens).toBe(1);
  });

  it('answers from the cache without the JWKS', async () => {
    const check = h.checkWith();
    const token = await h.idp.sign();
    await check.checkToken(token, 'tracks');
    h.idp.setAvailable(false);
    try {
      expect((await check.checkToken(token, 'tracks')).allow).toBe(true);
    } finally {
      h.idp.setAvailable(true);
    }
  });

  it('holds at most cacheSize tokens, dropping the least recently used', async () => {
    const check = h.checkWith({ cacheSize: 2 });
    const [a, b, c] = await Promise.all([h.idp.sign(), h.idp.sign(), h.idp.sign()]);
    await check.checkToken(a!, 'tracks');
    await check.checkToken(b!, 'tracks');
    await check.checkToken(a!, 'tracks'); // a is now the most recent
    await check.checkToken(c!, 'tracks'); // evicts b
    expect(check.stats.cachedTokens).toBe(2);
    h.idp.setAvailable(false);
    try {
      expect((await check.checkToken(a!, 'tracks')).allow).toBe(true);
      expect((await check.checkToken(c!, 'tracks')).allow).toBe(true);
    } finally {
      h.idp.setAvailable(true);
    }
  });

  it('keeps nothing when turned off', async () => {
    const check = h.checkWith({ cacheSize: 0 });
    await check.checkToken(await h.idp.sign(), 'tracks');
    expect(check.stats.cachedTokens).toBe(0);
  });
});

describe('what goes to the upstream headers', () => {
  it('drops scopes with control characters and percent-encodes such a client id', async () => {
    const token = await h.idp.sign({ scope: 'tracks evil\r\nx-injected:1', client_id: 'lyd\nodd' });
    const result = await h.checkWith().checkToken(token, 'tracks');
    expect(result).toMatchObject({ allow: true, clientId: 'lyd%0Aodd', scopes: ['tracks'] });
  });

  it('tolerates extra spaces between scopes', async () => {
    const token = await h.idp.sign({ scope: ' tracks  petstore ' });
    expect(await h.checkWith().checkToken(token, 'petstore')).toMatchObject({ allow: true, scope: 'tracks petstore' });
  });
});
