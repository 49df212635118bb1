import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatedDocument as documentFor } from './bench-documents';
import { NODE_TS_ARGS, SERVER_BUNDLE, serverNodeArgs } from './node/node-ts';

// `npm run bench:portal`: the portal at the size of a real platform
// (docs/architecture.md, "Product pages and big documents"). It seeds its own
// SQLite database — products through lib/products/publish-product.ts, the
// admin API's code path, each with a generated OpenAPI 3 document of 60 paths
// × 2 operations (about 100 KB); apps, subscriptions and audit events in bulk —
// publishes GitHub's 13 MB description through POST /api/admin/products while
// /api/health is under load, then drives 50 connections for 10 s at each page
// of the production build (server.ts) and prints a table beside the floor: a
// route that does one trivial database query (/api/health).
//
//   npm run bench:portal -- --products 20 --apps 200 --subscriptions 400 --audit 1000 --seconds 3
//
// Port 3230 by default (--port). The build is refreshed first when the
// sources changed (scripts/build-if-changed.ts). The server runs as
// `npm start` runs it, heap cap included (LANYARD_HEAP_MB). --keep leaves the
// database behind and --reuse <dir> serves it again without seeding;
// --only "home,catalog" drives only those pages; BENCH_NODE_ARGS adds Node
// flags to the server (--cpu-prof, say).

