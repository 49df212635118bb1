import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGatewayPolicy, type GatewayPolicyBundle } from '@/lib/gateway-policy';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { clientCredentials } from '../helpers/token-request';
import { COGNITO_ISSUER, EMBEDDED_ISSUER, idps, input, OKTA_ISSUER, opaBinary, RESOURCE_SERVER } from './fixtures';

// The generated policy's decision against access-token claims in the shapes
// each IdP issues:
//   embedded: "scope": "tracks petstore" (and an "aud")
//   Okta:     "scp": ["tracks", "petstore"] (and an "aud")
//   Cognito:  "scope": "https://api.example.com/tracks …" (no "aud")
//
// Honest note: OPA is not executed here. There is no `opa` binary on PATH
// and no @open-policy-agent/opa-wasm package in node_modules (and the project
// installs neither), so the decision is tested through decide(), the
// TypeScript mirror of the Rego module (lib/gateway-policy/decide.ts), and the
// Rego text is checked for the exact values and claim handling decide() uses.
// Where an `opa` binary is on PATH, the last suite evaluates the real module
// with `opa eval` against the same inputs and compares it with decide().

type Claims = Record<string, unknown>;

const embeddedClaims = (scope: string, extra: Claims = {}): Claims => ({
  iss: EMBEDDED_ISSUER,
  aud: 'http://localhost:3000/apis',
  sub: 'lyd_client',
  client_id: 'lyd_client',
  scope,
  ...extra,
});
const oktaClaims = (scp: unknown, extra: Claims = {}): Claims => ({
  iss: OKTA_ISSUER,
  aud: 'api://default',
  cid: '0oa1',
  sub: '0oa1',
  scp,
  ...extra,
});
const cognitoClaims = (scope: string, extra: Claims = {}): Claims => ({
  iss: COGNITO_ISSUER,
  client_id: '4f2k',
  token_use: 'access',
  scope,
  ...extra,
});

/** Seed 001's module, transcribed: split `scope` on spaces, compare with the route's product id. */
function referenceModuleAllows(claims: Claims, routeApiProductId: string): boolean {
  if (typeof claims.scope !== 'string' || routeApiProductId === '') return false;
  return claims.scope.split(' ').some((scope) => scope !== '' && scope === routeApiProductId);
}

describe('embedded IdP: a space-separated "scope" string', () => {
  const tracks = generateGatewayPolicy(input('embedded', 'tracks'));

  it('admits a token that holds the product scope among others', () => {
    expect(tracks.decide(embeddedClaims('tracks petstore')).allow).toBe(true);
    expect(tracks.decide(embeddedClaims('petstore tracks')).allow).toBe(true);
  });

  it('refuses a token without it, including look-alikes', () => {
    for (const scope of ['petstore', '', 'trackss', 'xtracks', 'tracks-admin', 'TRACKS', 'tracks,petstore', 'tracks\tpetstore']) {
      expect(tracks.decide(embeddedClaims(scope)), scope).toEqual({ allow: false, reason: 'scope' });
    }
  });

  it('refuses the wrong audience and the wrong issuer, and admits an audience array that holds it', () => {
    expect(tracks.decide(embeddedClaims('tracks', { aud: 'http://elsewhere/apis' }))).toEqual({ allow: false, reason: 'audience' });
    expect(tracks.decide(embeddedClaims('tracks', { aud: undefined }))).toEqual({ allow: false, reason: 'audience' });
    expect(tracks.decide(embeddedClaims('tracks', { aud: ['x', 'http://localhost:3000/apis'] })).allow).toBe(true);
    expect(tracks.decide(embeddedClaims('tracks', { iss: 'http://evil/oidc' }))).toEqual({ allow: false, reason: 'issuer' });
  });

  it('reads only the "scope" claim: an "scp" array does not count', () => {
    expect(tracks.decide(embeddedClaims('petstore', { scp: ['tracks'] })).allow).toBe(false);
  });

  it('agrees with the reference module here, where the scope is the plain product id', () => {
    for (const scope of ['tracks petstore', 'petstore', 'tracks']) {
      expect(tracks.decide(embeddedClaims(scope), { routeApiProductId: 'tracks' }).allow).toBe(
        referenceModuleAllows(embeddedClaims(scope), 'tracks'),
      );
    }
  });
});

