import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessToken } from '@/lib/access-tokens/tokens';
import { createDataPathCheck } from '@/lib/data-path/create-check';
import { startDemoGateway, type RunningDemoGateway } from '@/lib/data-path/demo-gateway';
import { createMetering, type Metering } from '@/lib/data-path/metering-settings';
import { exportLimits } from '@/lib/plans/limits-export';
import { startLocalIssuer, type LocalIssuer } from '../data-path/local-issuer';
import { startEmbeddedIdp, type RunningIdp } from '../helpers/embedded-idp';
import { addPortalUser } from '../helpers/portal-fixtures';
import { startV1Server, type V1Server } from '../helpers/v1-server';

// `npx lanyard …` as a pipeline runs it (bin/lanyard.mjs in a child process),
// against /api/v1 on a real HTTP server: log in, publish, republish (the
// changelog appears), deprecate, and the demo gateway's responses for the
// product then carry Deprecation and Sunset. Exit codes: 0, 1 (API), 2 (usage).

const ROOT = path.resolve(__dirname, '../..');
let idp: RunningIdp;
let api: V1Server;
let issuer: LocalIssuer;
let metering: Metering;
let gateway: RunningDemoGateway;
let home: string;
let token: string;

function lanyard(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/lanyard.mjs'), ...args], {
      cwd: home,
      env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const DOC = `openapi: 3.0.3
info:
  title: Tracks API
  version: 1.0.0
paths:
  /tracks:
    get:
      responses:
        '200': { description: OK }
  /tracks/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: OK }
`;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'lanyard-cli-'));
  idp = await startEmbeddedIdp();
  const admin = await addPortalUser(idp.testDb.db, 'ci-owner@example.com', true);
  token = (
    await createAccessToken(idp.testDb.db, admin, 'service', {
      name: 'CI',
      scopes: ['products:read', 'products:write', 'apps:read'],
      expiresInDays: 30,
    })
  ).token;
  api = await startV1Server(idp.testDb.db, idp.adapter);
  issuer = await startLocalIssuer();
  const check = createDataPathCheck({ issuer: issuer.issuer, jwksUri: issuer.jwksUri });
  // The portal's in-process gateway reads the limits export (with its notices) from the database.
  metering = createMetering({ refreshMs: 60_000, flushMs: 60_000 }, { load: async () => exportLimits(idp.testDb.db) });
  gateway = await startDemoGateway({
    check,
    metering: metering.meter(check, 'in_process', { recordAdmitted: false }),
    productHeaders: (id) => metering.limits.table.productHeaders(id),
  });
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  await metering?.stop();
  await issuer?.stop();
  await api?.stop();
  await idp?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('lanyard CLI', () => {
  it('refuses a wrong command line with exit code 2', async () => {
    expect((await lanyard([])).code).toBe(2);
    const noId = await lanyard(['products', 'publish', 'openapi.yaml']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('--id');
    expect((await lanyard(['products', 'publish', 'openapi.yaml', '--id', 'tracks'])).stderr).toContain('No such file');
    writeFileSync(path.join(home, 'openapi.yaml'), DOC);
    const loggedOut = await lanyard(['products', 'publish', 'openapi.yaml', '--id', 'tracks']);
    expect([loggedOut.code, loggedOut.stderr]).toEqual([2, expect.stringContaining('Not logged in')]);
    expect((await lanyard(['login', '--token', 'not-a-token'])).code).toBe(2);
  });

  it('logs in with a token it checks, stored readable by the user only', async () => {
    const wrong = await lanyard(['login', '--token', `lyd_${'x'.repeat(43)}`, '--url', api.url]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/401/);
    const run = await lanyard(['login', '--token', token, '--url', api.url]);
    expect(run.code).toBe(0);
    const file = path.join(home, '.config/lanyard/config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: api.url, token });
  });

  it('publishes, then republishes with a changelog', async () => {
    writeFileSync(path.join(home, 'openapi.yaml'), DOC);
    const first = await lanyard(['products', 'publish', './openapi.yaml', '--id', 'tracks']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Published tracks (Tracks API, 2 operations)');

    writeFileSync(
      path.join(home, 'openapi.yaml'),
      DOC.replace('version: 1.0.0', 'version: 2.0.0').replace(
        /  \/tracks\/\{id\}:[\s\S]*$/,
        "  /modules:\n    get:\n      responses:\n        '200': { description: OK }\n",
      ),
    );
    const second = await lanyard(['products', 'publish', './openapi.yaml', '--id', 'tracks']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Version 2 (2.0.0) — BREAKING');
    expect(second.stdout).toContain('+ GET /modules');
    expect(second.stdout).toContain('- GET /tracks/{id}');

    const again = await lanyard(['products', 'publish', './openapi.yaml', '--id', 'tracks', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).version).toBeNull();
  });

  it('shows a progress line while uploading a large document', async () => {
    const big = DOC.replace('title: Tracks API', `title: Big API\n  description: "${'x'.repeat(400_000)}"`);
    writeFileSync(path.join(home, 'big.yaml'), big);
    const run = await lanyard(['products', 'publish', 'big.yaml', '--id', 'big']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Uploading big\.yaml: 100% of \d+ kB/);
  });

  it('deprecates, and the gateway’s answers for the product carry Deprecation and Sunset', async () => {
    const missing = await lanyard(['products', 'deprecate', 'nope', '--sunset', '2027-06-30']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404');
    const run = await lanyard(['products', 'deprecate', 'tracks', '--sunset', '2027-06-30']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sunset 2027-06-30');

    await metering.limits.refresh();
    const bearer = await issuer.sign({ client_id: 'lyd_cli', scope: 'tracks' });
    const res = await fetch(`${gateway.url}/tracks/tracks`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
    const product = await idp.testDb.db.apiProduct.findUniqueOrThrow({ where: { apiProductId: 'tracks' } });
    expect(res.headers.get('deprecation')).toBe(`@${Math.floor(product.deprecatedAt!.getTime() / 1000)}`);
    const other = await fetch(`${gateway.url}/petstore/pet/1`, {
      headers: { authorization: `Bearer ${await issuer.sign({ client_id: 'lyd_cli', scope: 'petstore' })}` },
    });
    expect(other.headers.get('sunset')).toBeNull();
  });

  it('lists apps, reconciles as a dry run, and exits 1 when the token lacks the scope', async () => {
    const apps = await lanyard(['apps', 'list']);
    expect(apps.code).toBe(0);
    expect(apps.stdout).toContain('No applications.');
    const dry = await lanyard(['reconcile', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('(dry run: nothing changed)');
    const reader = await createAccessToken(
      idp.testDb.db,
      { id: (await idp.testDb.db.user.findFirstOrThrow()).id, email: 'x' },
      'personal',
      {
        name: 'read only',
        scopes: ['products:read'],
        expiresInDays: 1,
      },
    );
    const refused = await lanyard(['reconcile', '--dry-run', '--json'], { LANYARD_TOKEN: reader.token });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/403.*products:write/);
    expect(JSON.parse(refused.stdout).error.code).toBe('forbidden');
  });

  it('every response it got fits the OpenAPI document', () => {
    expect(api.violations).toEqual([]);
  });
});
