import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertionCommand } from '@/lib/apps/snippets';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';

// The command the credentials card shows for private_key_jwt, run as the
// owner would run it (node, no packages), with a key the test generated:
// the assertion it prints gets a token, for an RSA and an EC key alike.

let idp: RunningIdp;
let dir: string;

beforeAll(async () => {
  idp = await startEmbeddedIdp();
  await idp.adapter.createApiProduct({ id: 'tracks' });
  dir = mkdtempSync(path.join(tmpdir(), 'lanyard-snippet-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await idp?.stop();
});

describe('the private_key_jwt command', () => {
  it.each(['RS256', 'ES256'] as const)('signs an assertion the IdP accepts (%s)', async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `key-${alg}`;
    const client = await idp.adapter.createAppClient({
      appId: `snippet-${alg}`,
      settings: {
        type: 'service',
        redirectUris: [],
        postLogoutRedirectUris: [],
        signingKeys: { jwks: { keys: [{ ...(await exportJWK(publicKey)), kid }] } },
      },
    });
    await idp.adapter.setClientApiProducts(client.clientId, ['tracks']);
    const keyFile = path.join(dir, `${alg}.pem`);
    writeFileSync(keyFile, await exportPKCS8(privateKey));
    const tokenEndpoint = `${idp.issuer}/token`;
    const command = assertionCommand({ tokenEndpoint, clientId: client.clientId, kid, alg, keyFile });
    const assertion = execFileSync('sh', ['-c', command], { encoding: 'utf8' }).trim();
    const res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'tracks',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});