const { values: opts } = parseArgs({
  options: {
    products: { type: 'string', default: '1000' },
    apps: { type: 'string', default: '10000' },
    subscriptions: { type: 'string', default: '20000' },
    audit: { type: 'string', default: '50000' },
    'my-apps': { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3230' },
    'no-github': { type: 'boolean', default: false },
    // Serve the build in .next as it is (e.g. a "before" figure while the sources change).
    'no-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // Serve a database a --keep run left behind, without seeding or publishing again (for profiling a page).
    reuse: { type: 'string' },
    // Drive only the pages whose name contains this text (the floor always runs).
    only: { type: 'string' },
  },
});
const N = {
  products: Number(opts.products),
  apps: Number(opts.apps),
  subscriptions: Number(opts.subscriptions),
  audit: Number(opts.audit),
  myApps: Number(opts['my-apps']),
};
const SECONDS = Number(opts.seconds);
const CONNECTIONS = Number(opts.connections);
const PORT = Number(opts.port);
const BASE = `http://localhost:${PORT}`;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<AutocannonResult>;

// ------------------------------------------------------------------ data ----

/** The benchmark's generated document for product n, its server on this portal's demo gateway. */
const generatedDocument = (n: number) => documentFor(n, `http://localhost:${PORT}/gateway/bench-${n}`);

async function seed(): Promise<{ consumerCookie: string; adminCookie: string; appId: string; smallSlug: string }> {
  const { db } = await import('../lib/db');
  const { idp } = await import('../lib/idp');
  const { createProduct } = await import('../lib/products/publish-product');
  const client = db();

  const upsertUser = (email: string, name: string, isAdmin: boolean) =>
    client.user.upsert({
      where: { email },
      update: { isAdmin },
      create: { email, name, isAdmin, groups: JSON.stringify(isAdmin ? ['lanyard-admins'] : []) },
    });
  const consumer = await upsertUser('dev@example.com', 'Dee Veloper', false);
  const admin = await upsertUser('admin@example.com', 'Ada Admin', true);
  const viewer = { id: admin.id, email: admin.email, role: 'admin' as const, name: admin.name, groups: ['lanyard-admins'] };

  // A session row is what a sign-in through the embedded IdP leaves behind
  // (lib/auth/session-adapter.ts): the cookie's SHA-256, never the cookie.
  const session = async (userId: string) => {
    const token = randomBytes(32).toString('base64url');
    const tokenHash = createHash('sha256').update(token).digest('base64url');
    await client.session.create({ data: { tokenHash, userId, expires: new Date(Date.now() + 8 * 3600_000) } });
    return `next-auth.session-token=${token}`;
  };

  let t = Date.now();
  const productIds: string[] = [];
  let smallSlug = '';
  // Two at a time: the 2 cores also serve the IdP's writes and the audit trail.
  for (let i = 0; i < N.products; i += 2) {
    const batch = [i, i + 1].filter((n) => n < N.products);
    const made = await Promise.all(
      batch.map((n) =>
        createProduct(client, idp(), viewer as never, {
          apiProductId: `bench-${n}`,
          name: `Bench API ${String(n).padStart(4, '0')}`,
          description: `Generated product ${n} for the portal benchmark.`,
          version: '',
          approvalRequired: n % 5 === 0,
          openapi: generatedDocument(n),
        }),
      ),
    );
    for (const p of made) productIds.push(p.id);
    if (!smallSlug) smallSlug = made[0]!.slug;
    if ((i + 2) % 100 === 0) log(`  ${i + 2} products published (${((Date.now() - t) / 1000).toFixed(0)} s)`);
  }
  log(`Published ${N.products} products through publish-product.ts in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  t = Date.now();
  const owners: string[] = [];
  const OWNERS = 100;
  await client.user.createMany({
    data: Array.from({ length: OWNERS }, (_, i) => ({ email: `owner-${i}@bench.example`, name: `Owner ${i}` })),
  });
  for (const u of await client.user.findMany({ where: { email: { endsWith: '@bench.example' } }, select: { id: true } })) owners.push(u.id);
  const appRows = Array.from({ length: N.apps }, (_, i) => {
    const owner = i < N.myApps ? consumer.id : owners[i % owners.length]!;
    return {
      id: `benchapp${String(i).padStart(6, '0')}`,
      name: `Bench app ${i}`,
      description: `Generated application ${i}`,
      ownerUserId: owner,
      idp: 'embedded',
      clientId: `bench-client-${i}`,
      createdById: owner,
    };
  });
  for (let i = 0; i < appRows.length; i += 500) await client.application.createMany({ data: appRows.slice(i, i + 500) });
  const perApp = Math.max(1, Math.round(N.subscriptions / Math.max(1, N.apps)));
  const subRows: { applicationId: string; productId: string; status: string; requestedById: string }[] = [];
  for (let i = 0; i < appRows.length && subRows.length < N.subscriptions; i++) {
    for (let k = 0; k < perApp && subRows.length < N.subscriptions && k < productIds.length; k++) {
      subRows.push({
        applicationId: appRows[i]!.id,
        productId: productIds[(i * 7 + k) % productIds.length]!,
        status: (i + k) % 4 === 0 ? 'pending' : 'approved',
        requestedById: appRows[i]!.createdById,
      });
    }
  }
  for (let i = 0; i < subRows.length; i += 500) await client.subscription.createMany({ data: subRows.slice(i, i + 500) });
  const actions = ['app.create', 'subscription.request', 'subscription.approve', 'secret.rotate', 'auth.sign_in'];
  const start = Date.now() - N.audit * 60_000;
  for (let i = 0; i < N.audit; i += 1000) {
    await client.auditEvent.createMany({
      data: Array.from({ length: Math.min(1000, N.audit - i) }, (_, k) => {
        const n = i + k;
        return {
          at: new Date(start + n * 60_000),
          actorId: owners[n % owners.length],
          actorEmail: `owner-${n % owners.length}@bench.example`,
          action: actions[n % actions.length]!,
          targetType: 'application',
          targetId: `benchapp${String(n % Math.max(1, N.apps)).padStart(6, '0')}`,
          outcome: 'success',
          detail: JSON.stringify({ n }),
        };
      }),
    });
  }
  log(
    `Inserted ${appRows.length} apps, ${subRows.length} subscriptions, ${N.audit} audit events in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );

  const result = {
    consumerCookie: await session(consumer.id),
    adminCookie: await session(admin.id),
    appId: appRows[0]!.id,
    smallSlug,
  };
  await client.$disconnect();
  return result;
}

// ---------------------------------------------------------------- server ----

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** The portal process under load, for its CPU time; set when it starts. */
let portalPid: number | undefined;

/**
 * CPU time the portal process has used, in milliseconds (user + system, all
 * its threads, from /proc: 100 ticks a second on Linux). Per request, it is a
 * steadier figure than req/s on a shared machine, whose speed can change
 * from one run to the next by a third; it is undefined elsewhere.
 */
function portalCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/${portalPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function waitForServer(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The portal exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The portal did not answer /api/health within 120 s');
}

// ------------------------------------------------------------------ load ----

interface Row {
  name: string;
  path: string;
  perSecond: number;
  p50: number;
  p975: number;
  p99: number;
  bodyKb: number;
  failures: number;
  status: number;
  /** Requests answered in the run. */
  done: number;
  /** The portal's CPU time per answered request, in ms. */
  cpuMs: number | undefined;
}

/** Waits until the portal has worked off what the last run left queued, so that one page's backlog is not the next page's figure. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const started = Date.now();
    const ok = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && Date.now() - started < 100) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function drive(name: string, pathname: string, cookie?: string, seconds = SECONDS, connections = CONNECTIONS): Promise<Row> {
  await settle();
  const headers: Record<string, string> = cookie ? { cookie } : {};
  // One request first, for the body's size and status; a page too slow to answer in a minute gets neither.
  const probe = await fetch(`${BASE}${pathname}`, { headers, redirect: 'manual', signal: AbortSignal.timeout(60_000) }).then(
    async (res) => ({ status: res.status, body: Buffer.from(await res.arrayBuffer()) }),
    () => ({ status: 0, body: Buffer.alloc(0) }),
  );
  const body = probe.body;
  const cpuBefore = portalCpuMs();
  const r = await autocannon({ url: `${BASE}${pathname}`, connections, duration: seconds, headers, timeout: 10 });
  const cpuAfter = portalCpuMs();
  const row: Row = {
    name,
    path: pathname,
    perSecond: r.requests.average,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    bodyKb: body.length / 1024,
    failures: r.errors + r.timeouts + r.non2xx,
    status: probe.status,
    done: r.requests.total,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined || !r.requests.total ? undefined : (cpuAfter - cpuBefore) / r.requests.total,
  };
  log(
    `  ${name}: ${row.perSecond.toFixed(0)} req/s, p99 ${row.p99} ms, ${row.bodyKb.toFixed(0)} KB, ${row.failures} failures, ${cpu(row)} CPU/request`,
  );
  return row;
}

const cpu = (r: Row) => (r.cpuMs === undefined ? '–' : `${r.cpuMs.toFixed(1)} ms`);

function table(rows: Row[], floor: number, rssMb: number): string {
  const head = '| page | path | req/s | p50 | p97.5 | p99 | body | failures | × floor | server CPU/request |';
  const sep = '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|';
  const ms = (v: number) => `${v} ms`;
  const lines = rows.map(
    (r) =>
      `| ${r.name} | \`${r.path}\` | ${r.perSecond.toFixed(0)} | ${r.done ? `${ms(r.p50)} | ${ms(r.p975)} | ${ms(r.p99)}` : '– | – | –'} | ${r.bodyKb.toFixed(0)} KB | ${r.failures}${r.status >= 300 ? ` (HTTP ${r.status})` : r.status === 0 ? ' (no answer in 60 s)' : ''} | ${(r.perSecond / floor).toFixed(2)} | ${cpu(r)} |`,
  );
  return [head, sep, ...lines, '', `Server peak RSS (VmHWM): ${rssMb.toFixed(0)} MB`].join('\n');
}

async function publishGithub(adminCookie: string, apiProductId = 'github'): Promise<{ slug?: string; line: string }> {
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  const text = readFileSync(file, 'utf8');
  // A server just started compiles its routes on their first requests: warm up before the idle figure.
  await drive('/api/health warm-up', '/api/health', undefined, 3, 10);
  const idle = await drive('/api/health idle', '/api/health', undefined, 5, 10);
  const load = autocannon({ url: `${BASE}/api/health`, connections: 10, duration: 600, timeout: 10 }) as Promise<AutocannonResult> & {
    stop?: () => void;
  };
  const started = Date.now();
  const res = await fetch(`${BASE}/api/admin/products`, {
    method: 'POST',
    headers: { cookie: adminCookie, origin: BASE, 'content-type': 'application/json' },
    body: JSON.stringify({ apiProductId, name: 'GitHub REST API', description: "GitHub's REST API (13 MB)", openapi: text }),
  });
  const seconds = (Date.now() - started) / 1000;
  const answer = (await res.json().catch(() => ({}))) as { slug?: string; error?: { message?: string }; warnings?: unknown[] };
  (load as unknown as { stop(): void }).stop();
  const during = await load;
  const size = (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);
  const outcome = res.ok
    ? `published in ${seconds.toFixed(1)} s${answer.warnings ? ` (${answer.warnings.length} warnings)` : ''}`
    : `refused with HTTP ${res.status} after ${seconds.toFixed(1)} s: ${answer.error?.message?.slice(0, 120)}`;
  const line = [
    `GitHub's description (${size} MB) through POST /api/admin/products: ${outcome}`,
    `/api/health p99 (10 connections): idle ${idle.p99} ms, while publishing ${during.latency.p99} ms (${(during.latency.p99 / Math.max(1, idle.p99)).toFixed(1)}×), ${during.errors + during.timeouts + during.non2xx} failures`,
  ].join('\n');
  return { slug: res.ok ? answer.slug : undefined, line };
}

/** When the portal refuses GitHub's document (the "before" run), the row goes in directly, so its page can be measured all the same. */
async function insertGithubDirectly(): Promise<string> {
  const { db } = await import('../lib/db');
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  const row = await db().apiProduct.create({
    data: {
      apiProductId: 'github',
      slug: 'github',
      name: 'GitHub REST API',
      description: 'inserted directly',
      openapi: readFileSync(file, 'utf8'),
      scope: 'github',
    },
  });
  await db().$disconnect();
  return row.slug;
}

async function main() {
  const dir = opts.reuse ?? mkdtempSync(path.join(tmpdir(), 'lanyard-bench-portal-'));
  const seededFile = path.join(dir, 'seeded.json');
  const env: Record<string, string> = {
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    LANYARD_URL: BASE,
    PORT: String(PORT),
    LANYARD_IDP: 'embedded',
    LANYARD_DEMO: 'on',
    LANYARD_DEMO_GATEWAY: 'off',
    LANYARD_DRIFT_CHECK_MINUTES: '0',
    NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
    ...(opts.reuse && { NEXTAUTH_SECRET: (JSON.parse(readFileSync(seededFile, 'utf8')) as { secret: string }).secret }),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  Object.assign(process.env, env);
  const runTs = (script: string, extra: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [...NODE_TS_ARGS, ...script.split(' ')], { stdio: 'inherit', env: { ...process.env, ...extra } });
    if (r.status !== 0) throw new Error(`${script} failed (${r.status})`);
  };
  let server: ChildProcess | undefined;
  const startServer = () => {
    const child = spawn(process.execPath, [...serverNodeArgs(), ...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), SERVER_BUNDLE], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    portalPid = child.pid;
    return child;
  };
  if (!opts['no-build']) {
    log('Building the portal if the sources changed…');
    runTs('scripts/build-if-changed.ts');
  }
  if (!existsSync('.next/BUILD_ID') || !existsSync(SERVER_BUNDLE)) throw new Error('There is no build in .next (npm run build)');
  try {
    type Seeded = Awaited<ReturnType<typeof seed>> & { secret: string; githubSlug?: string; publishLine: string };
    let seeded: Seeded;
    if (opts.reuse) {
      seeded = JSON.parse(readFileSync(seededFile, 'utf8')) as Seeded;
      server = startServer();
      await waitForServer(server);
      // --only publish: publish GitHub's description again, under a new id, for the publish figures alone.
      if (opts.only?.split(',').includes('publish'))
        seeded.publishLine = (await publishGithub(seeded.adminCookie, `github-${Date.now()}`)).line;
      else seeded.publishLine = `From the run that seeded this database (--only publish measures it again):\n${seeded.publishLine}`;
    } else {
      runTs('scripts/db.ts deploy');
      runTs('scripts/seed.ts');
      log(
        `Seeding: ${N.products} products, ${N.apps} apps (${N.myApps} the demo consumer's), ${N.subscriptions} subscriptions, ${N.audit} audit events…`,
      );
      seeded = { ...(await seed()), secret: env.NEXTAUTH_SECRET!, publishLine: 'GitHub description: skipped (--no-github)' };
      server = startServer();
      await waitForServer(server);
      log(`Portal up on ${BASE} (pid ${server.pid})`);
      if (!opts['no-github']) {
        const published = await publishGithub(seeded.adminCookie);
        seeded.publishLine = published.line;
        log(published.line);
        seeded.githubSlug = published.slug;
        if (!seeded.githubSlug) {
          server.kill('SIGTERM');
          await new Promise((r) => server!.once('exit', r));
          seeded.githubSlug = await insertGithubDirectly();
          server = startServer();
          await waitForServer(server);
          seeded.publishLine += '\n(the row was then inserted directly, so that its product page is measured all the same)';
        }
      }
      if (opts.keep) writeFileSync(seededFile, JSON.stringify(seeded));
    }
    const { githubSlug, publishLine } = seeded;

    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, peakRssMb(server!.pid!))), 250);
    const c = seeded.consumerCookie;
    const a = seeded.adminCookie;
    // Pages whose requests can outlast their run (lists that load every
    // document, before issue 15's list work) go last, so that what they
    // leave queued cannot weigh on the others' figures; settle() waits
    // for the queue to drain between runs as well.
    const pages: [string, string, string | undefined][] = [
      ['product page, small doc', `/apis/${seeded.smallSlug}`, c],
      ...(githubSlug ? ([['product page, GitHub doc', `/apis/${githubSlug}`, c]] as [string, string, string][]) : []),
      ['admin overview', '/admin', a],
      ['admin apps', '/admin/apps', a],
      ['admin subscriptions', '/admin/subscriptions', a],
      ['admin audit', '/admin/audit', a],
      ['my apps', '/apps', c],
      ['app page', `/apps/${seeded.appId}`, c],
      ['GET /api/apps', '/api/apps', c],
      // What the browser fetches after those pages, which are the same for every
      // reader with the same role and kept (docs/adr/0015-catalog-page-cache.md):
      // the header's user, the product page's app menus, an app, the admin overview's figures
      // and the admin lists' first pages.
      ['GET /api/account/me', '/api/account/me', c],
      ['GET …/app-choices', `/api/catalog/${seeded.smallSlug}/app-choices`, c],
      ['GET /api/apps/<id>', `/api/apps/${seeded.appId}`, c],
      ['GET /api/admin/overview', '/api/admin/overview', a],
      ['GET /api/admin/apps', '/api/admin/apps', a],
      ['GET /api/admin/subscriptions', '/api/admin/subscriptions', a],
      ['GET /api/admin/audit', '/api/admin/audit', a],
      ['catalog search', '/apis?q=0042', c],
      ['home', '/', c],
      ['catalog', '/apis', c],
    ];
    // The floor is driven before the pages and again after them, each time
    // after a warm-up, and the higher figure is the one the ratios divide by:
    // on a shared 2-core machine one 10 s run can come out a third low
    // (a cold JIT, a noisy neighbour), which would flatter every ratio.
    log('Load: floor (after a warm-up), each page, the floor again');
    await drive('floor warm-up', '/api/health', undefined, 5);
    const floorBefore = await drive('floor', '/api/health');
    const rows = [floorBefore];
    // Each page gets a warm-up as the floor does, so that the first request
    // to compile its code (and the first page driven) is not what is measured.
    for (const [name, p, cookie] of pages.filter(([name]) => !opts.only || opts.only.split(',').some((o) => name.includes(o)))) {
      await drive(`${name} warm-up`, p, cookie, 2);
      rows.push(await drive(name, p, cookie));
    }
    const floorAfter = await drive('floor, again', '/api/health');
    rows.push(floorAfter);
    const floor = floorBefore.perSecond >= floorAfter.perSecond ? floorBefore : floorAfter;
    clearInterval(poll);
    peak = Math.max(peak, peakRssMb(server.pid!));
    const out = [
      `Lanyard portal benchmark — ${new Date().toISOString()}`,
      `Data: ${N.products} products (60 paths × 2 operations each), ${N.apps} apps, ${N.subscriptions} subscriptions, ${N.audit} audit events`,
      `Load: ${CONNECTIONS} connections × ${SECONDS} s per page (autocannon), production build, SQLite`,
      '',
      table(rows, floor.perSecond, peak),
      `Ratios are to the higher floor: ${floor.perSecond.toFixed(0)} req/s (before the pages ${floorBefore.perSecond.toFixed(0)}, after them ${floorAfter.perSecond.toFixed(0)}).`,
      '',
      publishLine,
    ].join('\n');
    process.stdout.write(`${out}\n`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
    }
    if (!opts.keep && !opts.reuse) rmSync(dir, { recursive: true, force: true });
    else log(`Kept ${dir}`);
  }
  process.exit(0);
}

await main();