describe('Okta: an "scp" ARRAY', () => {
  const tracks = generateGatewayPolicy(input('okta', 'tracks'));

  it('admits a token whose scp array holds the product scope', () => {
    expect(tracks.decide(oktaClaims(['tracks', 'petstore']))).toEqual({ allow: true, reason: 'allowed' });
    expect(tracks.decide(oktaClaims(['tracks']))).toEqual({ allow: true, reason: 'allowed' });
  });

  it('refuses arrays without it, and non-string members do not count', () => {
    for (const scp of [['petstore'], [], ['tracks petstore'], [['tracks']], [{ tracks: true }], ['Tracks']]) {
      expect(tracks.decide(oktaClaims(scp)).allow, JSON.stringify(scp)).toBe(false);
    }
  });

  it('also reads a space-separated scp string, as some IdPs write it', () => {
    expect(tracks.decide(oktaClaims('petstore tracks')).allow).toBe(true);
  });

  it('does not read a "scope" string: Okta access tokens carry scp', () => {
    expect(tracks.decide({ ...oktaClaims(undefined), scope: 'tracks' }).allow).toBe(false);
  });

  it('checks the authorization server audience', () => {
    expect(tracks.decide(oktaClaims(['tracks'], { aud: 'api://other' })).reason).toBe('audience');
  });

  it('is where the reference module fails: it finds no scope string and refuses a token it should admit', () => {
    const claims = oktaClaims(['tracks', 'petstore']);
    expect(referenceModuleAllows(claims, 'tracks')).toBe(false);
    expect(tracks.decide(claims, { routeApiProductId: 'tracks' }).allow).toBe(true);
  });
});

describe('Cognito: "<resource-server>/<product>" in a "scope" string', () => {
  const tracks = generateGatewayPolicy(input('cognito', 'tracks'));
  const uriProduct = generateGatewayPolicy(input('cognito', `${RESOURCE_SERVER}/tracks`));

  it('requires the prefixed scope for a plain product id', () => {
    expect(tracks.spec.requiredScope).toBe('https://api.example.com/tracks');
    expect(tracks.decide(cognitoClaims('https://api.example.com/tracks https://api.example.com/petstore')).allow).toBe(true);
  });

  it('refuses the bare product id, another resource server and prefix look-alikes', () => {
    for (const scope of [
      'tracks',
      'https://other.example.com/tracks',
      'https://api.example.com/tracks2',
      'https://api.example.com/',
      'https://api.example.com',
    ]) {
      expect(tracks.decide(cognitoClaims(scope)).allow, scope).toBe(false);
    }
  });

  it('takes a URI product id as the scope itself (a Cognito product id that is a URI: https://api.example.com/tracks)', () => {
    expect(uriProduct.spec.requiredScope).toBe('https://api.example.com/tracks');
    expect(uriProduct.decide(cognitoClaims('https://api.example.com/tracks')).allow).toBe(true);
    expect(uriProduct.decide(cognitoClaims('tracks')).allow).toBe(false);
  });

  it('needs no audience (Cognito access tokens have none)', () => {
    expect(tracks.spec.audience).toBeUndefined();
    expect(tracks.decide(cognitoClaims('https://api.example.com/tracks', { aud: 'anything' })).allow).toBe(true);
  });

  it('is where the reference module fails for a plain product id: the route says tracks, the token says <resource-server>/tracks', () => {
    const claims = cognitoClaims('https://api.example.com/tracks');
    expect(referenceModuleAllows(claims, 'tracks')).toBe(false);
    expect(tracks.decide(claims, { routeApiProductId: 'tracks' }).allow).toBe(true);
  });
});

