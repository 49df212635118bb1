#!/usr/bin/env node
// The `lanyard` CLI (README, "Automation: tokens, API and CLI"): publish and
// deprecate API products, list apps and reconcile from a pipeline, over
// /api/v1 with an access token. Plain Node ESM with no dependencies, so
// `npx lanyard …` works without a build step.
//
// Exit codes CI can trust: 0 done, 1 the API refused or could not be
// reached, 2 the command line is wrong. Human output by default; --json
// prints the API's JSON answer on stdout.

import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage: lanyard <command> [options]

Commands:
  login --token <lyd_…> [--url <portal URL>]     store the token (~/.config/lanyard/config.json, mode 0600)
  products publish <openapi.yaml|json> --id <id> [--approval] [--name <name>]
                                                  publish a product, or a new version of it
  products deprecate <id> --sunset <YYYY-MM-DD>   deprecate a product with a sunset date
  apps list                                       your applications
  reconcile [--dry-run]                           make the IdP match the portal (--dry-run: only plan)

Options:
  --json        print the API's JSON answer
  --url <url>   the portal (default: the stored one, or LANYARD_URL)
  -h, --help    this help

Environment: LANYARD_TOKEN and LANYARD_URL override the stored login.
Exit codes: 0 ok, 1 API error, 2 usage error.`;

class UsageError extends Error {}
class ApiFailure extends Error {
  constructor(message, body) {
    super(message);
    this.body = body;
  }
}

const configDir = () => path.join(process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'lanyard');
const configFile = () => path.join(configDir(), 'config.json');

function readConfig() {
  try {
    return JSON.parse(readFileSync(configFile(), 'utf8'));
  } catch {
    return {};
  }
}

function writeConfig(config) {
  mkdirSync(configDir(), { recursive: true, mode: 0o700 });
  writeFileSync(configFile(), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // An existing file keeps its mode on write: set it again.
  chmodSync(configFile(), 0o600);
}

function settings(flags) {
  const stored = readConfig();
  const url = (flags.url || process.env.LANYARD_URL || stored.url || 'http://localhost:3000').replace(/\/+$/, '');
  const token = process.env.LANYARD_TOKEN || stored.token;
  if (!token) throw new UsageError('Not logged in: run `lanyard login --token <lyd_…>` or set LANYARD_TOKEN');
  return { url, token };
}

const UPLOAD_CHUNK = 64 * 1024;
const PROGRESS_FROM = 256 * 1024;

/** One API call; the body is sent in chunks, with a progress line on stderr for large uploads. */
function call(conn, method, apiPath, { body, contentType = 'application/json', headers = {}, label } = {}) {
  const target = new URL(`${conn.url}${apiPath}`);
  const lib = target.protocol === 'https:' ? https : http;
  const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method,
        headers: {
          authorization: `Bearer ${conn.token}`,
          accept: 'application/json',
          'user-agent': 'lanyard-cli/1',
          ...(data && { 'content-type': contentType, 'content-length': String(data.length) }),
          ...headers,
        },
        timeout: 120_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('the portal did not answer in time')));
    req.on('error', (err) => reject(new ApiFailure(`Could not reach ${conn.url}: ${err.message}`)));
    if (!data) return req.end();
    const progress = data.length >= PROGRESS_FROM;
    let sent = 0;
    const writeNext = () => {
      while (sent < data.length) {
        const chunk = data.subarray(sent, sent + UPLOAD_CHUNK);
        sent += chunk.length;
        if (progress)
          process.stderr.write(`\rUploading ${label ?? 'the request'}: ${Math.round((sent / data.length) * 100)}% of ${kb(data.length)}`);
        if (!req.write(chunk)) return req.once('drain', writeNext);
      }
      if (progress) process.stderr.write('\n');
      req.end();
    };
    writeNext();
  });
}

const kb = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`);

function expectOk(res, what) {
  if (res.status >= 200 && res.status < 300) return res.json;
  const e = res.json?.error;
  const fields = e?.fields
    ? Object.entries(e.fields)
        .map(([k, v]) => `\n  ${k}: ${v}`)
        .join('')
    : '';
  throw new ApiFailure(`${what} failed (${res.status}): ${e?.message ?? (res.text.slice(0, 200) || 'no answer')}${fields}`, res.json);
}

