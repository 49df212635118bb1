import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@okta/okta-sdk-nodejs';
import { ConfigLoader } from '@okta/okta-sdk-nodejs/src/config-loader.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oktaAdapter } from '@/lib/idp/okta/adapter';
import { startOktaStandIn, type OktaStandIn } from '../../stand-ins/okta';

// The Okta SDK reads OKTA_CLIENT_* variables, ~/.okta/okta.yaml and
// ./okta.yaml under whatever config it is given. The adapter must be
// configured by Lanyard's own settings and nothing else. (Test files run in
// their own process — vitest pool "forks" — so changing env, HOME and cwd
// here touches no other test.)

let okta: OktaStandIn;
let dir: string;
const saved = { env: { ...process.env }, cwd: process.cwd() };

beforeAll(async () => {
  okta = await startOktaStandIn();
  dir = mkdtempSync(path.join(tmpdir(), 'lanyard-okta-config-'));
  // A home whose okta.yaml does not even parse, and a working directory whose
  // okta.yaml points at another org with another token.
  mkdirSync(path.join(dir, 'home', '.okta'), { recursive: true });
  writeFileSync(path.join(dir, 'home', '.okta', 'okta.yaml'), 'okta: [unclosed\n  client: {');
  mkdirSync(path.join(dir, 'cwd'));
  writeFileSync(
    path.join(dir, 'cwd', 'okta.yaml'),
    'okta:\n  client:\n    orgUrl: "http://127.0.0.1:9"\n    token: "yaml-token"\n    authorizationMode: "PrivateKey"\n',
  );
  Object.assign(process.env, {
    HOME: path.join(dir, 'home'),
    OKTA_CLIENT_ORGURL: 'http://127.0.0.1:9',
    OKTA_CLIENT_TOKEN: 'env-token',
    OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey',
    OKTA_CLIENT_CLIENTID: 'env-client',
    OKTA_CLIENT_SCOPES: 'okta.apps.manage',
    OKTA_CLIENT_PRIVATEKEY: 'not-a-key',
  });
  process.chdir(path.join(dir, 'cwd'));
});

afterAll(async () => {
  process.chdir(saved.cwd);
  process.env = saved.env;
  rmSync(dir, { recursive: true, force: true });
  await okta.stop();
});

describe('Okta adapter: SDK configuration comes only from Lanyard', () => {
  it('the environment here would derail a plain SDK client', () => {
    // Proof that the files and variables above are live: the SDK's own loader trips over them.
    expect(() => new Client({ orgUrl: okta.orgUrl, token: okta.apiToken })).toThrow();
  });

  it('the adapter ignores OKTA_CLIENT_*, ~/.okta/okta.yaml and ./okta.yaml', async () => {
    const adapter = oktaAdapter({ orgUrl: okta.orgUrl, apiToken: okta.apiToken, authServerId: okta.authServerId });
    await adapter.createApiProduct({ id: 'tracks' });
    const created = await adapter.createClient({ appId: 'isolated' });
    expect((await adapter.getClient(created.clientId)).clientName).toBe('lanyard-isolated');
    expect(okta.requests.every((r) => r.status !== 401)).toBe(true);
  });

  it('leaves the SDK loader as it found it for anyone else', () => {
    const before = ConfigLoader.prototype.applyDefaults;
    oktaAdapter({ orgUrl: okta.orgUrl, apiToken: okta.apiToken, authServerId: okta.authServerId });
    expect(ConfigLoader.prototype.applyDefaults).toBe(before);
  });
});