describe("the route's product metadata", () => {
  const tracks = generateGatewayPolicy(input('okta', 'tracks'));
  const claims = oktaClaims(['tracks', 'petstore']);

  it("refuses when Gloo's metadata names another product (the policy is on the wrong routes)", () => {
    expect(tracks.decide(claims, { routeApiProductId: 'petstore' })).toEqual({ allow: false, reason: 'route' });
  });

  it('admits when it names this product, or when the route carries none (the label binds the policy)', () => {
    for (const routeApiProductId of ['tracks', undefined, '', 42]) {
      expect(tracks.decide(claims, { routeApiProductId }).allow, String(routeApiProductId)).toBe(true);
    }
  });

  it('refuses when there are no claims at all', () => {
    expect(tracks.decide(undefined).allow).toBe(false);
    expect(tracks.decide({}).allow).toBe(false);
  });
});

describe('the Rego text holds what decide() decides on', () => {
  const lines = (b: GatewayPolicyBundle) => b.rego.split('\n');

  it.each(['embedded', 'okta', 'cognito'] as const)('%s: constants, claim handling and rules', (name) => {
    const b = generateGatewayPolicy(input(name, 'tracks'));
    const { idp } = idps[name];
    const claim = idp.scopeClaim;
    expect(lines(b)).toContain(`package ${b.spec.regoPackage}`);
    expect(lines(b)).toContain('import future.keywords.if');
    expect(lines(b)).toContain('import future.keywords.in');
    expect(lines(b)).toContain(`api_product_id := "tracks"`);
    expect(lines(b)).toContain(`required_scope := ${JSON.stringify(b.spec.requiredScope)}`);
    expect(lines(b)).toContain(`issuer := ${JSON.stringify(idp.issuer)}`);
    expect(lines(b)).toContain('claims := input.state.jwtAccessToken');
    expect(lines(b)).toContain('default allow := false');
    expect(b.rego).toContain('allow if {\n    claims.iss == issuer\n    audience_ok\n    route_ok\n    required_scope in token_scopes\n}');
    expect(lines(b)).toContain(`token_scopes := {s | some s in split(claims.${claim}, " ")} if is_string(claims.${claim})`);
    expect(lines(b)).toContain(`token_scopes := {s | some s in claims.${claim}; is_string(s)} if is_array(claims.${claim})`);
    const other = claim === 'scp' ? 'scope' : 'scp';
    expect(b.rego).not.toContain(`claims.${other}`);
    if ('audience' in idp && idp.audience) {
      expect(lines(b)).toContain(`audience := ${JSON.stringify(idp.audience)}`);
      expect(lines(b)).toContain('audience_ok if claims.aud == audience');
      expect(b.rego).toContain('audience_ok if {\n    is_array(claims.aud)\n    audience in claims.aud\n}');
    } else {
      expect(lines(b)).toContain('audience_ok := true');
    }
    expect(b.rego).toContain(
      'id := input.check_request.attributes.metadata_context.filter_metadata["io.solo.gloo.apimanagement"].api_product_id',
    );
    expect(lines(b)).toContain('route_ok if not route_product_id');
    expect(lines(b)).toContain('route_ok if route_product_id == api_product_id');
    // No trace of the reference module's string-only handling.
    expect(b.rego).not.toContain('input.state.jwtAccessToken.scope');
  });

  it("Cognito's module compares with the prefixed scope, never the bare id", () => {
    const b = generateGatewayPolicy(input('cognito', 'tracks'));
    expect(lines(b)).toContain('required_scope := "https://api.example.com/tracks"');
    expect(b.rego).not.toMatch(/required_scope := "tracks"/);
  });

  it('is well-formed enough to read: balanced braces, one statement per line, every referenced rule defined', () => {
    for (const name of ['embedded', 'okta', 'cognito'] as const) {
      const rego = generateGatewayPolicy(input(name, 'tracks')).rego;
      const code = rego.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/gm, '');
      expect(code.split('{').length).toBe(code.split('}').length);
      expect(code.split('[').length).toBe(code.split(']').length);
      for (const rule of [
        'allow',
        'claims',
        'issuer',
        'audience_ok',
        'route_ok',
        'token_scopes',
        'required_scope',
        'api_product_id',
        'route_product_id',
      ]) {
        expect(code, `${name}: ${rule}`).toMatch(new RegExp(`^(default )?${rule} (:=|if)`, 'm'));
      }
    }
  });
});