function out(flags, json, human) {
  if (flags.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${human}\n`);
}

function changelog(version) {
  if (!version) return '  The document is the same as the latest version: nothing new was published.';
  const c = version.changes;
  const lines = [`  Version ${version.number} (${version.version})${version.breaking ? ' — BREAKING' : ''}`];
  for (const op of c.added) lines.push(`  + ${op.method} ${op.path}`);
  for (const op of c.removed) lines.push(`  - ${op.method} ${op.path}`);
  for (const op of c.changed) lines.push(`  ~ ${op.method} ${op.path}: ${op.notes.join('; ')}`);
  for (const b of c.breaking) lines.push(`  ! breaking: ${b.detail} (${b.method} ${b.path})`);
  return lines.join('\n');
}

async function login(flags) {
  if (!flags.token) throw new UsageError('login needs --token <lyd_…>');
  if (!/^lyd_[A-Za-z0-9_-]{43}$/.test(flags.token)) throw new UsageError('That is not a Lanyard access token (they start with lyd_)');
  const conn = {
    url: (flags.url || process.env.LANYARD_URL || readConfig().url || 'http://localhost:3000').replace(/\/+$/, ''),
    token: flags.token,
  };
  const res = await call(conn, 'GET', '/api/v1/products?limit=1');
  if (res.status === 401 || res.status === 0) expectOk(res, 'Checking the token');
  writeConfig(conn);
  out(
    flags,
    { url: conn.url, stored: configFile() },
    `Logged in to ${conn.url}; the token is stored in ${configFile()} (readable by you only).`,
  );
}

async function publish(flags, file) {
  if (!file) throw new UsageError('products publish needs the OpenAPI file: lanyard products publish ./openapi.yaml --id tracks');
  if (!flags.id) throw new UsageError('products publish needs --id <product id>');
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${file}`);
  const conn = settings(flags);
  const doc = readFileSync(file);
  const contentType = /\.ya?ml$/i.test(file) ? 'application/yaml' : 'application/json';
  const id = encodeURIComponent(flags.id);
  const existing = await call(conn, 'GET', `/api/v1/products/${id}`);
  if (existing.status !== 404) expectOk(existing, `Looking up ${flags.id}`);
  const label = path.basename(file);
  let result;
  if (existing.status === 404) {
    const q = new URLSearchParams({ id: flags.id, ...(flags.approval && { approval: 'true' }), ...(flags.name && { name: flags.name }) });
    // The same document for the same id is the same request: a retried CI step replays the first answer.
    const key = `publish-${createHash('sha256').update(flags.id).update('\n').update(doc).digest('hex').slice(0, 40)}`;
    result = expectOk(
      await call(conn, 'POST', `/api/v1/products?${q}`, { body: doc, contentType, headers: { 'idempotency-key': key }, label }),
      'Publishing',
    );
    out(
      flags,
      result,
      `Published ${result.product.id} (${result.product.name}, ${result.product.operationCount} operations).\n${changelog(result.version)}`,
    );
  } else {
    const q = flags.approval ? '?approval=true' : '';
    result = expectOk(await call(conn, 'PUT', `/api/v1/products/${id}/openapi${q}`, { body: doc, contentType, label }), 'Publishing');
    out(flags, result, `Updated ${result.product.id} (${result.product.name}).\n${changelog(result.version)}`);
  }
}

async function deprecate(flags, productId) {
  if (!productId) throw new UsageError('products deprecate needs the product id: lanyard products deprecate tracks --sunset 2027-06-30');
  if (!flags.sunset || !/^\d{4}-\d{2}-\d{2}$/.test(flags.sunset)) throw new UsageError('products deprecate needs --sunset YYYY-MM-DD');
  const conn = settings(flags);
  const res = await call(conn, 'PUT', `/api/v1/products/${encodeURIComponent(productId)}/deprecation`, {
    body: JSON.stringify({ sunset: flags.sunset }),
  });
  const product = expectOk(res, 'Deprecating');
  out(
    flags,
    product,
    `${product.id} is deprecated; sunset ${product.sunset}. Its subscribers were told, and its responses now carry Deprecation and Sunset headers.`,
  );
}

async function appsList(flags) {
  const conn = settings(flags);
  const items = [];
  let cursor = '';
  do {
    const page = expectOk(await call(conn, 'GET', `/api/v1/apps?limit=200${cursor ? `&cursor=${cursor}` : ''}`), 'Listing apps');
    items.push(...page.items);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  if (flags.json) return out(flags, { items }, '');
  if (!items.length) return out(flags, null, 'No applications.');
  const rows = items.map((a) => [
    a.id,
    a.name,
    a.type,
    a.clientId ?? '-',
    a.subscriptions.map((s) => `${s.product}(${s.status})`).join(', ') || '-',
  ]);
  out(flags, null, table(['ID', 'NAME', 'TYPE', 'CLIENT ID', 'SUBSCRIPTIONS'], rows));
}

async function reconcile(flags) {
  const conn = settings(flags);
  const result = expectOk(
    await call(conn, 'POST', '/api/v1/drift/reconcile', { body: JSON.stringify({ dryRun: !!flags['dry-run'] }) }),
    'Reconciling',
  );
  const head = `${result.before.issues} issue(s) between the portal and the IdP${result.dryRun ? ' (dry run: nothing changed)' : ''}.`;
  const rows = result.actions.map((a) => [a.status, a.kind, a.target, a.summary]);
  out(flags, result, rows.length ? `${head}\n${table(['STATUS', 'ACTION', 'TARGET', 'SUMMARY'], rows)}` : head);
  if (!result.ok) process.exitCode = 1;
}

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        token: { type: 'string' },
        url: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        approval: { type: 'boolean' },
        sunset: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err.message);
  }
  const {
    values: flags,
    positionals: [command, sub, arg, ...rest],
  } = parsed;
  if (flags.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    if (!command && !flags.help) process.exitCode = 2;
    return;
  }
  const extra = (n) => {
    const left = [sub, arg, ...rest].slice(n).filter((x) => x !== undefined);
    if (left.length) throw new UsageError(`Unexpected argument: ${left[0]}`);
  };
  if (command === 'login') return (extra(0), login(flags));
  if (command === 'products' && sub === 'publish') return (extra(2), publish(flags, arg));
  if (command === 'products' && sub === 'deprecate') return (extra(2), deprecate(flags, arg));
  if (command === 'apps' && sub === 'list') return (extra(1), appsList(flags));
  if (command === 'reconcile') return (extra(0), reconcile(flags));
  throw new UsageError(`Unknown command: ${[command, sub].filter(Boolean).join(' ')}`);
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) {
    process.stderr.write(`lanyard: ${err.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const json = process.argv.includes('--json');
  if (json && err instanceof ApiFailure && err.body) process.stdout.write(`${JSON.stringify(err.body, null, 2)}\n`);
  process.stderr.write(`lanyard: ${err.message}\n`);
  process.exitCode = 1;
});
