import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { generatedDocument } from './bench-documents';

// Swagger UI (the product page's renderer) against two maintained renderers,
// Redoc and Scalar, on the same documents in Debian's Chromium
// (docs/adr/0010-product-pages-and-big-documents.md). Each renderer's own
// standalone browser bundle is served from loopback with the document; the
// figures are the script it costs (gzip), the time until an operation of
// the document is on screen, the main thread's long tasks meanwhile, and the
// JS heap once it is.
//
// The two others are not dependencies of the portal: install the three
// bundles into a directory of their own and point --from at its node_modules:
//
//   (mkdir -p /tmp/renderers && cd /tmp/renderers && npm init -y && npm install swagger-ui-dist redoc @scalar/api-reference)
//   npm run bench:renderers -- --from /tmp/renderers/node_modules

const { values: opts } = parseArgs({ options: { from: { type: 'string' }, runs: { type: 'string', default: '3' } } });
if (!opts.from) throw new Error('--from <node_modules holding swagger-ui-dist, redoc and @scalar/api-reference>');
const from = opts.from;
const RUNS = Number(opts.runs);

const githubText = readFileSync(createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8');

/**
 * The summary of the document's first operation as the renderers order them
 * (the first declared tag, then paths in order): all three show it near the
 * top, and Swagger UI renders operations only as they come into view.
 */
function firstSummary(text: string): string {
  type Op = { summary?: string; tags?: string[] };
  const doc = JSON.parse(text) as { tags?: { name: string }[]; paths: Record<string, Record<string, Op>> };
  const ops = Object.values(doc.paths).flatMap((item) =>
    Object.values(item).filter((op): op is Op => !!op && typeof op === 'object' && 'responses' in op),
  );
  const tag = doc.tags?.[0]?.name;
  return (ops.find((op) => tag && op.tags?.includes(tag)) ?? ops[0])!.summary!;
}

const generated = generatedDocument(7, 'https://gateway.example/bench-7');
const github = JSON.stringify(JSON.parse(githubText));
const documents: Record<string, { text: string; shows: string }> = {
  'generated, 120 operations': { text: generated, shows: firstSummary(generated) },
  "GitHub's REST API": { text: github, shows: firstSummary(github) },
};

interface Renderer {
  name: string;
  files: Record<string, string>;
  page: string;
}
const file = (p: string) => path.join(from, p);
const renderers: Renderer[] = [
  {
    name: 'Swagger UI (swagger-ui-dist, as swagger-ui-react)',
    files: {
      '/swagger-ui-bundle.js': file('swagger-ui-dist/swagger-ui-bundle.js'),
      '/swagger-ui.css': file('swagger-ui-dist/swagger-ui.css'),
    },
    page: `<link rel="stylesheet" href="/swagger-ui.css"><div id="app"></div><script src="/swagger-ui-bundle.js"></script>
      <script>SwaggerUIBundle({ url: '/doc.json', dom_id: '#app', docExpansion: 'list' });</script>`,
  },
  {
    name: 'Redoc',
    files: { '/redoc.standalone.js': file('redoc/bundles/redoc.standalone.js') },
    page: `<div id="app"></div><script src="/redoc.standalone.js"></script><script>Redoc.init('/doc.json', {}, document.getElementById('app'));</script>`,
  },
  {
    name: 'Scalar',
    files: { '/standalone.js': file('@scalar/api-reference/dist/browser/standalone.js') },
    page: `<div id="app"></div><script src="/standalone.js"></script><script>Scalar.createApiReference('#app', { url: '/doc.json' });</script>`,
  },
];
const version = (pkg: string) => (JSON.parse(readFileSync(file(`${pkg}/package.json`), 'utf8')) as { version: string }).version;

let current = { renderer: renderers[0]!, doc: '' };
const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/')
    return res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><meta charset="utf-8">${current.renderer.page}`);
  if (url === '/doc.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(current.doc);
  const asset = current.renderer.files[url];
  if (!asset) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': url.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(readFileSync(asset));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch(chromiumLaunchOptions);
const lines = ['| renderer | document | script (gzip) | operation on screen | long tasks | JS heap |', '|---|---|---:|---:|---:|---:|'];
for (const renderer of renderers) {
  const scriptBytes = Object.entries(renderer.files)
    .filter(([url]) => url.endsWith('.js'))
    .reduce((n, [, f]) => n + gzipSync(readFileSync(f)).length, 0);
  for (const [docName, doc] of Object.entries(documents)) {
    current = { renderer, doc: doc.text };
    const times: number[] = [];
    const blocked: number[] = [];
    const heaps: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number };
        w.__longTasks = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks += e.duration;
        }).observe({ type: 'longtask', buffered: true });
      });
      const started = Date.now();
      await page.goto(base);
      await page.getByText(doc.shows, { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 180_000 });
      times.push(Date.now() - started);
      blocked.push(await page.evaluate(() => (window as unknown as { __longTasks: number }).__longTasks));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heaps.push(usedSize);
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    lines.push(
      `| ${renderer.name} | ${docName} | ${(scriptBytes / 1024).toFixed(0)} KB | ${(median(times) / 1000).toFixed(1)} s | ${(median(blocked) / 1000).toFixed(1)} s | ${(median(heaps) / 1024 / 1024).toFixed(0)} MB |`,
    );
    process.stderr.write(`${lines.at(-1)}\n`);
  }
}
await browser.close();
server.close();
process.stdout.write(
  [
    `Renderers on the same documents, Chromium, median of ${RUNS} — swagger-ui-dist ${version('swagger-ui-dist')}, redoc ${version('redoc')}, @scalar/api-reference ${version('@scalar/api-reference')}`,
    '',
    ...lines,
    '',
  ].join('\n'),
);
