import { describe, expect, it } from 'vitest';
import { fieldErrors } from '@/lib/field-errors';
import { redirectUriProblem } from '@/lib/apps/redirect-uris';
import { createAppSchema, updateAppSchemaFor } from '@/lib/apps/schemas';

// The rules for application types, redirect URIs and signing keys,
// as the create dialog and the API both apply them: one message per field,
// keyed the way the form shows it inline.

const errorsOf = (input: unknown) => {
  const parsed = createAppSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error);
};

const RSA_N = 'x'.repeat(342);

describe('redirect URIs', () => {
  it.each([
    ['https://app.example.com/callback', undefined],
    ['http://localhost:3000/callback', undefined],
    ['http://127.0.0.1:5173/cb', undefined],
    ['http://app.example.com/callback', /must use https/],
    ['http://192.168.1.4/callback', /must use https/],
    ['https://*.example.com/callback', /wildcard/],
    ['https://app.example.com/callback#done', /fragment/],
    ['https://user:pw@app.example.com/cb', /user name or password/],
    ['com.example.app:/callback', /absolute URL/],
    ['myapp://callback', /https URL/],
    ['/callback', /absolute URL/],
    ['https://app.example.com/call back', /spaces/],
  ])('%s', (uri, problem) => {
    const found = redirectUriProblem(uri);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });

  it('native apps: loopback over http, claimed https on a real host, never https on loopback', () => {
    expect(redirectUriProblem('http://127.0.0.1/callback', 'native')).toBeUndefined();
    expect(redirectUriProblem('https://app.example.com/cb', 'native')).toBeUndefined();
    expect(redirectUriProblem('https://localhost/cb', 'native')).toMatch(/loopback address/);
  });
});

describe('creating an application', () => {
  it('type defaults to service, which has no redirect URIs', () => {
    expect(createAppSchema.parse({ name: 'Backend' })).toMatchObject({
      type: 'service',
      redirectUris: [],
      clientAuthentication: 'client_secret',
    });
    expect(errorsOf({ name: 'Backend', redirectUris: ['https://a.example.com/cb'] })).toEqual({
      redirectUris: 'A service app signs no one in, so it has no redirect URIs',
    });
  });

  it.each(['web', 'spa', 'native'])('a %s app needs at least one redirect URI', (type) => {
    expect(errorsOf({ name: 'App', type })).toEqual({ redirectUris: expect.stringMatching(/at least one redirect URI/) });
    expect(errorsOf({ name: 'App', type, redirectUris: ['http://127.0.0.1:5173/cb'] })).toEqual({});
  });

  it('says which URI is wrong and why, one field per row', () => {
    expect(
      errorsOf({
        name: 'App',
        type: 'spa',
        redirectUris: ['https://ok.example.com/cb', 'http://evil.example.com/cb', 'https://ok.example.com/cb'],
      }),
    ).toEqual({
      'redirectUris.1': expect.stringMatching(/must use https/),
      'redirectUris.2': 'This URL is already in the list',
    });
  });

  it.each([
    ['implicit', /OAuth 2\.1 removes it.*spa app/],
    ['password', /OAuth 2\.1 removes it.*password/],
    ['token', /implicit grant/],
    ['banana', /Choose service, web, spa or native/],
  ])('refuses type %s with an explanation', (type, message) => {
    expect(errorsOf({ name: 'App', type }).type).toMatch(message);
  });

  it('private_key_jwt: service apps only, with a JWK Set or its URL (one of the two)', () => {
    const jwks = { keys: [{ kty: 'RSA', n: RSA_N, e: 'AQAB', kid: 'k1' }] };
    expect(errorsOf({ name: 'S', clientAuthentication: 'private_key_jwt', jwks })).toEqual({});
    expect(errorsOf({ name: 'S', clientAuthentication: 'private_key_jwt', jwksUri: 'https://keys.example.com/jwks.json' })).toEqual({});
    expect(errorsOf({ name: 'S', clientAuthentication: 'private_key_jwt' }).jwks).toMatch(/one of the two/);
    expect(errorsOf({ name: 'S', clientAuthentication: 'private_key_jwt', jwks, jwksUri: 'https://k.example.com/j' }).jwks).toMatch(
      /one of the two/,
    );
    expect(
      errorsOf({ name: 'S', type: 'spa', redirectUris: ['https://a.example.com/cb'], clientAuthentication: 'private_key_jwt', jwks })
        .clientAuthentication,
    ).toMatch(/Only service apps/);
    expect(errorsOf({ name: 'S', jwks }).jwks).toMatch(/only for private_key_jwt/);
  });

  it.each([
    [{ keys: [{ kty: 'RSA', n: RSA_N, e: 'AQAB', d: 'secret', kid: 'k1' }] }, /private part \("d"\)/],
    [{ keys: [{ kty: 'RSA', n: 'short', e: 'AQAB', kid: 'k1' }] }, /shorter than 2048 bits/],
    [{ keys: [{ kty: 'RSA', n: RSA_N, e: 'AQAB' }] }, /needs a "kid"/],
    [{ keys: [{ kty: 'EC', crv: 'P-384', x: 'a', y: 'b', kid: 'k1' }] }, /P-256/],
    [{ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'k1' }] }, /private part \("k"\)/],
    [{ keys: [] }, /no keys/],
    ['{not json', /JWK Set/],
  ])('refuses the JWK Set %j', (jwks, message) => {
    expect(errorsOf({ name: 'S', clientAuthentication: 'private_key_jwt', jwks }).jwks).toMatch(message);
  });

  it('keeps only public members of a pasted JWK, and accepts it as JSON text', () => {
    const parsed = createAppSchema.parse({
      name: 'S',
      clientAuthentication: 'private_key_jwt',
      jwks: JSON.stringify({ keys: [{ kty: 'RSA', n: RSA_N, e: 'AQAB', kid: 'k1', x5c: ['…'], note: 'x' }] }),
    });
    expect(parsed.jwks).toEqual({ keys: [{ kty: 'RSA', n: RSA_N, e: 'AQAB', kid: 'k1' }] });
  });

  it.each([
    ['http://keys.example.com/jwks', /https/],
    ['https://localhost/jwks', /public host/],
    ['https://10.0.0.8/jwks', /public host/],
    ['https://keys.internal/jwks', /public host/],
  ])('refuses the JWKS URL %s', (jwksUri, message) => {
    expect(errorsOf({ name: 'S', clientAuthentication: 'private_key_jwt', jwksUri }).jwksUri).toMatch(message);
  });
});

describe('editing an application', () => {
  it('applies the type’s rules: a spa keeps at least one redirect URI; a secret app has no keys', () => {
    expect(updateAppSchemaFor('spa', 'none').safeParse({ redirectUris: [] }).success).toBe(false);
    expect(updateAppSchemaFor('spa', 'none').safeParse({ redirectUris: ['https://a.example.com/cb'] }).success).toBe(true);
    expect(updateAppSchemaFor('service', 'client_secret').safeParse({ jwksUri: 'https://k.example.com/j' }).success).toBe(false);
    expect(updateAppSchemaFor('service', 'private_key_jwt').safeParse({ jwksUri: 'https://k.example.com/j' }).success).toBe(true);
  });
});
