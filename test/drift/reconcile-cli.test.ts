import { spawn } from 'node:child_process';
import { NODE_TS_ARGS } from '../../scripts/node/node-ts';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedIdp, TEST_AUTH_SECRET, type RunningIdp } from '../helpers/embedded-idp';
import { publishProduct } from '../helpers/portal-fixtures';

// `npm run reconcile` (scripts/reconcile.ts) as an operator runs it: against
// the portal's database and IdP settings, printing a table, exiting 0 when
// every action worked and 1 when one failed.

const ROOT = path.resolve(__dirname, '../..');
let running: RunningIdp;

function reconcileCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_TS_ARGS, 'scripts/reconcile.ts', ...args], {
      cwd: ROOT,
      env: {
        NODE_ENV: 'test',
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: running.testDb.url,
        LANYARD_URL: running.portalUrl,
        NEXTAUTH_SECRET: TEST_AUTH_SECRET,
        LANYARD_IDP: 'embedded',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  running = await startEmbeddedIdp();
  const db = running.testDb.db;
  await publishProduct(db, running.adapter, 'tracks');
  // Drift: a published product the IdP lost, and a client no app uses.
  await publishProduct(db, running.adapter, 'weather');
  await running.adapter.deleteApiProduct('weather');
  await running.adapter.createClient({ appId: randomUUID() });
});
afterAll(async () => {
  await running?.stop();
});

describe('npm run reconcile', () => {
  it('--dry-run prints the report and the plan, changes nothing, exits 0', async () => {
    const run = await reconcileCli(['--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 issue(s)');
    expect(run.stdout).toMatch(/\| planned \| create_product +\| weather/);
    expect(run.stdout).toMatch(/\| planned \| delete_client/);
    expect((await running.adapter.listApiProducts()).map((p) => p.id)).not.toContain('weather');
  }, 60_000);

  it('reconciles, audits as reconcile-cli, and is clean afterwards', async () => {
    const run = await reconcileCli([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\| done +\| create_product/);
    expect(run.stdout).toContain('After: the portal and the IdP agree.');
    expect((await running.adapter.listApiProducts()).map((p) => p.id)).toContain('weather');
    const events = await running.testDb.db.auditEvent.findMany({ where: { action: { startsWith: 'drift.' } } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.actorEmail.startsWith('reconcile-cli:') && e.outcome === 'success')).toBe(true);
    const json = await reconcileCli(['--dry-run', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, ok: true, actions: [], before: { clean: true } });
  }, 60_000);

  it('exits 1 when an action fails, and 2 on an unknown argument', async () => {
    await running.testDb.db.apiProduct.create({ data: { apiProductId: 'not valid', slug: 'not-valid', name: 'Broken', openapi: '{}' } });
    const run = await reconcileCli([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\| FAILED \| create_product/);
    expect(run.stderr).toContain('1 action(s) failed');
    expect((await reconcileCli(['--force'])).code).toBe(2);
  }, 60_000);
});
