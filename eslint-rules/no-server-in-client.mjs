import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// A client component ('use client') must not pull in server code: anything
// that imports 'server-only' (the database, the environment with its secrets,
// the IdP adapters) or a Node built-in, directly or through other project
// modules. Next would fail the build on 'server-only' too, but only after a
// full build; this says which import chain is at fault, at lint time.
// Type-only imports are erased at build time and are allowed.

const ROOT = process.cwd();
const EXTENSIONS = ['.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

function resolve(from, spec) {
  let base;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return undefined;
  if (existsSync(base) && /\.[cm]?[jt]sx?$/.test(base)) return base;
  for (const ext of EXTENSIONS) if (existsSync(base + ext)) return base + ext;
  return undefined;
}

const cache = new Map();

/** The import chain from `file` to server-only code, or null when there is none. */
function serverChain(file, seen = new Set()) {
  if (cache.has(file)) return cache.get(file);
  if (seen.has(file)) return null;
  seen.add(file);
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let found = null;
  for (const [, typeOnly, spec] of source.matchAll(IMPORT)) {
    if (typeOnly) continue;
    if (spec === 'server-only' || spec.startsWith('node:')) {
      found = [spec];
      break;
    }
    const target = resolve(file, spec);
    const chain = target && serverChain(target, seen);
    if (chain) {
      found = [path.relative(ROOT, target), ...chain];
      break;
    }
  }
  cache.set(file, found);
  return found;
}

const isClientModule = (program) => program.body.some((n) => n.type === 'ExpressionStatement' && n.directive === 'use client');

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Client components must not import server-only modules ('server-only', node: built-ins), even indirectly" },
    schema: [],
    messages: {
      serverImport:
        "A 'use client' module imports server code: {{chain}}. Move the logic to lib/ behind an API route, or import types only.",
    },
  },
  create(context) {
    let client = false;
    return {
      Program(node) {
        client = isClientModule(node);
        cache.clear();
      },
      ImportDeclaration(node) {
        if (!client || node.importKind === 'type') return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type')) return;
        const spec = node.source.value;
        if (spec === 'server-only' || spec.startsWith('node:')) {
          context.report({ node, messageId: 'serverImport', data: { chain: spec } });
          return;
        }
        const target = resolve(context.filename, spec);
        const chain = target && serverChain(target);
        if (chain) context.report({ node, messageId: 'serverImport', data: { chain: [spec, ...chain].join(' → ') } });
      },
    };
  },
};

export default rule;