describe('real tokens from the embedded IdP', () => {
  let idp: RunningIdp;
  let bundle: GatewayPolicyBundle;
  let client: { id: string; secret: string };

  beforeAll(async () => {
    idp = await startEmbeddedIdp();
    await idp.adapter.createApiProduct({ id: 'tracks' });
    await idp.adapter.createApiProduct({ id: 'petstore' });
    const created = await idp.adapter.createClient({ appId: 'gateway-policy' });
    client = { id: created.clientId, secret: created.clientSecret };
    const discovery = await idp.adapter.discovery();
    bundle = generateGatewayPolicy({ apiProductId: 'tracks', idp: discovery, scopeStyle: { kind: 'plain' } });
  });
  afterAll(() => idp?.stop());

  async function claimsFor(scope?: string): Promise<Claims> {
    const discovery = await idp.adapter.discovery();
    const res = await clientCredentials(discovery.tokenEndpoint, client, scope ? { scope } : {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return decodeJwt(String(res.body.access_token));
  }

  it('admits a token issued for tracks and refuses one issued for petstore only', async () => {
    await idp.adapter.setClientApiProducts(client.id, ['tracks', 'petstore']);
    const both = await claimsFor();
    expect(both.scope).toMatch(/tracks/);
    expect(bundle.decide(both)).toEqual({ allow: true, reason: 'allowed' });
    expect(bundle.decide(await claimsFor('petstore'))).toEqual({ allow: false, reason: 'scope' });
    expect(bundle.decide(await claimsFor('tracks'))).toEqual({ allow: true, reason: 'allowed' });
  });
});

// Runs only where an `opa` binary is installed; skipped in this environment.
describe.skipIf(!opaBinary)('the Rego module under a real OPA (only where opa is on PATH)', () => {
  const samples: [string, ReturnType<typeof generateGatewayPolicy>, Claims, string | undefined][] = [
    ['embedded ok', generateGatewayPolicy(input('embedded', 'tracks')), embeddedClaims('tracks petstore'), undefined],
    ['embedded wrong aud', generateGatewayPolicy(input('embedded', 'tracks')), embeddedClaims('tracks', { aud: 'x' }), undefined],
    ['okta array', generateGatewayPolicy(input('okta', 'tracks')), oktaClaims(['petstore', 'tracks']), 'tracks'],
    ['okta missing', generateGatewayPolicy(input('okta', 'tracks')), oktaClaims(['petstore']), undefined],
    ['okta other route', generateGatewayPolicy(input('okta', 'tracks')), oktaClaims(['tracks']), 'petstore'],
    ['cognito prefixed', generateGatewayPolicy(input('cognito', 'tracks')), cognitoClaims('https://api.example.com/tracks'), 'tracks'],
    ['cognito bare', generateGatewayPolicy(input('cognito', 'tracks')), cognitoClaims('tracks'), undefined],
  ];

  it.each(samples)('%s: opa eval agrees with decide()', (_, bundle, claims, route) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lanyard-opa-'));
    try {
      writeFileSync(path.join(dir, 'policy.rego'), bundle.rego);
      const metadata = route ? { filter_metadata: { 'io.solo.gloo.apimanagement': { api_product_id: route } } } : {};
      writeFileSync(
        path.join(dir, 'input.json'),
        JSON.stringify({ state: { jwtAccessToken: claims }, check_request: { attributes: { metadata_context: metadata } } }),
      );
      const query = bundle.spec.opaQuery.replace(/ == true$/, '');
      const run = spawnSync(
        opaBinary!,
        ['eval', '--format', 'json', '-d', path.join(dir, 'policy.rego'), '-i', path.join(dir, 'input.json'), query],
        { encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      const value = JSON.parse(run.stdout).result[0].expressions[0].value;
      expect(value).toBe(bundle.decide(claims, { routeApiProductId: route }).allow);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OPA availability', () => {
  it('is as the note above says: no opa-wasm package here (an opa binary is used only if present)', () => {
    const resolve = () => createRequire(import.meta.url).resolve('@open-policy-agent/opa-wasm');
    expect(resolve).toThrow();
  });
});
